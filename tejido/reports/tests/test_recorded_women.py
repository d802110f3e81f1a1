"""Issue 17 item 5, women's program: what is recorded but was never reported — trainings by type and
by partner institution (seed 001 §5.3 and §5.5) and commercial events with their sales (§5.4) —
against hand-made records counted by hand, through the viewer's territory."""

import datetime as dt
from decimal import Decimal

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.models import Event
from tejido.programs.services import event_create
from tejido.reports.builder import build_report
from tejido.reports.drill import drill_url
from tejido.reports.period import Period
from tejido.territory.models import Municipality
from tejido.women import services

from .helpers import listed as _listed

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)
NO_PARTNER = "Sin institución aliada (personal de la Dirección)"


def _place(pk):
    return Municipality.objects.get(pk=pk)


@pytest.fixture
def women(people):
    """Zacapa unit with Rosa and Ana, Jutiapa unit with Juana, all enrolled on 2023-02-01.

    Trainings (named + counted = participants):
      Zacapa  2023-03-01 organización                 no partner  Rosa, Ana        2
      Zacapa  2023-04-01 actividad productiva tejidos INTECAP     Rosa + 10       11
      Zacapa  2023-05-01 actividad productiva velas   INTECAP     15              15
      Zacapa  2023-08-01 (a training without a type: no women.Training row)  3     3
      Jutiapa 2023-06-01 desarrollo humano            Pro Mujer   Juana + 4        5
      Jutiapa 2023-07-01 actividad productiva dulces  INTECAP     20              20
      Zacapa  2022-11-01 emprendimiento               INTECAP     7  (outside 2023)
      Zacapa  2023-09-01 a training of the program's staff, INTECAP, 9 (not for the women: not counted)
    Commercial events (participants; sales):
      Zacapa  2023-06-16..18  Rosa Q1,500.50, Ana Q250.00 + 3 counted   5; Q1,750.50
      Jutiapa 2023-09-01..02  Juana Q800.00, Rosa Q99.99                2; Q899.99
      Zacapa  2023-11-20      12 counted, no sales                     12; Q0
      Zacapa  2022-12-01      9 counted (outside 2023)"""
    zacapa_unit = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad Las Tejedoras",
                              product_line="tejidos")
    jutiapa_unit = make_center(JUTIAPA_TOWN, kind="productive_unit", name="Unidad Dulces de Jutiapa",
                               product_line="dulces_tipicos")
    rosa = make_person(given_names="Rosa", first_surname="Orellana", birth_date=dt.date(1980, 3, 1))
    ana = make_person(given_names="Ana", first_surname="Guerra", birth_date=dt.date(2000, 7, 1))
    juana = make_person(JUTIAPA_TOWN, given_names="Juana", first_surname="Morales", birth_date=dt.date(1970, 1, 10))
    for person, unit in ((rosa, zacapa_unit), (ana, zacapa_unit), (juana, jutiapa_unit)):
        services.woman_enrol(person=person, center=unit, start=dt.date(2023, 2, 1), acting_user=people["central"])
    z, j = people["zacapa"], people["jutiapa"]

    def training(user, kind, day, place, line="", partner="", participants=(), unnamed=0):
        services.training_create(acting_user=user, training_kind=kind, product_line=line, date=day,
                                 municipality=_place(place), partner=partner, participants=participants,
                                 unnamed_participants=unnamed)

    training(z, "organizacion", dt.date(2023, 3, 1), ZACAPA_TOWN, participants=[rosa, ana])
    training(z, "actividad_productiva", dt.date(2023, 4, 1), ZACAPA_TOWN, "tejidos", "INTECAP", [rosa], 10)
    training(z, "actividad_productiva", dt.date(2023, 5, 1), ZACAPA_TOWN, "velas", "INTECAP", unnamed=15)
    event_create(program="women", kind=Event.Kind.TRAINING, topic="Taller sin clasificar",
                 audience=Event.Audience.BENEFICIARIES, date=dt.date(2023, 8, 1), municipality=_place(ZACAPA_TOWN),
                 unnamed_participants=3, acting_user=z)
    training(j, "desarrollo_humano", dt.date(2023, 6, 1), JUTIAPA_TOWN, partner="Pro Mujer", participants=[juana],
             unnamed=4)
    training(j, "actividad_productiva", dt.date(2023, 7, 1), JUTIAPA_TOWN, "dulces_tipicos", "INTECAP", unnamed=20)
    training(z, "emprendimiento", dt.date(2022, 11, 1), ZACAPA_TOWN, partner="INTECAP", unnamed=7)
    event_create(program="women", kind=Event.Kind.TRAINING, topic="Primeros auxilios", audience=Event.Audience.STAFF,
                 date=dt.date(2023, 9, 1), municipality=_place(ZACAPA_TOWN), partner="INTECAP",
                 unnamed_participants=9, acting_user=z)

    services.fair_create(acting_user=z, topic="Paseo Artesanal Zacapa", municipality=_place(ZACAPA_TOWN),
                         start=dt.date(2023, 6, 16), end=dt.date(2023, 6, 18), unnamed_participants=3,
                         sales=[(rosa, Decimal("1500.50")), (ana, Decimal("250"))])
    services.fair_create(acting_user=j, topic="Feria de Jutiapa", municipality=_place(JUTIAPA_TOWN),
                         start=dt.date(2023, 9, 1), end=dt.date(2023, 9, 2),
                         sales=[(juana, Decimal("800")), (rosa, Decimal("99.99"))])
    services.fair_create(acting_user=z, topic="Feria navideña", municipality=_place(ZACAPA_TOWN),
                         start=dt.date(2023, 11, 20), end=dt.date(2023, 11, 20), unnamed_participants=12)
    services.fair_create(acting_user=z, topic="Feria 2022", municipality=_place(ZACAPA_TOWN),
                         start=dt.date(2022, 12, 1), end=dt.date(2022, 12, 1), unnamed_participants=9)


def _tables(user):
    report = build_report("annual", user=user, period=YEAR, program="women")
    return report, {t["id"]: t for t in report["tables"]}


def test_trainings_by_type(people, women):
    report, tables = _tables(people["central"])
    table = tables["women.trainings_by_type"]
    assert [c["id"] for c in table["columns"]] == ["training_type", "events", "participants"]
    assert table["rows"] == [
        {"training_type": "Organización de unidades productivas", "events": 1, "participants": 2},
        {"training_type": "Desarrollo humano", "events": 1, "participants": 5},
        {"training_type": "Actividad productiva", "events": 3, "participants": 46},
        {"training_type": "Emprendimiento y empresarialidad", "events": 0, "participants": 0},
        {"training_type": "Sin tipo registrado", "events": 1, "participants": 3},
    ]
    assert table["totals"] == {"training_type": "Total", "events": 6, "participants": 56}
    assert table["note"]
    # each row lists its own trainings: the 3 productive-activity ones (46 women), the untyped one
    productive = _listed(people["central"], drill_url(report, table, table["rows"][2], "events", index=2))
    assert 'data-total="3"' in productive
    assert 'data-total="46"' in _listed(people["central"], drill_url(report, table, table["rows"][2],
                                                                      "participants", index=2))
    assert 'data-total="1"' in _listed(people["central"], drill_url(report, table, table["rows"][4], "events",
                                                                     index=4))
    assert drill_url(report, table, table["rows"][3], "events", index=3) is None  # nothing behind a 0
    # and the totals: 6 trainings, 56 participants
    assert 'data-total="6"' in _listed(people["central"], drill_url(report, table, table["totals"], "events",
                                                                     totals=True))
    assert 'data-total="56"' in _listed(people["central"], drill_url(report, table, table["totals"],
                                                                      "participants", totals=True))

    # Zacapa's officer: her four trainings; Jutiapa's: her two, none of Zacapa's
    zacapa = _tables(people["zacapa"])[1]["women.trainings_by_type"]
    assert [(r["events"], r["participants"]) for r in zacapa["rows"]] == [(1, 2), (0, 0), (2, 26), (0, 0), (1, 3)]
    assert zacapa["totals"] == {"training_type": "Total", "events": 4, "participants": 31}
    jutiapa_report, jutiapa_tables = _tables(people["jutiapa"])
    jutiapa = jutiapa_tables["women.trainings_by_type"]
    assert [(r["events"], r["participants"]) for r in jutiapa["rows"]] == [(0, 0), (1, 5), (1, 20), (0, 0)]
    assert jutiapa["totals"] == {"training_type": "Total", "events": 2, "participants": 25}
    assert 'data-total="2"' in _listed(people["jutiapa"], drill_url(jutiapa_report, jutiapa, jutiapa["totals"],
                                                                     "events", totals=True))


def test_trainings_by_partner(people, women):
    report, tables = _tables(people["central"])
    table = tables["women.trainings_by_partner"]
    assert [c["id"] for c in table["columns"]] == ["partner", "events", "participants"]
    assert table["rows"] == [
        {"partner": "INTECAP", "events": 3, "participants": 46},
        {"partner": "Pro Mujer", "events": 1, "participants": 5},
        {"partner": NO_PARTNER, "events": 2, "participants": 5},
    ]
    assert table["totals"] == {"partner": "Total", "events": 6, "participants": 56}
    # INTECAP's row lists its 3 trainings and 46 women; «without a partner» its 2 and 5
    assert 'data-total="3"' in _listed(people["central"], drill_url(report, table, table["rows"][0], "events",
                                                                     index=0))
    assert 'data-total="46"' in _listed(people["central"], drill_url(report, table, table["rows"][0],
                                                                      "participants", index=0))
    assert 'data-total="5"' in _listed(people["central"], drill_url(report, table, table["rows"][2],
                                                                     "participants", index=2))
    # Jutiapa's officer following the national INTECAP row: her one training
    assert 'data-total="1"' in _listed(people["jutiapa"], drill_url(report, table, table["rows"][0], "events",
                                                                     index=0))
    jutiapa = _tables(people["jutiapa"])[1]["women.trainings_by_partner"]
    assert jutiapa["rows"] == [{"partner": "INTECAP", "events": 1, "participants": 20},
                               {"partner": "Pro Mujer", "events": 1, "participants": 5}]
    assert jutiapa["totals"] == {"partner": "Total", "events": 2, "participants": 25}


def test_commercial_events_with_sales(people, women):
    report, tables = _tables(people["central"])
    table = tables["women.commercial_events"]
    assert [c["id"] for c in table["columns"]] == ["department", "events", "participants", "sellers", "sales"]
    assert [c["kind"] for c in table["columns"]][-1] == "money"
    assert table["rows"] == [
        {"department": "Jutiapa", "events": 1, "participants": 2, "sellers": 2, "sales": 899.99},
        {"department": "Zacapa", "events": 2, "participants": 17, "sellers": 2, "sales": 1750.5},
    ]
    # Rosa sold in both departments: one woman in the total (3 women, not 4)
    assert table["totals"] == {"department": "Total", "events": 3, "participants": 19, "sellers": 3,
                               "sales": 2650.49}
    # the drill-down lists Zacapa's two events with their 17 participants
    assert 'data-total="2"' in _listed(people["central"], drill_url(report, table, table["rows"][1], "events",
                                                                     index=1))
    page = _listed(people["central"], drill_url(report, table, table["rows"][1], "participants", index=1))
    assert 'data-total="17"' in page and "Paseo Artesanal Zacapa" in page and "Feria de Jutiapa" not in page

    zacapa = _tables(people["zacapa"])[1]["women.commercial_events"]
    assert zacapa["rows"] == [{"department": "Zacapa", "events": 2, "participants": 17, "sellers": 2,
                               "sales": 1750.5}]
    jutiapa_report, jutiapa_tables = _tables(people["jutiapa"])
    jutiapa = jutiapa_tables["women.commercial_events"]
    assert jutiapa["rows"] == [{"department": "Jutiapa", "events": 1, "participants": 2, "sellers": 2,
                                "sales": 899.99}]
    assert jutiapa["totals"]["sales"] == 899.99
    # Jutiapa's officer following the national Zacapa row sees nothing of it
    assert 'data-total="0"' in _listed(people["jutiapa"], drill_url(report, table, table["rows"][1], "events",
                                                                     index=1))
