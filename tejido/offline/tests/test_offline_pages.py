"""The installable app's pieces: the service worker from the site's root (never cached), the
manifest, which pages the worker may keep (and for whom), and the session check of the queue."""

import json

import pytest
from django.test import Client

from tejido.common.testing import api_client_for, client_for

pytestmark = pytest.mark.django_db


def test_service_worker_is_served_from_the_root_for_the_whole_site_and_never_cached(db):
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-store" in response["Cache-Control"]
    assert b"X-Tejido-Offline" in response.content  # the worker keeps only the pages marked for a user
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_manifest(db):
    response = Client().get("/manifest.webmanifest")
    body = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert (body["name"], body["display"], body["start_url"]) == ("Tejido", "standalone", "/")
    assert body["icons"][0]["src"].endswith(".svg") and "favicon" in body["icons"][0]["src"]


def test_only_the_offline_pages_are_marked_and_only_for_their_user(people):
    import datetime as dt

    from tejido.common.testing import make_person
    from tejido.programs.services import enrolment_create

    clerk = client_for(people["clerk"])
    cadi = people["zacapa_cadi"]
    child = enrolment_create(person=make_person(given_names="Ana", birth_date=dt.date(2022, 1, 10)), center=cadi,
                             program="childcare", start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    for url in (f"/primera-infancia/centros/{cadi.pk}/asistencia/",
                f"/primera-infancia/inscripciones/{child.pk}/nutricion/", "/sin-conexion/"):
        response = clerk.get(url)
        assert response.status_code == 200, url
        assert response["X-Tejido-Offline"] == str(people["clerk"].pk), url
        assert "no-store" in response["Cache-Control"]  # no HTTP cache keeps it: only the worker, per user
    page = clerk.get(f"/primera-infancia/centros/{cadi.pk}/asistencia/").content.decode()
    assert 'data-offline="roll"' in page and 'data-api="/api/v1/primera-infancia/asistencia"' in page
    assert 'id="sin-conexion"' in page
    for url in ("/", "/personas/", f"/primera-infancia/centros/{cadi.pk}/", "/api/v1/primera-infancia/inscripciones"):
        assert not clerk.get(url).has_header("X-Tejido-Offline"), url
    # another department's center: not found, and nothing to keep
    other = client_for(people["jutiapa"]).get(f"/primera-infancia/centros/{cadi.pk}/asistencia/")
    assert other.status_code == 404 and not other.has_header("X-Tejido-Offline")
    # nobody logged in: the login page, nothing to keep
    anonymous = Client().get("/sin-conexion/")
    assert anonymous.status_code == 302 and not anonymous.has_header("X-Tejido-Offline")


def test_every_page_loads_the_offline_script_and_the_manifest(people):
    page = client_for(people["clerk"]).get("/").content.decode()
    assert 'rel="manifest"' in page and "tejido/offline" in page and "data-logout-pending=" in page
    login = Client().get("/cuenta/ingresar/").content.decode()
    assert "tejido/offline" in login  # it forgets the copies of pages when nobody is logged in


def test_queue_session_says_who_is_logged_in_with_a_fresh_csrf_token(people):
    response = client_for(people["clerk"]).get("/api/v1/sin-conexion/sesion")
    assert response.status_code == 200
    assert response.json()["user_id"] == people["clerk"].pk and len(response.json()["csrf_token"]) >= 32
    assert Client().get("/api/v1/sin-conexion/sesion").status_code == 401
    assert api_client_for(people["zacapa"]).get("/api/v1/sin-conexion/sesion").json()["user_id"] == people["zacapa"].pk


def test_api_writes_with_the_session_need_the_csrf_header(people):
    """The queue sends with the session cookie: without the header the API refuses, with it it saves."""
    import datetime as dt

    from tejido.common.testing import make_person
    from tejido.programs.services import enrolment_create

    cadi = people["zacapa_cadi"]
    child = enrolment_create(person=make_person(given_names="Ana", birth_date=dt.date(2022, 1, 10)), center=cadi,
                             program="childcare", start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(people["clerk"])
    token = browser.get("/api/v1/sin-conexion/sesion").json()["csrf_token"]
    body = json.dumps({"enrolment_id": child.pk, "measured_on": "2024-03-04", "weight_kg": "11.2"})
    refused = browser.post("/api/v1/primera-infancia/tamizajes", body, content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="sin-token-01")
    assert refused.status_code == 403
    saved = browser.post("/api/v1/primera-infancia/tamizajes", body, content_type="application/json",
                         HTTP_IDEMPOTENCY_KEY="con-token-01", HTTP_X_CSRFTOKEN=token)
    assert saved.status_code == 201, saved.content
