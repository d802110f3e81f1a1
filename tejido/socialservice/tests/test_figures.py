"""Tables 15 and 16 against a small data set counted by hand."""

import datetime as dt

import pytest
from django.test import Client

from tejido.common.testing import JUTIAPA_TOWN, make_person
from tejido.socialservice import figures, services
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
YEAR = dict(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))


def delivered(ss, user, person, office, day, *, product=None, quantity=1, service=""):
    kind = "servicio" if service else "producto"
    request = services.request_create(person=person, office=ss[office], date=day, kind=kind, service=service,
                                      product=ss["products"][product] if product else None, quantity=quantity,
                                      acting_user=user)
    services.request_study(request=request, visit_date=day, poverty_status="pobreza", social_worker="TS",
                           acting_user=user)
    services.request_decide(request=request, approved=True, date=day, acting_user=user)
    return services.request_deliver(request=request, date=day, acting_user=user)


@pytest.fixture
def served(people, ss):
    """Zacapa: Ana (F) gets a wheelchair and 3 diaper packs, Beto (M) transport; a medical day in
    Estanzuela (1902) with Beto and Dora (F) named, 10 men and 15 women counted, a walker to Dora
    and 3 canes handed out unnamed. Jutiapa: Carla (F) 2 canes; an integrated-services day in
    2202 with Ana named, 4 men and 6 women counted. A 2022 day in Zacapa is outside the period."""
    z, j = people["zacapa"], people["jutiapa"]
    ana = make_person(given_names="Ana", sex="F")
    beto = make_person(given_names="Beto", sex="M")
    dora = make_person(given_names="Dora", sex="F")
    carla = make_person(JUTIAPA_TOWN, given_names="Carla", sex="F")
    delivered(ss, z, ana, "zacapa", dt.date(2023, 3, 10), product="silla_ruedas")
    delivered(ss, z, ana, "zacapa", dt.date(2023, 4, 10), product="panales", quantity=3)
    delivered(ss, z, beto, "zacapa", dt.date(2023, 5, 1), service="transporte")
    delivered(ss, j, carla, "jutiapa", dt.date(2023, 5, 2), product="baston", quantity=2)
    medical = services.outreach_create(office=ss["zacapa"], category="jornada_medica", partner="MSPAS",
                                       municipality=Municipality.objects.get(pk=1902), date=dt.date(2023, 6, 1),
                                       men=10, women=15, participants=[beto], acting_user=z)
    services.outreach_deliver(outreach=medical, product=ss["products"]["andador"], quantity=1, person=dora,
                              acting_user=z)
    services.outreach_deliver(outreach=medical, product=ss["products"]["baston"], quantity=3, acting_user=z)
    services.outreach_create(office=ss["jutiapa"], category="servicios_integrados", partner="SCEP",
                             municipality=Municipality.objects.get(pk=2202), date=dt.date(2023, 7, 1), men=4,
                             women=6, participants=[ana], acting_user=people["admin"])
    services.outreach_create(office=ss["zacapa"], category="jornada_medica", men=100, women=100,
                             municipality=Municipality.objects.get(pk=1903), date=dt.date(2022, 6, 1), acting_user=z)
    return medical


def test_table_15_products_delivered(people, served):
    table = figures.products_delivered(user=people["central"], **YEAR)
    assert [(r["product"], r["quantity"]) for r in table["rows"]] == [
        ("Sillas de ruedas", 1), ("Muletas", 0), ("Andadores", 1), ("Bastones", 5),
        ("Paquetes de pañales (50 unidades cada uno)", 3)]
    zacapa = figures.products_delivered(user=people["zacapa"], **YEAR)
    assert [r["quantity"] for r in zacapa["rows"]] == [1, 0, 1, 3, 3]


def test_table_16_people_by_department_and_sex(people, served):
    table = figures.people_by_department(user=people["central"], **YEAR)
    assert [(r["department"], r["municipalities"], r["male"], r["female"], r["total"]) for r in table["rows"]] == [
        ("Jutiapa", 2, 4, 8, 12),    # Carla, Ana + 4 men, 6 women; 2201 (office), 2202 (day)
        ("Zacapa", 2, 11, 17, 28),   # Ana, Dora, Beto (once) + 10 men, 15 women; 1901, 1902
    ]
    # Ana was served in both departments: once in the total
    assert table["total"] == {"male": 15, "female": 24, "total": 39}
    zacapa = figures.people_by_department(user=people["zacapa"], **YEAR)
    assert [r["department"] for r in zacapa["rows"]] == ["Zacapa"] and zacapa["total"]["total"] == 28
    earlier = figures.people_by_department(user=people["central"], start=dt.date(2022, 1, 1),
                                           end=dt.date(2022, 12, 31))
    assert earlier["rows"] == [{"department": "Zacapa", "department_id": 19, "municipalities": 1, "male": 100,
                                "female": 100, "total": 200}]


def test_counted_people_stay_in_event_total(served):
    assert served.event.unnamed_participants == 25
    assert set(served.event.participants.values_list("given_names", flat=True)) == {"Beto", "Dora"}


def test_figures_page_and_api(people, served):
    client = Client()
    client.force_login(people["planner"])
    html = client.get("/servicio-social/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Bastones" in html and "Zacapa" in html and ">39<" in html
    body = client.get("/api/v1/servicio-social/cifras?desde=2023-01-01&hasta=2023-12-31").json()
    assert body["people_by_department"]["total"]["total"] == 39
    assert body["products_delivered"]["total"] == 10
    assert {r["code"]: r["quantity"] for r in body["services_delivered"]}["transporte"] == 1
