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
