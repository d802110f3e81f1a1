"""Cases received, attended, closed and open per month (seed graph 7) against a hand count."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.errors import NotFoundOrOutOfScope
from tejido.protection import services
from tejido.protection.figures import cases_per_month, month_bars

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def cases(report, officer):
    """A: 10/11/2022, still open (carried over)     B: 01/12/2022, closed 15/02/2023
    C: 05/01/2023, closed 20/03/2023                D: 25/01/2023, referred to the PGN 02/02/2023
    E: 08/03/2023, open                             F: 30/03/2023, closed 31/03/2023
    G: 10/01/2024, open                             H: 2021, closed 2022 (outside 2023 altogether)
    X: 10/01/2023 but deleted (never counts)
    Actions: C 10/01 and 20/01 and 05/03, D 02/02 (referral), A 10/03, B 05/12/2022."""
    made = {k: report(reported_on=day) for k, day in [
        ("A", D(2022, 11, 10)), ("B", D(2022, 12, 1)), ("C", D(2023, 1, 5)), ("D", D(2023, 1, 25)),
        ("E", D(2023, 3, 8)), ("F", D(2023, 3, 30)), ("G", D(2024, 1, 10)), ("H", D(2021, 1, 1)),
        ("X", D(2023, 1, 10))]}

    def act(key, day, kind="entrevista"):
        services.case_action_add(case=made[key], date=day, kind=kind, done_by="Licda. Pérez", acting_user=officer)

    def close(key, day):
        services.case_close(case=made[key], closed_on=day, summary="Concluido.", acting_user=officer)

    act("B", D(2022, 12, 5))
    act("C", D(2023, 1, 10))
    act("C", D(2023, 1, 20))
    act("C", D(2023, 3, 5), kind="dialogo_padres")
    services.case_refer(case=made["D"], date=D(2023, 2, 2), authority="pgn", done_by="Licda. Pérez",
                        acting_user=officer)
    act("A", D(2023, 3, 10), kind="visita_domiciliaria")
    close("B", D(2023, 2, 15))
    close("C", D(2023, 3, 20))
    close("F", D(2023, 3, 31))
    close("H", D(2022, 6, 1))
    made["X"].deleted_at = timezone.now()
    made["X"].save(update_fields=["deleted_at"])
    return made


def test_2023_month_by_month(officer, cases, django_assert_num_queries):
    with django_assert_num_queries(3):
        table = cases_per_month(user=officer, year=2023)
    rows = [(m["received"], m["attended"], m["closed"], m["open"]) for m in table["months"]]
    assert rows == [
        (2, 1, 0, 4),  # Jan: C, D received; C attended; open A B C D
        (0, 1, 1, 3),  # Feb: D referred (attended, still open); B closed; open A C D
        (2, 2, 2, 3),  # Mar: E, F received; C, A attended; C, F closed; open A D E
    ] + [(0, 0, 0, 3)] * 9
    # The seed's shape: open at year end = open at start + received − closed (2 + 4 − 3).
    assert table["totals"] == {"open_at_start": 2, "received": 4, "attended": 3, "closed": 3, "open_at_end": 3}
    assert [str(m["label"]) for m in table["months"]][:3] == ["Ene", "Feb", "Mar"]


def test_the_next_year_carries_the_open_cases(officer, cases):
    table = cases_per_month(user=officer, year=2024)
    assert table["totals"] == {"open_at_start": 3, "received": 1, "attended": 0, "closed": 0, "open_at_end": 4}


def test_months_not_yet_begun_have_no_month_end(officer, cases):
    today = timezone.localdate()
    table = cases_per_month(user=officer, year=today.year)
    assert [m["open"] is None for m in table["months"]] == [m > today.month for m in range(1, 13)]
    assert table["totals"]["open_at_end"] == 4  # A, D, E and G are open today
    future = cases_per_month(user=officer, year=today.year + 1)
    assert future["totals"]["open_at_end"] is None and future["totals"]["open_at_start"] == 4


def test_chart_bars_scale_to_the_busiest_month(officer, cases):
    bars = month_bars(cases_per_month(user=officer, year=2023), height=120, base=125)
    assert (bars[0]["received_h"], bars[0]["received_y"], bars[1]["closed_h"]) == (120, 5, 60)


@pytest.mark.parametrize("persona", ["zacapa", "jutiapa", "clerk"])
def test_departmental_users_do_not_get_the_counts(people, cases, persona):
    with pytest.raises(NotFoundOrOutOfScope):
        cases_per_month(user=people[persona], year=2023)


@pytest.mark.parametrize("persona", ["admin", "central", "auditor", "planner"])
def test_national_staff_get_counts_only(people, cases, officer, persona):
    """The annual report publishes these counts; they name no child and no case."""
    assert cases_per_month(user=people[persona], year=2023) == cases_per_month(user=officer, year=2023)


def test_a_four_month_report_counts_its_own_months(officer, cases):
    """Issue 17 item 7: the period was ignored (a four-month report showed the whole year)."""
    from tejido.reports.catalogue.protection import cases_per_month as report_table
    from tejido.reports.period import Period

    officer.role = "admin"  # a national role: the report table is national only
    table = report_table(officer, Period.four_month(2023, 1)).as_contract()
    assert [(r["month"], r["received"], r["attended"], r["closed"], r["open"]) for r in table["rows"]] == [
        ("Ene", 2, 1, 0, 4), ("Feb", 0, 1, 1, 3), ("Mar", 2, 2, 2, 3), ("Abr", 0, 0, 0, 3)]
    # attended in Jan-Apr: C, D and A; open on 30 April: A, D, E
    assert table["totals"] == {"month": "Periodo", "received": 4, "attended": 3, "closed": 3, "open": 3}


def test_one_month_and_a_range_across_two_years(officer, cases):
    from tejido.protection.figures import cases_between

    march = cases_between(user=officer, start=D(2023, 3, 1), end=D(2023, 3, 31))
    assert [(m["label"], m["received"], m["attended"], m["closed"], m["open"]) for m in march["months"]] == [
        ("Mar", 2, 2, 2, 3)]
    # open on 28 February: A, C, D
    assert march["totals"] == {"open_at_start": 3, "received": 2, "attended": 2, "closed": 2, "open_at_end": 3}
    turn = cases_between(user=officer, start=D(2022, 12, 1), end=D(2023, 1, 31))
    assert [(m["label"], m["received"], m["attended"], m["closed"], m["open"]) for m in turn["months"]] == [
        ("Dic 2022", 1, 1, 0, 2), ("Ene 2023", 2, 1, 0, 4)]
    # open on 30 November 2022: A only (H closed in June); attended: B in December, C in January
    assert turn["totals"] == {"open_at_start": 1, "received": 3, "attended": 2, "closed": 0, "open_at_end": 4}


def test_cases_by_year_as_seed_graph_6(people, officer, cases):
    """Issue 17 item 5: the cases over several years (seed 001 graph 6, 2020-2023), by hand from the
    fixture: 2021 H received; 2022 A, B received, B attended (05/12), H closed; 2023 as above."""
    from tejido.reports.period import Period
    from tejido.reports.tables import TABLES

    table = TABLES["protection.cases_by_year"].build(people["planner"], Period.year(2023)).as_contract()
    assert [(r["year"], r["received"], r["attended"], r["closed"]) for r in table["rows"]] == [
        ("2020", 0, 0, 0), ("2021", 1, 0, 0), ("2022", 2, 1, 1), ("2023", 4, 3, 3)]
    # up to the period's end only: January 2023 receives C and D and attends C
    january = TABLES["protection.cases_by_year"].build(people["planner"], Period.month(2023, 1)).as_contract()
    assert january["rows"][-1] == {"year": "2023", "received": 2, "attended": 1, "closed": 0}
    # a departmental officer's report says why it is empty
    zacapa = TABLES["protection.cases_by_year"].build(people["zacapa"], Period.year(2023)).as_contract()
    assert zacapa["rows"] == [] and zacapa["note"] == "Solo en informes nacionales."
