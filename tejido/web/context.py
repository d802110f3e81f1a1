from tejido.territory.scope import scope_of


def scope(request):
    """Templates show menus by what the user may see."""
    return {"scope": scope_of(getattr(request, "user", None))}


def session_limits(request):
    """Seconds until this session ends without activity, for the page's idle warning
    (static/tejido/tejido.js). IdleSessionMiddleware renews the expiry at most once every
    SESSION_REFRESH_SECONDS: if it renews it on the way out of this request the page has the whole
    limit, otherwise the limit less the time since the last renewal."""
    import time

    from django.conf import settings

    from .middleware import IdleSessionMiddleware

    session = getattr(request, "session", None)
    limit = settings.SESSION_COOKIE_AGE
    if session is None:
        return {"session_idle_seconds": limit, "session_idle_limit": limit}
    since = int(time.time()) - session.get(IdleSessionMiddleware.KEY, 0)
    left = limit if since >= settings.SESSION_REFRESH_SECONDS else max(0, limit - since)
    return {"session_idle_seconds": left, "session_idle_limit": limit}
