"""Issue 17 item 5, social service: outreach days («jornadas») by type with the people served and the
products handed out during them (seed 001 §6.1: 60 jornadas, 47 médicas y 13 de servicios integrados),
against hand-made records counted by hand, through the viewer's territory."""

import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.programs.deliveries import delivery_create
from tejido.programs.models import Event
from tejido.programs.services import event_create
from tejido.reports.builder import build_report
from tejido.reports.drill import drill_url
from tejido.reports.period import Period
from tejido.socialservice import services
from tejido.stock import services as stock
from tejido.stock.catalogue import ensure_catalogue
from tejido.territory.models import Municipality, Office

from .helpers import listed as _listed

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)


def _place(pk):
    return Municipality.objects.get(pk=pk)


@pytest.fixture
def days(people):
    """Offices of Zacapa and Jutiapa with 10 of each product.

      Zacapa  médica     1902 2023-06-01  Beto named, 10 + 15 counted; a walker to Dora (named
                                          by the delivery) and 3 canes unnamed    27 people, 4 products
      Zacapa  médica     1903 2023-08-01  5 + 5 counted; 2 wheelchairs             10 people, 2 products
      Zacapa  (no type)  1901 2023-10-01  an outreach event with 7 counted, no OutreachDay row
      Jutiapa integrados 2202 2023-07-01  Ana named, 4 + 6 counted; 2 canes        11 people, 2 products
      Jutiapa médica     2201 2023-09-10  1 + 2 counted                             3 people
      Zacapa  médica     1903 2022-06-01  100 + 100 (outside 2023)
    And 5 canes delivered in Zacapa outside any outreach day (not counted here)."""
    zacapa, jutiapa = Office.objects.get(code="sede-19"), Office.objects.get(code="sede-22")
    products = ensure_catalogue()
    z, j = people["zacapa"], people["jutiapa"]
    for office, user in ((zacapa, z), (jutiapa, j)):
        for code in products:
            stock.receive(office=office, product=products[code], quantity=10, date=dt.date(2023, 1, 5),
                          origin="compra", reference="OC-2023-1", acting_user=user)
    beto = make_person(given_names="Beto", sex="M")
    dora = make_person(given_names="Dora", sex="F")
    ana = make_person(JUTIAPA_TOWN, given_names="Ana", sex="F")

    def day(office, user, category, place, date, men, women, participants=()):
        return services.outreach_create(office=office, category=category, municipality=_place(place), date=date,
                                        men=men, women=women, participants=participants, acting_user=user)

    def hand(outreach, user, code, quantity, person=None):
        services.outreach_deliver(outreach=outreach, product=products[code], quantity=quantity, person=person,
                                  acting_user=user)

    first = day(zacapa, z, "jornada_medica", 1902, dt.date(2023, 6, 1), 10, 15, [beto])
    hand(first, z, "andador", 1, dora)
    hand(first, z, "baston", 3)
    second = day(zacapa, z, "jornada_medica", 1903, dt.date(2023, 8, 1), 5, 5)
    hand(second, z, "silla_ruedas", 2)
    event_create(program="social_service", kind=Event.Kind.OUTREACH, topic="Jornada sin tipo",
                 audience=Event.Audience.BENEFICIARIES, date=dt.date(2023, 10, 1), municipality=_place(ZACAPA_TOWN),
                 unnamed_participants=7, acting_user=z)
    integrated = day(jutiapa, j, "servicios_integrados", 2202, dt.date(2023, 7, 1), 4, 6, [ana])
    hand(integrated, j, "baston", 2)
    day(jutiapa, j, "jornada_medica", JUTIAPA_TOWN, dt.date(2023, 9, 10), 1, 2)
    day(zacapa, z, "jornada_medica", 1903, dt.date(2022, 6, 1), 100, 100)
    delivery_create(program="social_service", item="baston", quantity=5, date=dt.date(2023, 3, 1),
                    municipality=_place(ZACAPA_TOWN), acting_user=z)


def _table(user):
    report = build_report("annual", user=user, period=YEAR, program="social_service")
    return report, next(t for t in report["tables"] if t["id"] == "social_service.outreach_days")


def test_outreach_days_by_type(people, days):
    report, table = _table(people["central"])
    assert [c["id"] for c in table["columns"]] == ["outreach_type", "days", "departments", "people", "products"]
    assert table["rows"] == [
        {"outreach_type": "Jornada médica", "days": 3, "departments": 2, "people": 40, "products": 6},
        {"outreach_type": "Jornada de servicios integrados", "days": 1, "departments": 1, "people": 11,
         "products": 2},
        {"outreach_type": "Sin tipo registrado", "days": 1, "departments": 1, "people": 7, "products": 0},
    ]
    # two departments in all (Zacapa and Jutiapa each once), 58 people, 8 products
    assert table["totals"] == {"outreach_type": "Total", "days": 5, "departments": 2, "people": 58, "products": 8}
    assert table["note"]

    # drill-down: the medical days and their people, the untyped one, and the totals
    central = people["central"]
    assert 'data-total="3"' in _listed(central, drill_url(report, table, table["rows"][0], "days", index=0))
    assert 'data-total="40"' in _listed(central, drill_url(report, table, table["rows"][0], "people", index=0))
    untyped = _listed(central, drill_url(report, table, table["rows"][2], "days", index=2))
    assert 'data-total="1"' in untyped and "Jornada sin tipo" in untyped
    assert 'data-total="58"' in _listed(central, drill_url(report, table, table["totals"], "people", totals=True))
    # the products of the medical days: walker 1 + canes 3 + wheelchairs 2 (not the 5 canes outside any day)
    medical = _listed(central, drill_url(report, table, table["rows"][0], "products", index=0))
    assert 'data-total="6"' in medical and "Dora" in medical
    assert 'data-total="8"' in _listed(central, drill_url(report, table, table["totals"], "products", totals=True))

    # each officer sees the days of her own department only
    zacapa = _table(people["zacapa"])[1]
    assert [(r["days"], r["departments"], r["people"], r["products"]) for r in zacapa["rows"]] == [
        (2, 1, 37, 6), (0, 0, 0, 0), (1, 1, 7, 0)]
    assert zacapa["totals"] == {"outreach_type": "Total", "days": 3, "departments": 1, "people": 44, "products": 6}
    jutiapa = _table(people["jutiapa"])[1]
    assert [(r["outreach_type"], r["days"], r["people"], r["products"]) for r in jutiapa["rows"]] == [
        ("Jornada médica", 1, 3, 0), ("Jornada de servicios integrados", 1, 11, 2)]
    assert jutiapa["totals"] == {"outreach_type": "Total", "days": 2, "departments": 1, "people": 14, "products": 2}
    # following the national products total, Jutiapa's officer lists only her 2 canes
    assert 'data-total="2"' in _listed(people["jutiapa"], drill_url(report, table, table["totals"], "products",
                                                                     totals=True))
    # following the national medical row, Jutiapa's officer lists only her own medical day
    assert 'data-total="1"' in _listed(people["jutiapa"], drill_url(report, table, table["rows"][0], "days",
                                                                     index=0))
