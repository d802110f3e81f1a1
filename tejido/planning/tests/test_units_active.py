"""Issue 17 item 4: productive units count those in operation in the period (seed 003: 1,436),
not only those organised in it. Hand-counted on the conftest records plus a closed unit."""

import datetime as dt

import pytest

from tejido.centers.models import CenterKind
from tejido.common.testing import ZACAPA_TOWN, make_center
from tejido.planning.indicators import RULES
from tejido.planning.models import RuleKind
from tejido.reports.catalogue.women import by_department
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db
UNITS = {"center_kind": CenterKind.PRODUCTIVE_UNIT}


def _count(kind, user, start, end):
    return RULES[kind].count(user, start, end, UNITS, None, {})


@pytest.fixture
def closed_unit(records):
    """Opened in 2022, closed on 31 December 2023: in operation in 2023, not in 2024."""
    unit = make_center(ZACAPA_TOWN, kind=CenterKind.PRODUCTIVE_UNIT, name="Bordadoras",
                       opened_on=dt.date(2022, 2, 1))
    unit.closed_on = dt.date(2023, 12, 31)
    unit.save()
    return unit


def test_units_in_operation_against_units_organised(people, records, closed_unit):
    planner, zacapa = people["planner"], people["zacapa"]
    first_half, january, year_2023 = (dt.date(2024, 1, 1), dt.date(2024, 6, 30)), \
        (dt.date(2024, 1, 1), dt.date(2024, 1, 31)), (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    # January-June 2024: Tejedoras (Zacapa, opened 1 March) and Panaderas (Jutiapa, May 2023) operate;
    # only Tejedoras was organised in the period; Bordadoras closed before it
    assert _count(RuleKind.UNITS_ACTIVE, planner, *first_half) == 2
    assert _count(RuleKind.UNITS_CREATED, planner, *first_half) == 1
    # January 2024: only Panaderas (Tejedoras opens in March)
    assert _count(RuleKind.UNITS_ACTIVE, planner, *january) == 1
    # 2023: Panaderas and Bordadoras (closed on the last day)
    assert _count(RuleKind.UNITS_ACTIVE, planner, *year_2023) == 2
    # the Zacapa officer counts her department's only
    assert _count(RuleKind.UNITS_ACTIVE, zacapa, *first_half) == 1
    assert _count(RuleKind.UNITS_ACTIVE, zacapa, *year_2023) == 1


def test_women_by_department_has_the_units_in_operation(people, records, closed_unit):
    table = by_department(people["planner"], Period.between(dt.date(2024, 1, 1), dt.date(2024, 6, 30)))
    contract = table.as_contract()
    units = {r["department"]: r["productive_units"] for r in contract["rows"]}
    assert units == {"Jutiapa": 1, "Zacapa": 1} and contract["totals"]["productive_units"] == 2
    assert contract["drill"]["columns"]["productive_units"]["fuente"] == "centros_en_funcionamiento"
