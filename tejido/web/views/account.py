"""Login second factor for administrators, API tokens."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tejido.accounts.models import ApiToken, User

from ..forms import OtpForm, TokenForm
from ..middleware import IdleSessionMiddleware


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _device_to_verify(user) -> TOTPDevice:
    """The user's confirmed device or, the first time, the one being enrolled. Several browsers
    opening this page at once get the same unconfirmed device: the user row is locked while it is
    looked for, and a partial unique index (accounts 0004) refuses a second one in any case."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False,
                                                                defaults={"name": "Tejido"})
    return device


@login_required
def two_factor(request):
    """Verify (or, the first time, enrol) the administrator's TOTP device."""
    device = _device_to_verify(request.user)
    enrolling = not device.confirmed
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                if enrolling:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
            otp_login(request, device)
            next_url = request.GET.get("next") or "/"
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = "/"
            return redirect(next_url)
        form.add_error("token", _("El código no es correcto o ya expiró."))
    context = {"form": form, "enrolling": enrolling}
    if enrolling:
        context["qr_svg"] = _qr_svg(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


@login_required
@require_POST
def keep_alive(request):
    """«Seguir trabajando» in the idle warning: the session's expiry moves on now (the idle
    middleware otherwise renews it at most once a minute). 204; once the session has ended, the
    redirect to the login page (the page's script then says so)."""
    request.session[IdleSessionMiddleware.KEY] = 0  # IdleSessionMiddleware renews it on the way out
    return HttpResponse(status=204)


@login_required
def api_tokens(request):
    # RequireAdminTwoFactorMiddleware already keeps an unverified session out; a token outlives the
    # session, so it is bound to the device that verified it (tejido/api/auth.py checks it).
    if request.user.needs_second_factor and not request.user.is_verified():
        return redirect(reverse("two_factor") + f"?next={request.path}")
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        device = request.user.otp_device if request.user.needs_second_factor else None
        _token, new_key = ApiToken.issue(request.user, form.cleaned_data["name"], device=device)
        form = TokenForm()
    tokens = request.user.api_tokens.select_related("user", "otp_device").order_by("-created_at")
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key})


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    # One conditional UPDATE: of two revocations at once (two tabs, two sessions) only one writes, and
    # the first revocation's date is never overwritten.
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
        messages.success(request, _("Token revocado."))
    else:
        token.refresh_from_db()
        messages.info(request, _("Este token ya fue revocado el %(when)s; no se cambió nada.") % {
            "when": formats.date_format(timezone.localtime(token.revoked_at), "d/m/Y H:i")})
    return redirect("api_tokens")
