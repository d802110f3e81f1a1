from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from tejido.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tj_...`: tokens are issued on the "Tokens de API" page."""

    def authenticate(self, request, token):
        if not token:
            return None
        row = (ApiToken.objects.select_related("user", "otp_device")
               .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True).first())
        if row is None or not row.user.is_active:
            return None
        if not row.passes_second_factor:
            # Made with the password alone, or its device was removed: the second factor would
            # be skipped (issue 15, item 1).
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        request.api_token = row  # the access log names the token (tejido/common/access_context.py)
        return row.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session (for the interactive docs). Administrators need their
    second factor here too."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if getattr(user, "needs_second_factor", False) and not user.is_verified():
            return None
        return user
