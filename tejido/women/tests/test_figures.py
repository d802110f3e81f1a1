"""Seed 001 tables 10-14 against a small data set whose figures were worked out by hand.

Period 2023. Units: U1 Zacapa (1901), U2 Zacapa (1902), U3 Jutiapa (2201).
Women (age on 31/12/2023, pueblo, language):
  A U1, 43, ladino, español        B U1, 13 (born 31/12/2010), maya, q'eqchi'
  C U2, 12, maya, q'eqchi'         D U3, 60 (born 31/12/1963), xinca, xinka
  E U3, 30 (born 31/12/1993), no indica     G U1 Mar-May then U3 from June, 53, ladino, español
  F U1 only in 2022 (not served in 2023).
Trainings: Zacapa 12/04 (1901) and 01/08 (1903); Jutiapa 05/05 (2201); Zacapa 2022 (1904, outside).
Fairs: Zacapa 10-11/05 (1901; A sells Q300.25); Guatemala 16-18/06 (101; D sells Q49.75)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_exit
from tejido.territory.models import Municipality, PriorityList
from tejido.women import figures, services
from tejido.women.services import woman_enrol

pytestmark = pytest.mark.django_db
YEAR = {"start": dt.date(2023, 1, 1), "end": dt.date(2023, 12, 31)}


@pytest.fixture
def data(people):
    central = people["central"]
    u1 = make_center(ZACAPA_TOWN, kind="productive_unit", name="U1", product_line="tejidos")
    u2 = make_center(1902, kind="productive_unit", name="U2", product_line="velas")
    u3 = make_center(JUTIAPA_TOWN, kind="productive_unit", name="U3", product_line="dulces_tipicos")
    w = {
        "A": make_person(given_names="A", birth_date=dt.date(1980, 6, 1), pueblo="ladino",
                         language_community="espanol"),
        "B": make_person(given_names="B", birth_date=dt.date(2010, 12, 31), pueblo="maya",
                         language_community="qeqchi"),
        "C": make_person(given_names="C", birth_date=dt.date(2011, 1, 1), pueblo="maya",
                         language_community="qeqchi"),
        "D": make_person(JUTIAPA_TOWN, given_names="D", birth_date=dt.date(1963, 12, 31), pueblo="xinca",
                         language_community="xinka"),
        "E": make_person(JUTIAPA_TOWN, given_names="E", birth_date=dt.date(1993, 12, 31)),
        "F": make_person(given_names="F", birth_date=dt.date(1990, 1, 1), pueblo="ladino",
                         language_community="espanol"),
        "G": make_person(given_names="G", birth_date=dt.date(1970, 1, 1), pueblo="ladino",
                         language_community="espanol"),
    }
    feb = dt.date(2023, 2, 1)
    for key, unit in (("A", u1), ("B", u1), ("C", u2), ("D", u3), ("E", u3)):
        woman_enrol(person=w[key], center=unit, start=feb, confirmed=True, acting_user=central)
    old = woman_enrol(person=w["F"], center=u1, start=dt.date(2022, 1, 1), acting_user=central)
    enrolment_exit(enrolment=old, end=dt.date(2022, 12, 31), reason="desercion", acting_user=central)
    moved = woman_enrol(person=w["G"], center=u1, start=dt.date(2023, 3, 1), acting_user=central)
    enrolment_exit(enrolment=moved, end=dt.date(2023, 5, 31), reason="traslado", acting_user=central)
    woman_enrol(person=w["G"], center=u3, start=dt.date(2023, 6, 1), acting_user=central)

    def town(pk):
        return Municipality.objects.get(pk=pk)

    services.training_create(acting_user=central, training_kind="actividad_productiva", product_line="tejidos",
                             date=dt.date(2023, 4, 12), municipality=town(1901), center=u1, participants=[w["A"]])
    services.training_create(acting_user=central, training_kind="desarrollo_humano", date=dt.date(2023, 8, 1),
                             municipality=town(1903), unnamed_participants=10)
    services.training_create(acting_user=central, training_kind="organizacion", date=dt.date(2022, 11, 1),
                             municipality=town(1904), unnamed_participants=5)
    services.training_create(acting_user=central, training_kind="emprendimiento", partner="Pro Mujer",
                             date=dt.date(2023, 5, 5), municipality=town(2201), unnamed_participants=7)
    services.fair_create(acting_user=central, topic="Paseo Artesanal Zacapa", municipality=town(1901),
                         start=dt.date(2023, 5, 10), end=dt.date(2023, 5, 11), sales=[(w["A"], "300.25")])
    services.fair_create(acting_user=central, topic="Paseo Artesanal en Cayalá", municipality=town(101),
                         start=dt.date(2023, 6, 16), end=dt.date(2023, 6, 18), sales=[(w["D"], "49.75")])

    def income(key, month, own, fair=None):
        services.income_report_save(acting_user=central, person=w[key], month=month, own_sales=own, fair_sales=fair)

    income("A", dt.date(2023, 3, 1), "1000.50", "0")
    income("A", dt.date(2023, 5, 1), "200")  # fair sales default: Q300.25 from the Zacapa fair
    income("D", dt.date(2023, 4, 1), "750", "49.75")
    income("G", dt.date(2023, 4, 1), "100", "0")  # in U1 (Zacapa) that month
    income("G", dt.date(2023, 7, 1), "80", "20")  # in U3 (Jutiapa)
    income("F", dt.date(2022, 6, 1), "999", "0")  # outside the period

    cruzada = PriorityList.objects.create(name="Gran Cruzada Nacional por la Nutrición")
    cruzada.municipalities.set([1901, 1904, 1905, 2201, 2202, 101])
    other = PriorityList.objects.create(name="Otra lista")
    other.municipalities.set([1902])
    return w


def test_table_10_by_department(people, data):
    table = figures.by_department(user=people["central"], **YEAR)
    # units in operation (no opening date on record): U1 and U2 in Zacapa, U3 in Jutiapa
    assert [(r["department"], r["municipalities"], r["women"], r["units"], r["trainings"], r["fairs"])
            for r in table["rows"]] == [
        ("Guatemala", 1, 0, 0, 0, 1), ("Jutiapa", 1, 3, 1, 1, 0), ("Zacapa", 3, 4, 2, 2, 1)]
    # G was served in Zacapa and Jutiapa: once in the total.
    assert table["total"] == {"municipalities": 5, "women": 6, "units": 3, "trainings": 3, "fairs": 2}
    zacapa = figures.by_department(user=people["zacapa"], **YEAR)
    assert [r["department"] for r in zacapa["rows"]] == ["Zacapa"]
    assert zacapa["total"] == {"municipalities": 3, "women": 4, "units": 2, "trainings": 2, "fairs": 1}


def test_table_11_age_groups_on_last_day_of_period(people, data):
    table = figures.by_age_group(user=people["central"], **YEAR)
    assert [(r["low"], r["women"], r["percent"]) for r in table["rows"]] == [
        (0, 1, Decimal("16.67")), (13, 1, Decimal("16.67")), (30, 3, Decimal("50.00")), (60, 1, Decimal("16.67"))]
    assert table["total"] == 6
    # One day earlier B is still 12, D 59 and E 29.
    earlier = figures.by_age_group(user=people["central"], start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 30))
    assert [r["women"] for r in earlier["rows"]] == [2, 1, 3, 0]
    zacapa = figures.by_age_group(user=people["zacapa"], **YEAR)
    assert [r["women"] for r in zacapa["rows"]] == [1, 1, 2, 0] and zacapa["total"] == 4


def test_table_12_pueblo_and_language(people, data):
    table = figures.by_pueblo(user=people["central"], **YEAR)
    assert [(r["label"], r["women"], r["percent"]) for r in table["rows"]] == [
        ("Maya", 2, Decimal("33.33")), ("Xinka", 1, Decimal("16.67")), ("Garífuna", 0, Decimal("0.00")),
        ("Ladino / Mestizo", 2, Decimal("33.33")), ("No indica", 1, Decimal("16.67"))]
    assert table["total"] == 6
    language = figures.by_language(user=people["central"], **YEAR)
    assert [(r["code"], r["women"], r["percent"]) for r in language["rows"]] == [
        ("espanol", 2, Decimal("33.33")), ("qeqchi", 2, Decimal("33.33")), ("no_indica", 1, Decimal("16.67")),
        ("xinka", 1, Decimal("16.67"))]


def test_table_13_priority_coverage(people, data):
    table = figures.priority_coverage(user=people["central"], list_name="Gran Cruzada Nacional por la Nutrición",
                                      **YEAR)
    assert [(r["department"], r["priority"], r["covered"], r["percent"]) for r in table["rows"]] == [
        ("Guatemala", 1, 1, Decimal("100")), ("Jutiapa", 2, 1, Decimal("50")), ("Zacapa", 3, 1, Decimal("33"))]
    assert table["total"] == {"priority": 6, "covered": 3, "percent": Decimal("50")}
    other = figures.priority_coverage(user=people["central"], list_name="Otra lista", **YEAR)
    assert [(r["department"], r["priority"], r["covered"]) for r in other["rows"]] == [("Zacapa", 1, 1)]
    zacapa = figures.priority_coverage(user=people["zacapa"], list_name="Gran Cruzada Nacional por la Nutrición",
                                       **YEAR)
    assert [(r["department"], r["covered"]) for r in zacapa["rows"]] == [("Zacapa", 1)]
    # 1904 only had a training in 2022: covered if the period includes it.
    both_years = figures.priority_coverage(user=people["zacapa"], list_name="Gran Cruzada Nacional por la Nutrición",
                                           start=dt.date(2022, 1, 1), end=dt.date(2023, 12, 31))
    assert both_years["total"] == {"priority": 3, "covered": 2, "percent": Decimal("67")}


def test_table_14_income_by_department(people, data):
    table = figures.income_by_department(user=people["central"], **YEAR)
    assert [(r["department"], r["sales"], r["fairs"], r["total"]) for r in table["rows"]] == [
        ("Jutiapa", Decimal("830.00"), Decimal("69.75"), Decimal("899.75")),
        ("Zacapa", Decimal("1300.50"), Decimal("300.25"), Decimal("1600.75"))]
    assert table["total"] == {"sales": Decimal("2130.50"), "fairs": Decimal("370.00"), "total": Decimal("2500.50")}
    april = figures.income_by_department(user=people["central"], start=dt.date(2023, 4, 15), end=dt.date(2023, 4, 30))
    assert [(r["department"], r["total"]) for r in april["rows"]] == [("Jutiapa", Decimal("799.75")),
                                                                       ("Zacapa", Decimal("100.00"))]
    zacapa = figures.income_by_department(user=people["zacapa"], **YEAR)
    assert zacapa["total"]["total"] == Decimal("1600.75")


def test_figures_page_and_api(people, data):
    client = Client()
    client.force_login(people["zacapa"])
    html = client.get("/mujer/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Ejecución de metas físicas por departamento" in html and "Jutiapa" not in html
    assert "Q1,600.75" in html and "33%" in html and "último día del periodo" in html
    planner = Client()
    planner.force_login(people["planner"])
    page = planner.get("/mujer/cifras/?desde=2023-01-01&hasta=2023-12-31&lista=Otra+lista").content.decode()
    assert "Q2,500.50" in page and "Otra lista" in page
    from tejido.accounts.models import ApiToken

    _token, key = ApiToken.issue(people["jutiapa"], "pruebas")
    body = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/mujer/cifras?desde=2023-01-01&hasta=2023-12-31")
    assert body.status_code == 200
    tables = body.json()
    assert tables["by_department"]["total"] == {"municipalities": 1, "women": 3, "units": 1, "trainings": 1,
                                                "fairs": 0}
    assert [r["women"] for r in tables["by_age_group"]["rows"]] == [0, 0, 2, 1]  # E 30, G 53, D 60
    assert Decimal(tables["income_by_department"]["total"]["total"]) == Decimal("899.75")
