"""Dashboards: month-by-month cumulative execution against hand-computed values, scope, Spanish
pages, no names for planners, and the per-program pages."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from tejido.dashboards import panels

from .conftest import SURNAME, YEAR

pytestmark = pytest.mark.django_db
END = dt.date(YEAR, 12, 31)


def _row(data):
    [row] = data["outputs"]
    return row


def _executed(row):
    return [m["executed"] for m in row["months"]]


def test_monthly_cumulative_execution_by_hand(people, records):
    row = _row(panels.monthly_execution(people["auditor"], YEAR, END))
    assert row["name"] == "Personas distintas inscritas" and row["target"] == 10
    # Ana leaves in April and comes back in June: she counts once.
    assert _executed(row) == [0, 0, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5]
    assert [m["programmed"] for m in row["months"]] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10]
    assert (row["executed"], row["programmed"], row["percent"]) == (5, 10, Decimal("50.00"))
    # Sparkline on the target's scale (10 = 60 units high): May's bar is 5/10 of it; no bar is missing.
    chart = row["chart"]
    assert len(chart["bars"]) == 12 and chart["bars"][4]["h"] == 30.0 and chart["bars"][0]["h"] == 0.0
    assert chart["points"].startswith("10.0,54.0 30.0,48.0")


def test_year_so_far_stops_at_the_month_in_course(people, records):
    data = panels.monthly_execution(people["auditor"], YEAR, dt.date(YEAR, 5, 15))
    assert data["months"] == ["enero", "febrero", "marzo", "abril", "mayo"]
    assert _executed(_row(data)) == [0, 0, 3, 3, 5]   # May counted live up to the 15th
    # On May 5 the May enrolments (the 10th) have not happened yet.
    early = panels.monthly_execution(people["auditor"], YEAR, dt.date(YEAR, 5, 5))
    assert _executed(_row(early)) == [0, 0, 3, 3, 3]


def test_scope_cuts_the_execution_but_not_the_targets(people, records):
    zacapa = panels.monthly_execution(people["zacapa"], YEAR, END)
    assert _executed(_row(zacapa)) == [0, 0, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4]
    assert _row(zacapa)["target"] == 10 and "nacionales" in zacapa["note"]
    assert _executed(_row(panels.monthly_execution(people["jutiapa"], YEAR, END))) == [0, 0, 0, 0] + [1] * 8
    # The clerk of the Zacapa CADI: that center only.
    assert _executed(_row(panels.monthly_execution(people["clerk"], YEAR, END)))[-1] == 4


def test_closed_months_are_counted_once_then_cached(people, records, django_assert_max_num_queries):
    panels.monthly_execution(people["zacapa"], YEAR, END)
    # Plan, outputs and their sub-outputs: no count is run again.
    with django_assert_max_num_queries(4):
        row = _row(panels.monthly_execution(people["zacapa"], YEAR, END))
    assert _executed(row)[-1] == 4
    # Another scope does not read Zacapa's cached values.
    assert _executed(_row(panels.monthly_execution(people["jutiapa"], YEAR, END)))[-1] == 1


def test_national_page_in_spanish(client, people, records):
    client.force_login(people["auditor"])
    response = client.get(f"/tableros/?anio={YEAR}")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="es">' in html
    for text in ("Tablero nacional", "Últimas cifras del año", "Cobertura por departamento",
                 "Metas contra ejecución, mes a mes", "Programado acumulado", "Ejecutado acumulado",
                 "50.00 % de la meta anual", "Niñas y niños atendidos", "/primera-infancia/cifras/"):
        assert text in html, text
    assert "data:image/png;base64," in html   # the coverage map
    figures = dict((f["label"], f["value"]) for f in response.context["figures"])
    assert figures["Niñas y niños atendidos"] == 5
    coverage = {r["department"]: r["people"] for r in response.context["coverage"]["rows"]}
    assert coverage == {"Jutiapa": 1, "Zacapa": 4}


def test_zacapa_officer_sees_only_zacapa_counts(client, people, records):
    client.force_login(people["zacapa"])
    response = client.get(f"/tableros/?anio={YEAR}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alcance: Zacapa." in html and "Jutiapa" not in html
    assert dict((f["label"], f["value"]) for f in response.context["figures"])["Niñas y niños atendidos"] == 4
    assert [r["department"] for r in response.context["coverage"]["rows"]] == ["Zacapa"]
    assert _executed(response.context["execution"]["outputs"][0])[-1] == 4


def test_planner_sees_counts_and_no_names(client, people, records):
    client.force_login(people["planner"])
    for url in (f"/tableros/?anio={YEAR}", f"/tableros/childcare/?anio={YEAR}"):
        html = client.get(url).content.decode()
        assert "Personas distintas inscritas" in html and "50.00 %" in html
        for name in (SURNAME, "Berta", "Carla", "Xiomara", "Elena"):
            assert name not in html


def test_no_plan_for_the_year_is_said_in_spanish(client, people):
    client.force_login(people["auditor"])
    year = timezone.localdate().year
    html = client.get("/tableros/").content.decode()
    assert f"No hay plan registrado para {year}." in html


def test_program_pages(client, people, records):
    client.force_login(people["zacapa"])
    childcare = client.get(f"/tableros/childcare/?anio={YEAR}")
    assert childcare.status_code == 200
    assert "Tablero de Hogares Comunitarios" in childcare.content.decode()
    assert [f["label"] for f in childcare.context["figures"]] == ["Niñas y niños atendidos"]
    assert childcare.context["coverage"]["title"] == "Niñas y niños atendidos por departamento"
    women = client.get(f"/tableros/women/?anio={YEAR}").content.decode()
    assert "El plan no tiene productos de este programa." in women
    social = client.get(f"/tableros/social_service/?anio={YEAR}")
    assert [f["label"] for f in social.context["figures"]] == ["Personas atendidas en Servicio Social",
                                                               "Familias migrantes retornadas recibidas"]


def test_unknown_program_is_404_and_anonymous_goes_to_login(client, people):
    assert client.get("/tableros/").status_code == 302
    client.force_login(people["auditor"])
    assert client.get("/tableros/nutricion/").status_code == 404


def test_map_of_one_program_and_odd_year(client, people, records):
    client.force_login(people["auditor"])
    response = client.get(f"/tableros/?anio={YEAR}&programa=elderly")
    assert response.context["coverage"]["title"] == "Personas adultas mayores atendidas por departamento"
    assert response.context["coverage"]["rows"] == []
    # A year in the future or not a number falls back to the current one.
    for year in ("3000", "abc"):
        assert client.get(f"/tableros/?anio={year}").context["year"] == timezone.localdate().year


def test_api_gives_the_page_numbers_with_links_to_the_records(people, records):
    from tejido.common.testing import api_client_for

    zacapa = api_client_for(people["zacapa"])
    body = zacapa.get(f"/api/v1/tableros/?anio={YEAR}").json()
    [output] = body["execution"]["outputs"]
    assert [m["executed"] for m in output["months"]] == [0, 0, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4]
    assert output["target"] == 10 and output["percent"] == 40.0
    # a month's execution links to the people counted January → end of that month, in scope
    may = output["months"][4]["records"]
    assert may.startswith("/informes/personas/?") and f"hasta={YEAR}-05-31" in may
    listing = Client()
    listing.force_login(people["zacapa"])
    page = listing.get(may).content.decode()
    assert "<strong>4</strong>" in page and "Elena" not in page and "Xiomara" in page
    children = next(f for f in body["figures"] if f["label"] == "Niñas y niños atendidos")
    assert children["value"] == 4 and children["records"].startswith("/informes/personas/")
    assert [r["department"] for r in body["coverage"]["rows"]] == ["Zacapa"]
    assert body["coverage"]["rows"][0]["records"]["p0"].startswith("/informes/personas/")
    # the planner sees the same counts, without links to people
    planner = api_client_for(people["planner"]).get(f"/api/v1/tableros/?anio={YEAR}").json()
    assert [m["executed"] for m in planner["execution"]["outputs"][0]["months"]][-1] == 5
    assert all(m["records"] is None for m in planner["execution"]["outputs"][0]["months"])
    assert SURNAME not in json.dumps(planner)
    # bad input: Spanish message naming the field
    error = zacapa.get("/api/v1/tableros/?programa=nada").json()
    assert error["field"] == "programa" and "Programa" in error["detail"]
    assert zacapa.get(f"/api/v1/tableros/?anio={YEAR + 5}").status_code in (400, 422)
