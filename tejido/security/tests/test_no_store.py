"""Issue 15 item 10: no page, export or API answer with personal data may be kept by a browser,
a proxy or the back button. (The role matrix checks the same header on every route; this is the
quick version for the kinds of answer that matter most.)"""

import pytest
from django.test import Client

from tejido.common.testing import api_client_for, client_for, make_person

pytestmark = pytest.mark.django_db


def _assert_no_store(response, what):
    assert response.status_code == 200, what
    cache = response.get("Cache-Control", "")
    assert "no-store" in cache and "private" in cache and "public" not in cache, (what, cache)


def test_pages_exports_and_api_answers_are_not_stored(people):
    person = make_person()
    web = client_for(people["zacapa"])
    api = api_client_for(people["zacapa"])
    for what, response in [
        ("inicio", web.get("/")),
        ("lista", web.get("/personas/")),
        ("ficha", web.get(f"/personas/{person.pk}/")),
        ("exportación", web.get("/personas/exportar.csv")),
        ("exportación por tipo", web.get("/exportar/personas.xlsx")),
        ("API lista", api.get("/api/v1/personas")),
        ("API ficha", api.get(f"/api/v1/personas/{person.pk}")),
        ("ingresar", Client().get("/cuenta/ingresar/")),
    ]:
        _assert_no_store(response, what)


def test_error_answers_are_not_stored_either(people):
    web = client_for(people["jutiapa"])
    assert "no-store" in web.get("/personas/999999999/").get("Cache-Control", "")
    assert "no-store" in Client().get("/api/v1/personas").get("Cache-Control", "")


def test_the_public_portal_may_still_be_cached(territory):
    response = Client().get("/transparencia/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
