"""One-time form tokens: a double-submitted create form creates one record (docs/reliability.md).

Every create form carries a random token in the hidden field «once». The decorated view first
inserts the token (unique, committed at once), then runs; on a redirect (something was created)
the token row records its address. A second POST with the same token cannot insert it: it waits
until the first has finished and is redirected to what the first created. A POST that created
nothing (an error on the form) deletes its token, so the corrected form can be sent again."""

import datetime as dt
import secrets
import time
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormToken

FIELD = "once"
LIFETIME = dt.timedelta(days=1)
WAIT_SECONDS = 15  # longer than any create form takes to save


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _reserve(token: str, user_id: int) -> FormToken | None:
    """None when this POST now holds the token; else the row of the POST that got here first."""
    FormToken.objects.filter(created_at__lt=timezone.now() - LIFETIME).delete()  # expired: forgotten
    try:
        with transaction.atomic():
            FormToken.objects.create(token=token, user_id=user_id, url="")
    except IntegrityError:
        return FormToken.objects.filter(token=token).first()
    return None


def _first_outcome(token: str) -> FormToken | None:
    """Waits (briefly) while the first POST is still saving; None if it created nothing."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        used = FormToken.objects.filter(token=token).first()
        if used is None or used.url or time.monotonic() > deadline:
            return used
        time.sleep(0.1)


def once_per_token(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = request.POST.get(FIELD, "")[:64] if request.method == "POST" else ""
        if not token or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        used = _reserve(token, request.user.pk)
        if used is not None:
            if used.user_id != request.user.pk:
                return view(request, *args, **kwargs)  # someone else's token: ignore it
            used = _first_outcome(token)
            if used is not None and used.url:
                messages.info(request, _("Este formulario ya se guardó; no se registró otra vez."))
                return redirect(used.url)
            if used is not None:
                messages.warning(request, _("Este formulario todavía se está guardando; revise la lista antes de "
                                            "volver a intentarlo."))
                return redirect(request.path)
            if _reserve(token, request.user.pk) is not None:  # the first failed; a third POST took over
                return redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            FormToken.objects.filter(token=token).delete()
            raise
        if response.status_code in (301, 302, 303):
            FormToken.objects.filter(token=token).update(url=response["Location"][:300])
        else:
            FormToken.objects.filter(token=token).delete()  # nothing created: the token stays usable
        return response
    wrapper.once_per_token = True  # kept by the decorators above it (functools.wraps): tests find it
    return wrapper
