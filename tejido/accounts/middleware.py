from django.shortcuts import redirect
from django.urls import reverse

# What a user who needs a second factor may reach with the password alone: the login, the logout,
# the verification itself, static files and the language switch. Everything else under /cuenta/
# (API tokens above all: a token would outlive the session) waits for the code.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/api/")
_OPEN_URL_NAMES = ("login", "logout", "two_factor")


class RequireAdminTwoFactorMiddleware:
    """Administrators and protection officers must verify a TOTP code (django-otp) first.

    The API has its own check (tejido/api/auth.py): a session must be verified, and a token works
    only if it was made under a verified session and that device still exists."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths = None

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in _OPEN_URL_NAMES)
        return path in self._open_paths or path.startswith(_OPEN_PREFIXES)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "needs_second_factor", False)
            and not user.is_verified()
            and not self._is_open(request.path)
        ):
            return redirect(reverse("two_factor") + f"?next={request.path}")
        return self.get_response(request)
