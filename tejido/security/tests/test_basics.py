"""The protections issue 8 lists that already existed, each proved once more here so that
docs/security.md can point at one place: CSRF, idle session expiry, lockout, second factor,
uploads refused by content and size."""

import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tejido.agreements.uploads import validate_upload
from tejido.common.errors import ApplicationError
from tejido.common.testing import PASSWORD
from tejido.donations.documents import check_upload

pytestmark = pytest.mark.django_db
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64  # a Windows .exe's first bytes


def _csrf_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_form_post_without_csrf_token_is_refused_and_with_it_accepted(people):
    client = _csrf_client(people["zacapa"])
    data = {"given_names": "Ana", "first_surname": "López", "sex": "F", "birth_date": "1990-01-01"}
    assert client.post("/personas/nueva/", data).status_code == 403
    client.get("/personas/nueva/")  # sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    assert client.post("/personas/nueva/", {**data, "csrfmiddlewaretoken": token}).status_code != 403


def test_session_authenticated_api_write_needs_the_csrf_token(people):
    """A browser session must not let another site write through the API (token calls need none)."""
    client = _csrf_client(people["zacapa"])
    response = client.post("/api/v1/personas", '{"given_names": "Ana"}', content_type="application/json")
    assert response.status_code in (401, 403)


def test_idle_session_expires(people):
    client = Client()
    client.post("/cuenta/ingresar/", {"username": "zacapa1", "password": PASSWORD})
    assert client.get("/personas/").status_code == 200
    session = client.session
    session.set_expiry(1)  # what SESSION_COOKIE_AGE=1800 does after 30 idle minutes
    session.save()
    time.sleep(1.2)
    response = client.get("/personas/")
    assert response.status_code == 302 and response["Location"].startswith("/cuenta/ingresar/")
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_REFRESH_SECONDS == 60


def test_fifth_failure_locks_the_account(people):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for attempt in range(1, 6):
        response = client.post("/cuenta/ingresar/", {"username": "clerk1", "password": "mala"})
        assert (response.status_code == 429) == (attempt == 5), attempt


def test_admin_pages_require_the_second_factor(people):
    client = Client()
    client.force_login(people["admin"])
    response = client.get("/configuracion/common/accessevent/")
    assert response.status_code == 302 and "/cuenta/verificacion/" in response["Location"]


@pytest.mark.parametrize("check", [check_upload, validate_upload], ids=["donaciones", "convenios"])
def test_renamed_executable_is_refused(check):
    upload = SimpleUploadedFile("acta.pdf", EXECUTABLE, content_type="application/pdf")
    with pytest.raises(ApplicationError, match="no corresponde"):
        check(upload, field="document")


@pytest.mark.parametrize("check", [check_upload, validate_upload], ids=["donaciones", "convenios"])
def test_upload_over_10_mb_is_refused_and_10_mb_accepted(check):
    limit = 10 * 1024 * 1024
    with pytest.raises(ApplicationError, match="10 MB"):
        check(SimpleUploadedFile("acta.pdf", b"%PDF-1.7\n" + b"0" * (limit - 8)), field="document")
    check(SimpleUploadedFile("acta.pdf", b"%PDF-1.7\n" + b"0" * (limit - 9)), field="document")
