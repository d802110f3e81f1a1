"""/auditoria/accesos/: the auditor's page, its export, the home page's latest accesses, and the
whole path from real accesses (web, API, exports) to the auditor's search by the child's name."""

import csv
import io
import re

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from tejido.common.access_records import OTHER_LABELS
from tejido.common.models import AccessEvent
from tejido.common.testing import api_client_for, client_for, verify_second_factor
from tejido.common.tests.access_world import build

pytestmark = pytest.mark.django_db
URL = "/auditoria/accesos/"


@pytest.fixture
def world(people):
    return build(people)


def internal_names(html: str) -> list[str]:
    """Model labels ("registry.Person") or anything shaped like one in the page."""
    labels = {m._meta.label for m in apps.get_models()} | set(OTHER_LABELS)
    found = [label for label in labels if label in html]
    found += re.findall(r"\b(?:registry|programs|protection|common|centers|socialservice|migrants|shelters|"
                        r"donations|agreements|women|childcare|imports|reports|dedup|planning|stock)\.[A-Z]\w*", html)
    return found


def test_the_auditor_reads_the_log_with_readable_names_and_no_internal_ones(people, world):
    response = client_for(people["auditor"]).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert internal_names(html) == []
    assert f"Persona: Lucía Cruz Tzul (registro {world.child.pk})" in html
    assert f'href="/personas/{world.child.pk}/"' in html
    assert "Zoila Xitumul (zacapa1)" in html
    assert f"Caso de protección {world.case.pk}" in html
    assert "198.51.100.1" in html and "página web · Firefox 128 · Windows" in html
    assert "/exportar/accesos.xlsx" in html and "/exportar/accesos.csv" in html


def test_the_page_filters_by_person_and_logs_the_search(people, world):
    auditor = people["auditor"]
    html = client_for(auditor).get(URL, {"persona": "Lucía Cruz"}).content.decode()
    assert "5 accesos" in html and "1 persona coincide" in html
    assert "Pedro" not in html and "Caso de protección" not in html
    search = AccessEvent.objects.get(user=auditor, action="search")
    assert search.model == "common.AccessEvent" and search.detail == {"filters": {"persona": "Lucía Cruz"}}
    # htmx asks for the rows only
    rows = client_for(auditor).get(URL, {"usuario": "zacapa1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<form" not in rows and "3 accesos" in rows


def test_protection_events_never_show_the_childs_name(people, world):
    html = client_for(people["auditor"]).get(URL, {"registro": "caso-proteccion"}).content.decode()
    assert f"Caso de protección {world.case.pk}" in html
    assert "1 acceso" in html
    table = html[html.index("<table"):]
    assert "Lucía" not in table and "Cruz" not in table and world.child.cui not in table
    assert f"/proteccion/{world.case.pk}/" not in html


def test_an_invalid_filter_is_shown_and_the_others_still_apply(people, world):
    response = client_for(people["auditor"]).get(URL, {"desde": "ayer", "accion": "export"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 acceso" in html and 'class="error"' in html


def test_pages_are_numbered_without_counting_everything(people, world):
    html = client_for(people["auditor"]).get(URL, {"page": 2}).content.decode()
    assert "No hay accesos con esos criterios." in html  # ten events: one page of fifty


@pytest.mark.parametrize("persona", ["central", "zacapa", "jutiapa", "clerk", "planner"])
def test_everyone_else_is_refused(people, persona):
    assert client_for(people[persona]).get(URL).status_code == 403
    assert client_for(people[persona]).get("/exportar/accesos.csv").status_code == 403
    assert "/auditoria/accesos/" not in client_for(people[persona]).get("/").content.decode()


def test_the_administrator_needs_the_second_factor(people, world):
    unverified = client_for(people["admin"])
    assert unverified.get(URL).status_code == 302  # to the second factor
    verified = Client()
    verify_second_factor(verified, people["admin"])
    assert verified.get(URL).status_code == 200


def test_anonymous_goes_to_login(db):
    response = Client().get(URL)
    assert response.status_code == 302 and "/cuenta/ingresar/" in response["Location"]


def test_nothing_on_the_page_changes_the_log(people, world):
    client = client_for(people["auditor"])
    before = list(AccessEvent.objects.order_by("pk").values_list("pk", "model", "object_id", "at"))
    assert client.post(URL, {"persona": "x"}).status_code == 405
    after = list(AccessEvent.objects.order_by("pk").values_list("pk", "model", "object_id", "at"))
    assert after[: len(before)] == before


def test_home_shows_the_latest_ten_readably_with_a_link_to_the_log(people, world):
    html = client_for(people["auditor"]).get("/").content.decode()
    assert "Accesos recientes a datos personales" in html and f'href="{URL}"' in html
    assert internal_names(html) == []
    assert "Persona: Pedro Ajú" in html


# --- export --------------------------------------------------------------------------------

def test_export_csv_and_xlsx_hold_the_filtered_rows_and_are_logged(people, world):
    auditor = people["auditor"]
    client = client_for(auditor)
    response = client.get("/exportar/accesos.csv", {"persona": "Lucía Cruz"})
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, *body = rows
    assert header[:4] == ["Fecha y hora", "Usuario", "Nombre del usuario", "Acceso"]
    assert len(body) == 5
    assert {r[header.index("Registro")] for r in body} >= {
        f"Persona: Lucía Cruz Tzul (registro {world.child.pk})", "Hogar: Familia Cruz Tzul", "Lista «Personas»"}
    flat = "\n".join(",".join(r) for r in rows)
    assert internal_names(flat) == []

    xlsx = client.get("/exportar/accesos.xlsx", {"registro": "caso-proteccion"})
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert len(cells) == 2
    assert f"Caso de protección {world.case.pk}" in cells[1]
    assert not any("Lucía" in str(v) for v in cells[1])

    logged = AccessEvent.objects.filter(user=auditor, action="export", model="common.AccessEvent").order_by("pk")
    assert [(e.detail["list"], e.detail["format"], e.channel) for e in logged] == [
        ("accesos", "csv", "export"), ("accesos", "xlsx", "export")]
    assert logged[0].detail["filters"] == {"persona": "Lucía Cruz"}


# --- end to end: real accesses, then the auditor's question ------------------------------------

def test_the_person_search_finds_the_childs_accesses_across_web_api_and_exports(people, world):
    child = world.child
    web = client_for(people["zacapa"])
    assert web.get(f"/personas/{child.pk}/").status_code == 200  # web view
    api = api_client_for(people["central"])
    assert api.get(f"/api/v1/personas/{child.pk}").status_code == 200  # API read
    assert web.get("/exportar/personas.xlsx", {"q": "cruz"}).status_code == 200  # web export with her in it
    assert api.get("/api/v1/exportaciones/personas", {"formato": "csv", "q": "tzul"}).status_code == 200  # API export
    assert web.get("/exportar/personas.csv", {"q": "ajú"}).status_code == 200  # an export without her
    protection = Client()
    verify_second_factor(protection, world.protection)
    assert protection.get(f"/proteccion/{world.case.pk}/").status_code == 200

    today = timezone.localdate().isoformat()
    rows = api_client_for(people["auditor"]).get(
        "/api/v1/auditoria/accesos", {"persona": "Lucía Cruz", "desde": today}).json()["items"]
    seen = sorted((r["action"], r["channel"]) for r in rows)
    assert seen == [("export", "export"), ("export", "export"), ("view", "api"), ("view", "web")]
    assert all("Caso de protección" not in r["record_label"] for r in rows)
    assert any(r["api_token"].startswith("pruebas (") for r in rows if r["channel"] == "export")
