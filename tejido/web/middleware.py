from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope, PermissionDenied
from tejido.common.query import MAX_ID, InvalidQuery


class ApplicationErrorMiddleware:
    """Turns rule violations that a view did not handle into a Spanish page or message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """An `<int:…>` of a page's path beyond a bigint (/territorio/departamentos/18446744073709551616/)
        names no record: the not-found page before any query (SQLite cannot bind it). The API's ids are
        bounded by their type (tejido/api/types.py)."""
        if request.path.startswith("/api/"):
            return None
        if any(type(value) is int and not 0 <= value <= MAX_ID for value in view_kwargs.values()):
            return render(request, "web/not_found.html", status=404)
        return None

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFoundOrOutOfScope):
            return render(request, "web/not_found.html", status=404)
        if isinstance(exception, InvalidQuery):
            return render(request, "web/bad_request.html", {"message": exception.message}, status=400)
        if isinstance(exception, PermissionDenied):
            return render(request, "web/forbidden.html", {"message": exception.message}, status=403)
        if isinstance(exception, ApplicationError):
            messages.error(request, exception.message)
            back = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
                back = "home"  # never bounce the user to another site
            return redirect(back)
        return None


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (Django 5.2 has no CSP of
    its own). Scripts only from our own static files (no inline JavaScript anywhere: behaviours are
    data attributes read by static/tejido/tejido.js); images also as data: URIs (charts and maps are
    inline PNGs); inline styles are allowed (style attributes, a page's small <style> block)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.permissions = settings.PERMISSIONS_POLICY
        self.cacheable = (settings.STATIC_URL, *settings.CACHEABLE_PUBLIC_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        if not request.path.startswith(self.cacheable):
            # Pages, exports and API answers may carry names of children, migrants or victims: no
            # browser, proxy or back button keeps a copy. Only static files and the public portal
            # (published aggregates) may be cached. Overrides whatever a view set.
            add_never_cache_headers(response)
        return response


class IdleSessionMiddleware:
    """Idle timeout without a database write on every page: the session's expiry (SESSION_COOKIE_AGE
    from its last save) is pushed forward at most once every SESSION_REFRESH_SECONDS. Saving it on
    every request (SESSION_SAVE_EVERY_REQUEST) cost an UPDATE and a commit per page view; the idle
    limit is now between SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE."""

    KEY = "_visto"

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.every = settings.SESSION_REFRESH_SECONDS

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            import time

            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.every:
                session[self.KEY] = now  # marks the session modified: SessionMiddleware saves it
        return response
