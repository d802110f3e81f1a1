"""Daily status, COE totals, seed 003's table and alerts against hand-computed numbers.

At the Zacapa shelter center (capacity 6, opened day 0):
  family A day 1: Rosa F34 (head), Juan M36, Ana F12, Luis M4; Juan leaves day 6
  family B day 3: Marta F70 (head), Pedro M15
  family C day 5: Eva F25 (head), accepted over capacity
  supplies: day 3 2 hygiene kits (family A) and 12 rations; day 5 7 blankets
Zacapa school (opened day 2): Carla F30, Beto M8 from day 3. Jutiapa hall (opened day 1):
three people from day 2."""

import pytest

from tejido.reports.period import Period
from tejido.shelters import figures, report_tables
from tejido.shelters.alerts import alerts
from tejido.shelters.services import family_register, shelter_close, stay_check_out, supply_record

from .conftest import day, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(people, shelters):
    zacapa, jutiapa = people["zacapa"], people["jutiapa"]
    center = shelters["at_center"]
    a = family_register(shelter=center, acting_user=zacapa, check_in=day(1), members=[
        member("Rosa", "F", 34, "jefe"), member("Juan", "M", 36, "conyuge"), member("Ana", "F", 12),
        member("Luis", "M", 4)])
    family_register(shelter=center, acting_user=zacapa, check_in=day(3),
                    members=[member("Marta", "F", 70, "jefe"), member("Pedro", "M", 15, "nieto")])
    family_register(shelter=center, acting_user=zacapa, check_in=day(5), members=[member("Eva", "F", 25, "jefe")],
                    confirm_over_capacity=True)
    stay_check_out(shelter=center, stays=a.stays.filter(person__given_names="Juan"), check_out=day(6),
                   acting_user=zacapa)
    supply_record(shelter=center, family=a, item="kit_higiene", quantity=2, date=day(3), acting_user=zacapa)
    supply_record(shelter=center, item="racion_alimento", quantity=12, date=day(3), acting_user=zacapa)
    supply_record(shelter=center, item="frazada", quantity=7, date=day(5), acting_user=zacapa)
    family_register(shelter=shelters["school"], acting_user=zacapa, check_in=day(3),
                    members=[member("Carla", "F", 30, "jefe"), member("Beto", "M", 8)])
    family_register(shelter=shelters["hall"], acting_user=jutiapa, check_in=day(2), members=[
        member("Mario", "M", 28, "jefe"), member("Lidia", "F", 27, "conyuge"), member("Noé", "M", 1)])
    return shelters


def test_daily_status_by_age_group_and_sex(people, busy):
    status = figures.daily_status(shelter=busy["at_center"], day=day(5))
    assert [(r["code"], r["men"], r["women"], r["total"]) for r in status["by_age"]] == [
        ("0_5", 1, 0, 1), ("6_12", 0, 1, 1), ("13_17", 1, 0, 1), ("18_59", 1, 2, 3), ("60", 0, 1, 1)]
    assert (status["present"], status["men"], status["women"], status["families"]) == (7, 3, 4, 3)
    assert (status["capacity_left"], status["over_capacity"]) == (-1, True)
    assert (status["arrivals"], status["departures"], status["sheltered_so_far"]) == (1, 0, 7)
    assert [(s["item"], s["today"], s["so_far"]) for s in status["supplies"]] == [
        ("kit_higiene", 0, 2), ("racion_alimento", 0, 12), ("frazada", 7, 7)]
    later = figures.daily_status(shelter=busy["at_center"], day=day(6))
    assert (later["present"], later["departures"], later["capacity_left"], later["families"]) == (6, 1, 0, 3)
    before = figures.daily_status(shelter=busy["at_center"], day=day(2))
    assert (before["present"], before["families"], before["supplies"]) == (4, 1, [])


def test_national_totals_for_the_coe(people, busy):
    totals = figures.national_totals(user=people["central"], day=day(5))
    assert [(r["department__name"], r["shelters"], r["families"], r["persons"]) for r in totals["by_department"]] == [
        ("Jutiapa", 1, 1, 3), ("Zacapa", 2, 4, 9)]
    assert [(r["event"], r["shelters"], r["persons"]) for r in totals["by_event"]] == [
        ("caravana", 1, 3), ("frente_frio", 1, 7), ("tormenta", 1, 2)]
    assert totals["total"] == {"shelters": 3, "persons": 12, "families": 5}
    assert totals["capacity"] == 156 and [s.name for s in totals["over_capacity"]] == ["Albergue Municipal Zacapa"]
    early = figures.national_totals(user=people["central"], day=day(1))
    assert early["total"] == {"shelters": 2, "persons": 4, "families": 1}
    zacapa = figures.national_totals(user=people["zacapa"], day=day(5))
    assert [r["department__name"] for r in zacapa["by_department"]] == ["Zacapa"]
    assert zacapa["total"]["persons"] == 9
    planner = figures.national_totals(user=people["planner"], day=day(5))
    assert planner["total"]["persons"] == 12  # counts, not names


def test_shelter_table_of_seed_003_for_any_period(people, busy):
    shelter_close(shelter=busy["at_center"], closed_on=day(8), acting_user=people["zacapa"])
    table = report_tables.by_shelter(people["central"], Period.between(day(0), day(10))).as_contract()
    assert table["id"] == "shelters.by_shelter"
    assert [c["id"] for c in table["columns"]] == ["shelter", "location", "start", "end", "persons"]
    assert [(r["shelter"], r["location"], r["start"], r["end"], r["persons"]) for r in table["rows"]] == [
        ("Salón comunal Jutiapa", "Jutiapa, Jutiapa", day(1).strftime("%d/%m/%Y"), "abierto", 3),
        ("Albergue Municipal Zacapa", "Zacapa, Zacapa", day(0).strftime("%d/%m/%Y"), day(8).strftime("%d/%m/%Y"), 7),
        ("Escuela Oficial Rural", "Barrio El Centro, Zacapa, Zacapa", day(2).strftime("%d/%m/%Y"), "abierto", 2)]
    assert table["totals"] == {"shelter": "Total de personas atendidas", "persons": 12}
    late = figures.by_shelter(user=people["central"], start=day(9), end=day(10))
    assert [(s.name, s.persons) for s in late["rows"]] == [("Salón comunal Jutiapa", 3), ("Escuela Oficial Rural", 2)]
    first_day = figures.by_shelter(user=people["central"], start=day(0), end=day(0))
    assert [(s.name, s.persons) for s in first_day["rows"]] == [("Albergue Municipal Zacapa", 0)]
    jutiapa = figures.by_shelter(user=people["jutiapa"], start=day(0), end=day(10))
    assert jutiapa["total"] == {"shelters": 1, "persons": 3}


def test_alerts_open_shelters_and_over_capacity(people, busy):
    # Today: the center holds 6 (Juan left) of 6: open, not over capacity.
    found = alerts(people["zacapa"])
    assert [(a["level"], a["count"]) for a in found] == [("warning", 2)]
    assert "2 albergues abiertos con 8 personas" in found[0]["text"] and found[0]["url"].startswith("/albergues/")
    family_register(shelter=busy["at_center"], acting_user=people["zacapa"], check_in=day(7),
                    members=[member("Otra", "F", 50, "jefe")], confirm_over_capacity=True)
    found = alerts(people["zacapa"])
    assert [(a["level"], a["count"]) for a in found] == [("danger", 7), ("warning", 2)]
    assert found[0]["text"] == "Albergue Municipal Zacapa supera su capacidad: 7 personas para 6."
    assert found[0]["url"] == f"/albergues/{busy['at_center'].pk}/"
    jutiapa = alerts(people["jutiapa"])
    assert [(a["level"], a["count"]) for a in jutiapa] == [("warning", 1)]
    assert jutiapa[0]["text"] == "1 albergue abierto con 3 personas albergadas hoy."
    for shelter in (busy["at_center"], busy["school"]):
        shelter_close(shelter=shelter, closed_on=day(9), acting_user=people["zacapa"])
    assert alerts(people["zacapa"]) == []
