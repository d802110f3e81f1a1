"""Person counts broken down by place of service or residence and by each dimension,
against hand-counted records."""

import datetime as dt
import json

import pytest
from django.test import Client

from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_create
from tejido.reports.breakdown import breakdown
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)


@pytest.fixture
def served(people):
    """At a Zacapa day center: Rosa (F, 72, maya, lives in Zacapa) from February, Pedro (M, 65,
    ladino, lives in Jutiapa) from June; at a Jutiapa residence: Juana (F, 80, lives in Jutiapa)."""
    zacapa = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    jutiapa = make_center(JUTIAPA_TOWN, kind="elderly_residential", name="CAP Jutiapa")
    for center, home, sex, born, pueblo, start in (
            (zacapa, ZACAPA_TOWN, "F", dt.date(1951, 3, 1), "maya", dt.date(2023, 2, 1)),
            (zacapa, JUTIAPA_TOWN, "M", dt.date(1958, 3, 1), "ladino", dt.date(2023, 6, 1)),
            (jutiapa, JUTIAPA_TOWN, "F", dt.date(1943, 3, 1), "ladino", dt.date(2023, 2, 1))):
        person = make_person(home, sex=sex, birth_date=born, pueblo=pueblo)
        enrolment_create(person=person, center=center, program="elderly", start=start, acting_user=people["central"])


def _rows(table):
    return [(r["group"], r["people"]) for r in table.rows]


def test_service_or_residence_and_each_dimension(people, served):
    def run(dimension, place="service", user=people["planner"]):
        return breakdown(user=user, program="elderly", period=YEAR, dimension=dimension, place=place)

    assert _rows(run("department")) == [("Jutiapa", 1), ("Zacapa", 2)]
    assert _rows(run("department", "residence")) == [("Jutiapa", 2), ("Zacapa", 1)]
    assert dict(_rows(run("sex"))) == {"Mujer": 2, "Hombre": 1}
    assert dict(_rows(run("pueblo"))) == {"Ladino / Mestizo": 2, "Maya": 1}
    ages = dict(_rows(run("age_group")))  # on 31/12/2023: 72, 65, 80
    assert ages["60 años y más"] == 3 and ages["30 a 59 años"] == 0
    months = dict(_rows(run("month")))
    assert months["enero 2023"] == 0 and months["febrero 2023"] == 2 and months["junio 2023"] == 3
    table = run("department")
    assert table.totals["people"] == 3 and [r["percent"] for r in table.rows] == [33.33, 66.67]
    # the Zacapa officer: service in Zacapa -> Rosa and Pedro; by residence one lives in Jutiapa
    assert _rows(run("department", "residence", people["zacapa"])) == [("Jutiapa", 1), ("Zacapa", 1)]
    with pytest.raises(ApplicationError, match="desagregar"):
        run("color")


def test_breakdown_page_and_downloads(people, served):
    client = Client()
    client.force_login(people["zacapa"])
    url = ("/informes/desagregar/?programa=elderly&dimension=municipality&lugar=residence"
           "&desde=2023-01-01&hasta=2023-12-31")
    html = client.get(url).content.decode()
    assert "Zacapa (Zacapa)" in html and "Jutiapa (Jutiapa)" in html
    body = json.loads(client.get(url + "&formato=json").content)
    assert body["tables"][0]["totals"]["people"] == 2
    assert client.get(url + "&formato=xlsx")["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Elija un programa" in client.get("/informes/desagregar/?programa=nada").content.decode()
