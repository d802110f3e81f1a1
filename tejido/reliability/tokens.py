"""One-time form tokens: a double-submitted create form creates one record (docs/reliability.md).

Every create form carries a random token in the hidden field «once». The decorated view runs in
one transaction that first inserts the token (unique): a second POST with the same token waits
for the first to commit, finds the token with the address of what was created and is redirected
there. A POST that created nothing (an error on the form) releases its token for the next try."""

import datetime as dt
import secrets
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormToken

FIELD = "once"
LIFETIME = dt.timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _reserve(token: str, user_id: int) -> FormToken | None:
    """The used token (another POST got here first), or None when this POST holds it now."""
    FormToken.objects.filter(created_at__lt=timezone.now() - LIFETIME).delete()  # expired: forgotten
    try:
        with transaction.atomic():
            FormToken.objects.create(token=token, user_id=user_id, url="")
    except IntegrityError:
        return FormToken.objects.filter(token=token).first()
    return None


def once_per_token(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "")[:64] if request.method == "POST" else ""
        if not token or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            used = _reserve(token, request.user.pk)
            if used is not None:
                if used.user_id == request.user.pk and used.url:
                    messages.info(request, _("Este formulario ya se guardó; no se registró otra vez."))
                    return redirect(used.url)
                return view(request, *args, **kwargs)  # someone else's token: ignore it
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303):
                FormToken.objects.filter(token=token).update(url=response["Location"][:300])
            else:
                FormToken.objects.filter(token=token).delete()
            return response
    return wrapper
