"""Seed 003's social-service table (issue 17 item 2): people with «dotaciones» by department, sex and
pueblo, and the deliveries made, against a hand count."""

import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.programs.models import Delivery
from tejido.reports.catalogue.socialservice import endowments_by_department
from tejido.reports.period import Period
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
PERIOD = Period.four_month(2024, 1)


@pytest.fixture
def deliveries(people):
    """Luis (M, maya): two in Zacapa, one in Jutiapa; Marta (F, ladino): one in Zacapa; Ana (F, no
    pueblo): one in Jutiapa; a delivery without a person in Zacapa; one of Marta's in May (outside)."""
    luis = make_person(given_names="Luis", sex="M", pueblo="maya")
    marta = make_person(given_names="Marta", sex="F", pueblo="ladino")
    ana = make_person(JUTIAPA_TOWN, given_names="Ana", sex="F", pueblo="")

    def give(person, town, day):
        place = Municipality.objects.get(pk=town)
        Delivery.objects.create(program="social_service", item="silla_ruedas", quantity=1, date=day, person=person,
                                municipality=place, department_id=place.department_id)

    give(luis, ZACAPA_TOWN, dt.date(2024, 1, 10))
    give(luis, ZACAPA_TOWN, dt.date(2024, 3, 10))
    give(luis, JUTIAPA_TOWN, dt.date(2024, 2, 1))
    give(marta, ZACAPA_TOWN, dt.date(2024, 4, 30))
    give(ana, JUTIAPA_TOWN, dt.date(2024, 2, 2))
    give(None, ZACAPA_TOWN, dt.date(2024, 2, 3))
    give(marta, ZACAPA_TOWN, dt.date(2024, 5, 1))


def _rows(table):
    keys = ("men", "women", "total", "ladino", "maya", "garifuna", "xinka", "other", "total_pueblo", "deliveries")
    contract = table.as_contract()
    return ({r["department"]: tuple(r[k] for k in keys) for r in contract["rows"]},
            tuple(contract["totals"][k] for k in keys))


def test_people_with_endowments_by_department_sex_and_pueblo(people, deliveries):
    rows, total = _rows(endowments_by_department(people["planner"], PERIOD))
    assert rows == {
        #           men women total ladino maya garifuna xinka other pueblo deliveries
        "Jutiapa": (1, 1, 2, 0, 1, 0, 0, 1, 2, 2),
        "Zacapa": (1, 1, 2, 1, 1, 0, 0, 0, 2, 4),
    }
    # Luis once in the total; the delivery without a person counts as delivered, not as a person
    assert total == (1, 2, 3, 1, 1, 0, 0, 1, 3, 6)
    zacapa_rows, zacapa_total = _rows(endowments_by_department(people["zacapa"], PERIOD))
    assert list(zacapa_rows) == ["Zacapa"] and zacapa_total == zacapa_rows["Zacapa"]


def test_table_16_as_published_adds_the_returned_migrants_received(people, deliveries):
    """Issue 17 item 6: seed 001's table 16 counts 24,490 = 4,490 served + 20,000 migrants received;
    Tejido shows both and their sum. Here: Luis, Marta and Ana served (Zacapa 2, Jutiapa 2, 3 in all:
    Luis in both) and a family of two received at a Guatemala City center."""
    from tejido.centers.models import CenterKind
    from tejido.common.testing import make_center
    from tejido.migrants.services import MemberData, reception_create
    from tejido.reports.catalogue.socialservice import beneficiaries_with_migrants

    airport = make_center(101, kind=CenterKind.MIGRANT_RECEPTION, name="Centro de recepción FAG")
    reception_create(acting_user=people["admin"], date=dt.date(2024, 3, 1), center=airport, arrival_mode="aerea",
                     returned_from="estados_unidos", destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                     members=[MemberData(given_names="Ana", first_surname="Pérez", sex="F", age_years=30,
                                         relationship="jefe"),
                              MemberData(given_names="Juan", first_surname="Pérez", sex="M", age_years=8,
                                         relationship="hijo")])
    contract = beneficiaries_with_migrants(people["planner"], PERIOD).as_contract()
    assert [(r["department"], r["served"], r["migrants"], r["total"]) for r in contract["rows"]] == [
        ("Guatemala", 0, 2, 2), ("Jutiapa", 2, 0, 2), ("Zacapa", 2, 0, 2)]
    assert contract["totals"] == {"department": "Total", "served": 3, "migrants": 2, "total": 5}
    assert contract["drill"]["rows"][0] == {"agrupar": "reception_department", "clave": airport.department_id}
