"""Issue 15, item 4: an outside test solved the published tables as an integer program and recovered
suppressed cells exactly (a total "<5" over four "<5" departments makes each of them 1). The same
attack (attacker.py, independent of the portal's code) on a year built from records arranged that
way: no hidden cell may come out as a single value, and each must keep its protection interval."""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.portal import publication
from tejido.portal.catalogue import BY_ID, PUBLISHED
from tejido.portal.viewer import public_viewer
from tejido.programs.models import Enrolment
from tejido.programs.services import enrolment_create
from tejido.reports.tables import TABLES

from .attacker import Attack, plan_rows, read, relations, required, true_values
from .conftest import YEAR

pytestmark = pytest.mark.django_db
GUATEMALA_TOWN, PROGRESO_TOWN = 101, 201


@pytest.fixture
def four_departments(people):
    """One elderly woman served in each of four departments, in February only: in February, the
    first four-month period and the year, the elderly table has four rows of 1 and a total of 4."""
    for town in (GUATEMALA_TOWN, PROGRESO_TOWN, ZACAPA_TOWN, JUTIAPA_TOWN):
        center = make_center(town, kind="elderly_day", name=f"Centro Diurno {town}")
        person = make_person(town, sex="F", birth_date=dt.date(1950, 1, 1), given_names="Prueba")
        enrolment = enrolment_create(person=person, center=center, program="elderly", start=dt.date(YEAR, 2, 1),
                                     acting_user=people["central"])
        Enrolment.objects.filter(pk=enrolment.pk).update(end=dt.date(YEAR, 2, 28))


def unprotected(year: int) -> dict:
    """The tables the portal publishes, before protection: period key -> table id -> contract."""
    viewer, periods = public_viewer(), publication.family(year)[0]
    return {key: {spec.table_id: TABLES[spec.table_id].build(viewer, period).as_contract() for spec in PUBLISHED}
            for key, period in periods.items()}


def attack(year_publication: dict, contracts: dict, targets: dict | None = None) -> list[str]:
    """What the attacker learns that it should not: a description per failing hidden cell."""
    shown, ranges = read(year_publication)
    values = true_values(contracts)
    sums, floors = relations(values, targets)
    found = Attack(shown, ranges, values, sums, floors).ranges()
    shape = None  # what the table's shape alone says (every count hidden), computed when needed
    failures = []
    for cell, (low, high) in found.items():
        value = values[cell]
        assert low <= value and (high is None or value <= high), (cell, value, low, high)
        if low == high:
            failures.append(f"{cell} recovered exactly: {value}")
            continue
        want_low, want_high = required(value, floors.get(cell, 0))
        if low > want_low or (high is not None and high < want_high):
            shape = shape or Attack(dict.fromkeys(shown, "*"), {"*": (0, None)}, values, sums, floors)
            shape_low, shape_high = shape.range(cell)
            want_low = max(want_low, shape_low)
            want_high = want_high if shape_high is None else min(want_high, shape_high)
            if low > want_low or (high is not None and high < want_high):
                failures.append(f"{cell} = {value}: range {low}..{high}, must cover {want_low}..{want_high}")
    return failures


def test_a_total_of_four_departments_of_one_is_not_recovered(four_departments):
    failures = attack(publication.build_year(YEAR), unprotected(YEAR))
    assert not failures, f"{len(failures)} hidden cells disclosed:\n" + "\n".join(failures)


def _pattern(year_publication: dict) -> dict:
    """What a year shows, by position (period, table, row, column): the figure or its marker."""
    found = {}
    for key, one in year_publication.items():
        for table in one["tables"]:
            for i, (row, marks) in enumerate(zip(table["rows"], table["suppressed"]["rows"], strict=True)):
                found.update({(key, table["id"], i, c): marks.get(c, row.get(c)) for c in BY_ID[table["id"]].counts})
            found.update({(key, table["id"], "totals", c): table["suppressed"]["totals"].get(c, table["totals"].get(c))
                          for c in BY_ID[table["id"]].counts if table.get("totals")})
    return found


def test_every_published_year_and_language_of_the_demo_keeps_every_interval(people):
    """The demo's records (load_demo: every program, a plan, small departments), published as the
    nightly job does: this year and the previous one, in every language."""
    from tejido.demo.loader import load_demo
    from tejido.portal.management.commands.portal_publish import default_years
    from tejido.portal.models import PublishedYear

    load_demo(families=40)
    call_command("portal_publish", stdout=io.StringIO())
    stored = {(p.year, p.language): json.loads(p.data) for p in PublishedYear.objects.all()}
    languages = [code for code, _name in settings.LANGUAGES]
    assert set(stored) == {(year, language) for year in default_years() for language in languages}
    hidden = 0
    for year in default_years():
        # Every language shows the same figures and hides the same cells.
        first = _pattern(stored[(year, languages[0])])
        assert all(_pattern(stored[(year, language)]) == first for language in languages[1:])
        hidden += sum(isinstance(v, str) for v in first.values())
        failures = attack(stored[(year, languages[0])], unprotected(year), plan_rows(year))
        assert not failures, f"{year}: {len(failures)} hidden cells disclosed:\n" + "\n".join(failures)
    assert hidden > 100  # small departments and months: many cells under 5
