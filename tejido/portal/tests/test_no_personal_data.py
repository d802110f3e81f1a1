"""No personal data ever leaves through the portal, and the portal is the only thing an anonymous
visitor can open: distinctive names and CUIs are looked for in every response of every format,
and every other URL of the site is tried without a login."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tejido.portal.catalogue import PUBLISHED

from .conftest import ELDER_NAMES, MIGRANT_NAMES, YEAR

pytestmark = pytest.mark.django_db
PERIODS = [f"tipo=anio&anio={YEAR}", f"tipo=cuatrimestre&anio={YEAR}&cuatrimestre=1", f"tipo=mes&anio={YEAR}&mes=2"]
SCOPES = ["", "&departamento=19", "&departamento=22", "&programa=elderly", "&programa=social_service"]


def portal_responses(client):
    for period in PERIODS:
        for scope in SCOPES:
            query = f"?{period}{scope}"
            yield f"/transparencia/{query}"
            yield f"/transparencia/{query}&formato=csv"
            yield f"/transparencia/{query}&formato=json"
            yield f"/api/v1/transparencia/{query}"
        for spec in PUBLISHED:
            yield f"/transparencia/?{period}&cuadro={spec.table_id}&formato=csv"
            yield f"/api/v1/transparencia/{spec.table_id}?{period}"


def test_no_name_cui_or_person_link_in_any_portal_response(served):
    client = Client()
    secrets = ELDER_NAMES + MIGRANT_NAMES + served["cuis"]
    checked = 0
    for url in portal_responses(client):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8")
        for secret in secrets:
            assert secret not in text, f"{secret} in {url}"
        assert "/personas/" not in text and '"drill"' not in text and "/hogares/" not in text, url
        checked += 1
    assert checked == len(PERIODS) * (4 * len(SCOPES) + 2 * len(PUBLISHED))
    # The elders really are in the published figures: the check above looked at real data.
    assert "16" in client.get(f"/transparencia/?tipo=anio&anio={YEAR}&cuadro=elderly.by_department&formato=csv"
                              ).content.decode()


def _example_paths(resolver=None, prefix=""):
    """One concrete path per URL pattern of the site, converters filled with a sample value."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if route.startswith("^"):  # the admin's few regex routes
            route = re.sub(r"\(\?P<\w+>[^)]*\)", "auth", route).strip("^$").replace("\\", "")
        route = re.sub(r"<(?:int:)?\w+>", "1", route)
        route = re.sub(r"<(?:str|slug|path):\w+>", "persona", route)
        if isinstance(entry, URLResolver):
            yield from _example_paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route


PUBLIC = ("/transparencia/", "/api/v1/transparencia/", "/cuenta/ingresar/", "/i18n/", "/api/v1/docs",
          "/api/v1/openapi.json", "/configuracion/login/", "/static/", "/media/",
          # the installable app's manifest and service worker: code and names, no records (offline app)
          "/manifest.webmanifest", "/sw.js")


def test_anonymous_visitor_reaches_nothing_but_the_portal(served):
    client = Client()
    paths = sorted(set(_example_paths()))
    assert "/personas/1/" in paths and "/informes/personas/" in paths and "/api/v1/personas" in paths
    opened = []
    for path in paths:
        if path.startswith(PUBLIC) or path in ("/cuenta/salir/", "/configuracion/logout/"):
            continue
        response = client.get(path)
        if response.status_code in (301, 302):
            assert "ingresar" in response["Location"] or "login" in response["Location"], path
        else:
            assert response.status_code in (401, 403, 404, 405), f"{path}: {response.status_code}"
        opened.append(path)
    assert len(opened) > 100
    # The person list, a person, the people behind a report cell and the API list all refuse.
    assert client.get("/personas/").status_code == 302
    assert client.get("/informes/personas/?programa=elderly").status_code == 302
    assert client.get("/api/v1/personas").status_code == 401
    assert client.get(f"/api/v1/informes/annual?anio={YEAR}").status_code == 401


def test_published_tables_are_aggregates_only():
    """The allow-list names only tables whose rows are departments, groups, products, outputs or
    places; never a people list, donor names, or protection cases."""
    ids = {spec.table_id for spec in PUBLISHED}
    assert not ids & {"donations.received", "protection.cases_per_month", "women.income_by_department"}
    assert all(not spec.table_id.startswith("registry") for spec in PUBLISHED)


def test_free_text_locations_are_not_published(territory):
    from tejido.portal.publication import national
    from tejido.reports.period import Period

    shelters = next(t for t in national(Period.year(YEAR))["tables"] if t["id"] == "shelters.by_shelter")
    assert [c["id"] for c in shelters["columns"]] == ["shelter", "start", "end", "persons"]
