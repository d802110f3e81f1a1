from tejido.territory.scope import scope_of


def scope(request):
    """Templates show menus by what the user may see."""
    return {"scope": scope_of(getattr(request, "user", None))}


def session_limits(request):
    """Seconds until this session ends without activity, for the page's idle warning
    (static/tejido/tejido.js). IdleSessionMiddleware renews the expiry at most once every
    SESSION_REFRESH_SECONDS, so after any request at least the limit less that interval is left:
    the page counts from that, never later than the server. A constant, not read from the session,
    so two pages differ by nothing that depends on when the session was last renewed (the
    not-found page of a protection case is byte-identical for everyone who may not see it)."""
    from django.conf import settings

    limit = settings.SESSION_COOKIE_AGE
    left = limit - min(settings.SESSION_REFRESH_SECONDS, limit // 3)
    return {"session_idle_seconds": left, "session_idle_limit": limit}
