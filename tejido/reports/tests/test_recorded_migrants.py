"""Issue 17 item 5, returned migrant family units: the care given at reception, the arrival mode and
country returned from (seed 001 §6.2) and the vulnerability causes (§6.4), recorded with every
reception but never reported. Hand-built receptions, hand-counted numbers; the officers see the
families received in their department or destined to it."""

import datetime as dt

import pytest
from django.test import Client

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center
from tejido.migrants.services import MemberData, reception_create
from tejido.reports.builder import build_report
from tejido.reports.drill import drill_url
from tejido.reports.period import Period
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)


def _family(surname: str, ages_and_sexes: list[tuple[int, str]]) -> list[MemberData]:
    return [MemberData(given_names=f"Integrante {i}", first_surname=surname, sex=sex, age_years=age,
                       relationship="jefe" if i == 0 else "hijo") for i, (age, sex) in enumerate(ages_and_sexes)]


@pytest.fixture
def receptions(people):
    """All received at the Zacapa reception center:
    R1 10/03/2023 by air from the United States, 3 people, to Zacapa; kit, call, psychosocial care;
       threats and unemployment.
    R2 20/06/2023 by land from Mexico, 2 people, to Zacapa; kit and food; unemployment.
    R3 05/08/2023 by air from Mexico, 1 person, to Jutiapa; no care recorded; another cause.
    R4 20/12/2022 by air from the United States, 2 people, to Zacapa; transport; threats (not in 2023)."""
    center = make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa")
    zacapa, jutiapa = (Municipality.objects.get(pk=town) for town in (ZACAPA_TOWN, JUTIAPA_TOWN))
    for day, mode, country, destination, family, care, causes in (
            (dt.date(2023, 3, 10), "aerea", "estados_unidos", zacapa, [(30, "F"), (32, "M"), (5, "F")],
             ["kit_higiene", "llamada", "psicosocial"], ["amenazas", "desempleo"]),
            (dt.date(2023, 6, 20), "terrestre", "mexico", zacapa, [(40, "M"), (10, "M")],
             ["kit_higiene", "alimentacion"], ["desempleo"]),
            (dt.date(2023, 8, 5), "aerea", "mexico", jutiapa, [(25, "F")], [], ["otro"]),
            (dt.date(2022, 12, 20), "aerea", "estados_unidos", zacapa, [(50, "M"), (16, "F")], ["transporte"],
             ["amenazas"])):
        reception_create(acting_user=people["admin"], date=day, center=center, arrival_mode=mode,
                         returned_from=country, destination_municipality=destination,
                         members=_family(f"Familia{day:%m%d}", family), care=care, vulnerabilities=causes,
                         vulnerability_other="Deudas" if "otro" in causes else "")
    return people


def _table(user, table_id):
    report = build_report("annual", user=user, period=YEAR)
    return report, next(t for t in report["tables"] if t["id"] == table_id)


def test_care_given_families_and_people_per_kind_of_care(receptions):
    people = receptions
    _report, zacapa = _table(people["zacapa"], "migrants.care_given")
    assert [c["id"] for c in zacapa["columns"]] == ["care", "families", "people"]
    assert zacapa["rows"] == [
        {"care": "Kit de higiene", "families": 2, "people": 5},      # R1 (3) + R2 (2)
        {"care": "Llamada telefónica", "families": 1, "people": 3},  # R1
        {"care": "Transporte", "families": 0, "people": 0},          # only R4, in 2022
        {"care": "Alimentación", "families": 1, "people": 2},        # R2
        {"care": "Atención médica", "families": 0, "people": 0},
        {"care": "Atención psicosocial", "families": 1, "people": 3}]  # R1
    # R1 and R2 once each (not 2 + 1 + 1 + 1 = 5 families); R3 had none
    assert zacapa["totals"] == {"care": "Unidades familiares con alguna atención", "families": 2, "people": 5}
    # Jutiapa's officer sees R3 (destined to Jutiapa), which had no care
    _report, jutiapa = _table(people["jutiapa"], "migrants.care_given")
    assert all(r["families"] == 0 and r["people"] == 0 for r in jutiapa["rows"]) and len(jutiapa["rows"]) == 6
    assert jutiapa["totals"]["families"] == 0
    # a national planner counts the same three receptions of 2023
    report, national = _table(people["planner"], "migrants.care_given")
    assert national["rows"] == zacapa["rows"] and national["totals"] == zacapa["totals"]
    # the drill-down lists the families behind a row and the total, members counted once per family
    # (national program staff: the planner sees counts, not the list of families)
    report, national = _table(people["central"], "migrants.care_given")
    client = Client()
    client.force_login(people["central"])
    kits = client.get(drill_url(report, national, national["rows"][0], "people", index=0)).content.decode()
    assert 'data-total="5"' in kits
    anyone = client.get(drill_url(report, national, national["totals"], "people", totals=True)).content.decode()
    assert 'data-total="5"' in anyone  # R1 has three kinds of care: its 3 members still count once


def test_families_and_people_by_arrival_mode_and_country(receptions):
    people = receptions
    report, zacapa = _table(people["zacapa"], "migrants.by_arrival")
    assert [c["id"] for c in zacapa["columns"]] == ["arrival_mode", "returned_from", "families", "people"]
    assert zacapa["rows"] == [
        {"arrival_mode": "Vía aérea", "returned_from": "Estados Unidos", "families": 1, "people": 3},
        {"arrival_mode": "Vía aérea", "returned_from": "México", "families": 1, "people": 1},
        {"arrival_mode": "Vía terrestre", "returned_from": "México", "families": 1, "people": 2}]
    assert zacapa["totals"] == {"arrival_mode": "Total", "families": 3, "people": 6}
    # the totals and the rows link to the receptions behind them
    client = Client()
    client.force_login(people["zacapa"])
    families = client.get(drill_url(report, zacapa, zacapa["totals"], "families", totals=True)).content.decode()
    assert 'data-total="3"' in families
    members = client.get(drill_url(report, zacapa, zacapa["totals"], "people", totals=True)).content.decode()
    assert 'data-total="6"' in members
    # each row lists its own receptions: by air from the United States, R1 with its 3 people
    by_air = client.get(drill_url(report, zacapa, zacapa["rows"][0], "people", index=0)).content.decode()
    assert 'data-total="3"' in by_air
    # Jutiapa's officer: only R3, destined to Jutiapa
    _report, jutiapa = _table(people["jutiapa"], "migrants.by_arrival")
    assert jutiapa["rows"] == [{"arrival_mode": "Vía aérea", "returned_from": "México", "families": 1, "people": 1}]
    assert jutiapa["totals"] == {"arrival_mode": "Total", "families": 1, "people": 1}


def test_families_per_vulnerability_cause(receptions):
    people = receptions
    _report, zacapa = _table(people["zacapa"], "migrants.vulnerabilities")
    assert [c["id"] for c in zacapa["columns"]] == ["cause", "families"]
    counts = {r["cause"]: r["families"] for r in zacapa["rows"]}
    assert len(zacapa["rows"]) == 11 and zacapa["rows"][0]["cause"] == "Amenazas"
    assert {cause: n for cause, n in counts.items() if n} == {"Amenazas": 1, "Desempleo": 2, "Otro": 1}
    # three families with some cause (the rows add up to four: R1 has two causes)
    assert zacapa["totals"] == {"cause": "Unidades familiares con alguna causa", "families": 3}
    _report, jutiapa = _table(people["jutiapa"], "migrants.vulnerabilities")
    assert {r["cause"]: r["families"] for r in jutiapa["rows"] if r["families"]} == {"Otro": 1}
    assert jutiapa["totals"]["families"] == 1
