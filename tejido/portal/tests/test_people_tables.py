"""Issue 17 item 5, in the portal: the tables that count people (talks by center, caregivers by
payer, children ready for primary, migrants' care, staff trainings) are published with what a
reader knows of them declared. Two of those facts are new to the protection:

- caregivers are counted on the period's last day: the year shows the same figure as its last
  four-month period and as December, so a cell must be hidden in all three or in none;
- a talks table has a row per center: the same center is the same row in every period, wherever
  it falls in the list (by position it would be another center's row in another period).

Each test is checked by the outside attacker (attacker.py) as well."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from tejido.childcare.models import Caregiver
from tejido.childcare.staff import caregiver_add
from tejido.childcare.talks import TalkTheme
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.portal import publication
from tejido.portal.catalogue import BY_ID
from tejido.portal.protect import row_refs
from tejido.programs.services import event_create
from tejido.territory.models import Municipality

from .conftest import YEAR
from .test_attack import attack, unprotected

pytestmark = pytest.mark.django_db
CAREGIVER_NAMES = ["Eustaquia", "Tecún"]


def _table(one: dict, table_id: str) -> dict:
    return next(t for t in one["tables"] if t["id"] == table_id)


def _shown(table: dict, row: int | str, column: str):
    """The published figure, or its marker."""
    if row == "totals":
        return table["suppressed"]["totals"].get(column, table["totals"].get(column))
    return table["suppressed"]["rows"][row].get(column, table["rows"][row].get(column))


@pytest.fixture
def caregivers(people):
    """On 31 December: Zacapa 2 SOSEP caregivers (one without an amount); Jutiapa 6 SOSEP and 1
    municipal. A seventh Jutiapa SOSEP caregiver left on 31 March: she counts in January to March,
    not at the end of the first four-month period nor of the year."""
    zacapa = make_center(ZACAPA_TOWN, kind="cadi", name="CADI Zacapa")
    jutiapa = make_center(JUTIAPA_TOWN, kind="cadi", name="CADI Jutiapa")
    start = dt.date(YEAR, 1, 2)
    added = []
    for center, payer, amount, n in ((zacapa, "sosep", Decimal("1234.56"), 1), (zacapa, "sosep", None, 1),
                                     (jutiapa, "sosep", Decimal("1000"), 7), (jutiapa, "municipalidad",
                                                                              Decimal("900"), 1)):
        for _i in range(n):
            person = make_person(center.municipality_id, sex="F", birth_date=dt.date(1980, 1, 1),
                                 given_names=CAREGIVER_NAMES[0], first_surname=CAREGIVER_NAMES[1])
            added.append(caregiver_add(center=center, person=person, payer=payer, monthly_amount=amount, start=start,
                                       acting_user=people["central"]))
    Caregiver.objects.filter(pk=added[-2].pk).update(end=dt.date(YEAR, 3, 31))


def test_caregivers_are_a_stock_the_year_hides_what_its_last_part_hides(caregivers):
    year = publication.build_year(YEAR)
    table = {key: _table(year[key], "childcare.caregivers_by_payer") for key in ("Y", "C1", "C3", "M3", "M12")}
    rows = {key: [r["department"] for r in t["rows"]] for key, t in table.items()}
    assert rows["Y"] == rows["C3"] == rows["M12"] == ["Jutiapa", "Zacapa"]
    jutiapa, zacapa = 0, 1
    # Counts of 1 to 4 are hidden as such in every period: Zacapa's 2 (one without an amount) and
    # Jutiapa's municipal caregiver.
    for key in table:
        assert _shown(table[key], zacapa, "sosep") == "<5"
        assert _shown(table[key], zacapa, "total") == "<5"
        assert _shown(table[key], zacapa, "without_amount") == "<5"
        assert _shown(table[key], jutiapa, "municipalidad") == "<5"
    # A stock: the year, its last four-month period and December show one figure, hidden alike.
    for column in BY_ID["childcare.caregivers_by_payer"].counts:
        for row in (jutiapa, zacapa, "totals"):
            assert _shown(table["Y"], row, column) == _shown(table["C3"], row, column) == _shown(
                table["M12"], row, column), (row, column)
    # March still had the caregiver who left on 31 March; the end of April did not.
    assert table["M3"]["rows"][jutiapa]["sosep"] in (7, None)
    assert table["C1"]["rows"][jutiapa]["sosep"] in (6, None)
    # The monthly amounts are not published (one caregiver's pay), nor any name.
    text = json.dumps(year, ensure_ascii=False)
    assert "monthly_amount" not in text and "1234.56" not in text
    assert "Monto mensual" not in text and "Los montos que reciben no se publican" in table["Y"]["note"]
    assert not any(name in text for name in CAREGIVER_NAMES)
    failures = attack(year, unprotected(YEAR))
    assert not failures, "\n".join(failures)


@pytest.fixture
def talks(people):
    """Violence-prevention talks in Zacapa: CADI «ZA-2» in February (12 parents), CADI «ZA-1» in
    June (3 parents). The year lists ZA-1 first, the first four-month period only ZA-2, the
    second only ZA-1."""
    town = Municipality.objects.get(pk=ZACAPA_TOWN)
    for code, month, parents in (("ZA-2", 2, 12), ("ZA-1", 6, 3)):
        center = make_center(ZACAPA_TOWN, kind="cadi", name=f"CADI {code}", code=code)
        event_create(program="childcare", kind="charla", topic="Prevención de violencia", audience="padres",
                     date=dt.date(YEAR, month, 10), municipality=town, center=center, unnamed_participants=parents,
                     category=TalkTheme.VIOLENCE_PREVENTION, acting_user=people["central"])


def test_a_center_is_the_same_row_in_every_period(talks):
    year = publication.build_year(YEAR)
    table = {key: _table(year[key], "childcare.violence_prevention_talks") for key in ("Y", "C1", "C2", "M6")}
    assert [(r["department"], r["center"]) for r in table["Y"]["rows"]] == [("Zacapa", "ZA-1"), ("Zacapa", "ZA-2")]
    assert [r["center"] for r in table["C1"]["rows"]] == ["ZA-2"]
    assert [r["center"] for r in table["C2"]["rows"]] == ["ZA-1"]
    # The protection names the rows by department and center, not by department and position.
    spec = BY_ID["childcare.violence_prevention_talks"]
    assert [ref[1] for ref in row_refs(unprotected(YEAR)["Y"][spec.table_id], "Y", spec)] == [
        "Zacapa · ZA-1", "Zacapa · ZA-2"]
    # ZA-1's 3 parents are hidden in the year, in the second period and in June; the year's total
    # (15) would give them back from ZA-2's 12, so one more cell of that column is hidden.
    assert _shown(table["Y"], 0, "people") == "<5"
    assert _shown(table["C2"], 0, "people") == "<5"
    assert _shown(table["M6"], 0, "people") == "<5"
    assert [_shown(table["Y"], 1, "people"), _shown(table["Y"], "totals", "people")].count("*") >= 1
    # The number of talks is not a count of people: published as it is.
    assert [r["events"] for r in table["Y"]["rows"]] == [1, 1]
    failures = attack(year, unprotected(YEAR))
    assert not failures, "\n".join(failures)
