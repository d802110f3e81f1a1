import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tejido.common.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_right_password_lands_on_home(people):
    client = Client()
    response = client.post("/cuenta/ingresar/", {"username": "zacapa1", "password": PASSWORD})
    assert response.status_code == 302
    assert "Delegada o delegado departamental" in client.get("/").content.decode()  # no form chosen: both


def test_pages_require_login(db):
    response = Client().get("/personas/")
    assert response.status_code == 302 and response["Location"].startswith("/cuenta/ingresar/")


def test_repeated_failures_lock_the_account(people):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/cuenta/ingresar/", {"username": "zacapa1", "password": "equivocada"})
    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()
    # even the right password is refused while locked
    response = client.post("/cuenta/ingresar/", {"username": "zacapa1", "password": PASSWORD})
    assert response.status_code == 429


def test_wrong_password_message_is_spanish(people):
    html = Client().post("/cuenta/ingresar/", {"username": "zacapa1", "password": "mala"}).content.decode()
    assert "nombre de usuario y clave correctos" in html or "usuario y contraseña" in html


def test_administrator_must_enrol_and_use_a_second_factor(people):
    client = Client()
    client.post("/cuenta/ingresar/", {"username": "admin1", "password": PASSWORD})
    response = client.get("/personas/")
    assert response.status_code == 302 and response["Location"].startswith("/cuenta/verificacion/")
    page = client.get("/cuenta/verificacion/").content.decode()
    assert "<svg" in page  # QR code to enrol
    device = TOTPDevice.objects.get(user=people["admin"])
    wrong = client.post("/cuenta/verificacion/", {"token": "000000" if totp(device.bin_key) != 0 else "111111"})
    assert "no es correcto" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a failure; the test need not wait
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post("/cuenta/verificacion/?next=/personas/", {"token": token})
    assert response.status_code == 302 and response["Location"] == "/personas/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/personas/").status_code == 200


def test_administrator_session_without_second_factor_cannot_use_api_or_admin(people):
    client = Client()
    client.force_login(people["admin"])
    assert client.get("/api/v1/personas").status_code == 401
    assert client.get("/configuracion/").status_code == 302


def test_other_roles_do_not_need_a_second_factor(people):
    client = Client()
    client.force_login(people["zacapa"])
    assert client.get("/personas/").status_code == 200


@pytest.mark.parametrize("password", ["corta1", "1234567890123", "contraseñasolo", "password12345"])
def test_weak_passwords_are_rejected(people, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=people["zacapa"])


def test_strong_password_is_accepted(people):
    validate_password("Quetzal-Verde-2026", user=people["zacapa"])


def test_session_expires_after_idle_time():
    assert settings.SESSION_COOKIE_AGE == 1800
    assert settings.SESSION_REFRESH_SECONDS == 60
    assert "tejido.web.middleware.IdleSessionMiddleware" in settings.MIDDLEWARE


def test_activity_renews_the_session_at_most_once_a_minute(people, monkeypatch):
    """Each page no longer writes the session row; after a minute of activity the expiry moves on."""
    import time as clock

    from django.contrib.sessions.models import Session

    client = Client()
    client.force_login(people["zacapa"])
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    now = clock.time()
    monkeypatch.setattr(clock, "time", lambda: now)
    client.get("/personas/")
    first = Session.objects.get(session_key=key).expire_date
    monkeypatch.setattr(clock, "time", lambda: now + 30)
    Session.objects.filter(session_key=key).update(expire_date=first)  # unchanged marker
    client.get("/personas/")
    assert Session.objects.get(session_key=key).expire_date == first  # 30 s later: no write
    monkeypatch.setattr(clock, "time", lambda: now + 61)
    client.get("/personas/")
    assert Session.objects.get(session_key=key).expire_date > first  # a minute later: renewed


def test_protection_officer_also_needs_a_second_factor(people):
    from tejido.accounts.models import Role
    from tejido.common.testing import make_user

    officer = make_user("proteccion9", Role.PROTECTION_OFFICER)
    client = Client()
    client.force_login(officer)
    response = client.get("/proteccion/")
    assert response.status_code == 302 and response["Location"].startswith("/cuenta/verificacion/")
