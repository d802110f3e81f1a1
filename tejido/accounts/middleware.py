from django.shortcuts import redirect
from django.urls import reverse

# Pages an administrator may reach before completing the second factor.
_OPEN_PREFIXES = ("/cuenta/", "/static/", "/i18n/", "/api/")


class RequireAdminTwoFactorMiddleware:
    """Administrators and protection officers must verify a TOTP code (django-otp) first.

    The API is exempt here because it authenticates by token, not by session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "needs_second_factor", False)
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect(reverse("two_factor") + f"?next={request.path}")
        return self.get_response(request)
