"""Women's program: productive units, enrolment rules (women only; girls under 13 only with a
confirmation), trainings, commercial events with sales, monthly income, pages, scope and API."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.test import Client

from tejido.centers.models import Center
from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.programs.models import Enrolment, Event
from tejido.territory.models import Municipality
from tejido.women import services
from tejido.women.models import Fair, FairSale, IncomeReport, Training

pytestmark = pytest.mark.django_db
ZACAPA_MUN = 1901




# --- productive units -------------------------------------------------------------------

def test_unit_create_in_scope_with_product_line(people):
    zacapa = Municipality.objects.get(pk=ZACAPA_TOWN)
    unit = services.unit_create(acting_user=people["zacapa"], municipality=zacapa, name="Unidad Gualán",
                                product_line="bordado")
    assert (unit.kind, unit.product_line, unit.department_id) == ("productive_unit", "bordado", 19)
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.unit_create(acting_user=people["zacapa"], municipality=Municipality.objects.get(pk=JUTIAPA_TOWN),
                             name="Intrusa", product_line="bordado")
    with pytest.raises(ApplicationError, match="línea productiva"):
        services.unit_create(acting_user=people["zacapa"], municipality=zacapa, name="Sin línea", product_line="")
    assert Center.objects.filter(kind="productive_unit").count() == 1


def test_units_page_creates_and_lists_only_own_department(people, women):
    client = _client(people["zacapa"])
    bad = client.post("/mujer/unidades/", {"name": "", "municipality": ZACAPA_TOWN, "product_line": ""})
    html = bad.content.decode()
    assert "Escriba el nombre de la unidad productiva" in html and "Elija la línea productiva" in html
    foreign = client.post("/mujer/unidades/", {"name": "Otra", "municipality": JUTIAPA_TOWN,
                                               "product_line": "velas"})
    assert "Elija un municipio de la lista" in foreign.content.decode()
    ok = client.post("/mujer/unidades/", {"name": "Unidad Velas de Zacapa", "municipality": ZACAPA_TOWN,
                                          "product_line": "velas"})
    assert ok.status_code == 302
    listing = client.get("/mujer/unidades/").content.decode()
    assert "Unidad Velas de Zacapa" in listing and "Candelas y velas aromáticas" in listing
    assert "Dulces de Jutiapa" not in listing
    home = client.get("/mujer/").content.decode()
    assert "Unidad Las Tejedoras" in home and "Tejidos y artesanías típicas" in home
    assert "Dulces de Jutiapa" not in home
    assert _client(people["auditor"]).post("/mujer/unidades/", {
        "name": "Auditada", "municipality": ZACAPA_TOWN, "product_line": "velas"}).status_code in (200, 403)
    assert not Center.objects.filter(name="Auditada").exists()


# --- enrolment ----------------------------------------------------------------------------

def test_men_are_refused_in_spanish(people, women):
    man = make_person(given_names="Pedro", sex="M", birth_date=dt.date(1985, 1, 1))
    with pytest.raises(ApplicationError, match="no es mujer"):
        services.woman_enrol(person=man, center=women["zacapa"], start=dt.date(2023, 3, 1),
                             acting_user=people["zacapa"])
    assert not Enrolment.objects.filter(person=man).exists()


def test_girl_under_13_needs_confirmation(people, women):
    girl = make_person(given_names="Luisa", birth_date=dt.date(2014, 1, 5))  # 9 years old in March 2023
    with pytest.raises(ApplicationError, match="tiene 9 años") as info:
        services.woman_enrol(person=girl, center=women["zacapa"], start=dt.date(2023, 3, 1),
                             acting_user=people["zacapa"])
    assert info.value.field == "confirmed"
    assert not Enrolment.objects.filter(person=girl).exists()
    enrolment = services.woman_enrol(person=girl, center=women["zacapa"], start=dt.date(2023, 3, 1),
                                     confirmed=True, acting_user=people["zacapa"])
    assert enrolment.program == "women"
    teen = make_person(given_names="Teresa", birth_date=dt.date(2010, 3, 1))  # 13 on the day
    assert services.woman_enrol(person=teen, center=women["zacapa"], start=dt.date(2023, 3, 1),
                                acting_user=people["zacapa"])


def test_enrol_page_shows_confirmation_box_only_with_the_warning(people, women):
    client = _client(people["zacapa"])
    url = f"/mujer/centros/{women['zacapa'].pk}/"
    page = client.get(url).content.decode()
    assert 'type="hidden" name="confirmed"' in page and "Confirmo que la niña" not in page
    girl = make_person(given_names="Luisa", birth_date=dt.date(2014, 1, 5))
    first = client.post(url, {"person_id": girl.pk, "start": "2023-03-01"}).content.decode()
    assert "tiene 9 años" in first and "Confirmo que la niña participa en la unidad productiva" in first
    assert 'type="checkbox" name="confirmed"' in first
    assert not Enrolment.objects.filter(person=girl).exists()
    done = client.post(url, {"person_id": girl.pk, "start": "2023-03-01", "confirmed": "on"})
    assert done.status_code == 302 and Enrolment.objects.filter(person=girl, program="women").exists()
    man = make_person(given_names="Pedro", sex="M")
    refused = client.post(url, {"person_id": man.pk, "start": "2023-03-01"}).content.decode()
    assert "no es mujer" in refused
    search = client.get(f"/mujer/centros/{women['zacapa'].pk}/buscar/?q=perez").content.decode()
    assert "Pedro" not in search  # the search offers women only


def test_enrolment_pages_are_scoped(people, women):
    client = _client(people["zacapa"])
    assert client.get(f"/mujer/centros/{women['jutiapa'].pk}/").status_code == 404
    assert client.get(f"/mujer/inscripciones/{women['enrol']['juana'].pk}/egreso/").status_code == 404
    assert _client(people["planner"]).get(f"/mujer/centros/{women['zacapa'].pk}/").status_code == 403


# --- trainings ----------------------------------------------------------------------------

def test_training_with_named_and_counted_participants(people, women):
    unit = women["zacapa"]
    event = services.training_create(
        acting_user=people["zacapa"], training_kind="actividad_productiva", product_line="tejidos",
        partner="INTECAP", date=dt.date(2023, 4, 12), municipality=unit.municipality, center=unit,
        participants=[women["person"]["rosa"], women["person"]["ana"]], unnamed_participants=3)
    training = Training.objects.get(event=event)
    assert (training.training_kind, training.product_line) == ("actividad_productiva", "tejidos")
    assert event.topic == "Actividad productiva: Tejidos y artesanías típicas"
    assert (event.program, event.kind, event.partner, event.participants.count()) == ("women", "capacitacion",
                                                                                      "INTECAP", 2)


def test_training_rules(people, women):
    unit = women["zacapa"]
    common = dict(acting_user=people["zacapa"], date=dt.date(2023, 4, 12), municipality=unit.municipality)
    with pytest.raises(ApplicationError, match="línea productiva") as info:
        services.training_create(training_kind="actividad_productiva", unnamed_participants=5, **common)
    assert info.value.field == "product_line"
    with pytest.raises(ApplicationError, match="No estaban inscritas en esa unidad productiva ese día: Juana"):
        services.training_create(training_kind="desarrollo_humano", center=unit,
                                 participants=[women["person"]["juana"]], **common)
    with pytest.raises(ApplicationError, match="al menos un participante"):
        services.training_create(training_kind="desarrollo_humano", center=unit, **common)
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.training_create(training_kind="desarrollo_humano", unnamed_participants=4,
                                 acting_user=people["zacapa"], date=dt.date(2023, 4, 12),
                                 municipality=women["jutiapa"].municipality)
    assert not Event.objects.filter(program="women").exists() and not Training.objects.exists()


def test_training_page(people, women):
    client = _client(people["zacapa"])
    unit = women["zacapa"]
    bad = client.post("/mujer/capacitaciones/", {"training_kind": "actividad_productiva", "date": "2023-04-12",
                                                 "municipality": ZACAPA_TOWN, "unnamed_participants": 4})
    assert "Elija la línea productiva de la capacitación" in bad.content.decode()
    boxes = client.get(f"/mujer/capacitaciones/participantes/?center={unit.pk}&date=2023-04-12").content.decode()
    assert "Orellana Caal, Rosa" in boxes and "Juana" not in boxes
    ok = client.post("/mujer/capacitaciones/", {
        "training_kind": "emprendimiento", "partner": "Pro Mujer", "date": "2023-04-12", "municipality": ZACAPA_TOWN,
        "center": unit.pk, "participant_ids": [women["person"]["rosa"].pk], "unnamed_participants": 0})
    assert ok.status_code == 302, ok.content.decode()
    listing = client.get("/mujer/capacitaciones/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Emprendimiento y empresarialidad" in listing and "Pro Mujer" in listing
    foreign = client.get(f"/mujer/capacitaciones/participantes/?center={women['jutiapa'].pk}").content.decode()
    assert "Juana" not in foreign


# --- commercial events --------------------------------------------------------------------

def test_fair_with_sales_and_rules(people, women):
    guatemala = Municipality.objects.get(pk=101)
    rosa, ana = women["person"]["rosa"], women["person"]["ana"]
    with pytest.raises(ApplicationError, match="anterior a la de inicio"):
        services.fair_create(acting_user=people["central"], topic="Paseo Artesanal", municipality=guatemala,
                             start=dt.date(2023, 6, 18), end=dt.date(2023, 6, 16), sales=[(rosa, 10)])
    with pytest.raises(ApplicationError, match="negativo"):
        services.fair_create(acting_user=people["central"], topic="Paseo Artesanal", municipality=guatemala,
                             start=dt.date(2023, 6, 16), end=dt.date(2023, 6, 18), sales=[(rosa, -1)])
    assert not Event.objects.exists() and not Fair.objects.exists()
    fair = services.fair_create(acting_user=people["central"], topic="Paseo Artesanal en Cayalá",
                                municipality=guatemala, start=dt.date(2023, 6, 16), end=dt.date(2023, 6, 18),
                                sales=[(rosa, "1500.50")], unnamed_participants=10)
    services.fair_sale_save(acting_user=people["central"], fair=fair, person=ana, amount=Decimal("200"))
    services.fair_sale_save(acting_user=people["central"], fair=fair, person=ana, amount=Decimal("250"))  # replaces
    assert dict(FairSale.objects.values_list("person__given_names", "amount")) == {
        "Rosa": Decimal("1500.50"), "Ana": Decimal("250.00")}
    assert fair.event.participants.count() == 2 and fair.event.department_id == 1
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.fair_sale_save(acting_user=people["zacapa"], fair=fair, person=rosa, amount=1)


def test_fair_pages_and_scope(people, women):
    client = _client(people["zacapa"])
    rosa = women["person"]["rosa"]
    bad = client.post("/mujer/comercializacion/", {"topic": "Feria", "municipality": ZACAPA_TOWN,
                                                   "start": "2023-05-10", "end": "2023-05-09",
                                                   "unnamed_participants": 0})
    assert "anterior a la de inicio" in bad.content.decode()
    ok = client.post("/mujer/comercializacion/", {"topic": "Paseo Artesanal Zacapa", "municipality": ZACAPA_TOWN,
                                                  "start": "2023-05-10", "end": "2023-05-11",
                                                  "unnamed_participants": 0, "person_id": rosa.pk, "amount": "300"})
    assert ok.status_code == 302, ok.content.decode()
    fair = Fair.objects.get()
    negative = client.post(f"/mujer/comercializacion/{fair.pk}/", {"person_id": women["person"]["ana"].pk,
                                                                   "amount": "-5"})
    assert "El monto no puede ser negativo" in negative.content.decode()
    client.post(f"/mujer/comercializacion/{fair.pk}/", {"person_id": women["person"]["ana"].pk, "amount": "120.25"})
    page = client.get(f"/mujer/comercializacion/{fair.pk}/").content.decode()
    assert "Q420.25" in page and "Orellana Caal, Rosa" in page
    listing = client.get("/mujer/comercializacion/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Paseo Artesanal Zacapa" in listing and "Q420.25" in listing
    assert _client(people["jutiapa"]).get(f"/mujer/comercializacion/{fair.pk}/").status_code == 404
    assert _client(people["planner"]).get(f"/mujer/comercializacion/{fair.pk}/").status_code == 403
    search = client.get("/mujer/buscar-mujer/?q=morales").content.decode()
    assert "Juana" not in search
    assert "Rosa" in client.get("/mujer/buscar-mujer/?q=orellana").content.decode()


# --- monthly income -----------------------------------------------------------------------

def test_income_report_defaults_fair_sales_and_replaces(people, women):
    rosa = women["person"]["rosa"]
    fair = services.fair_create(acting_user=people["zacapa"], topic="Feria", municipality=women["zacapa"].municipality,
                                start=dt.date(2023, 5, 10), end=dt.date(2023, 5, 11), sales=[(rosa, "300.00")])
    assert fair
    report = services.income_report_save(acting_user=people["zacapa"], person=rosa, month=dt.date(2023, 5, 20),
                                         own_sales="1000")
    assert (report.month, report.own_sales, report.fair_sales, report.total) == (
        dt.date(2023, 5, 1), Decimal("1000.00"), Decimal("300.00"), Decimal("1300.00"))
    assert report.department_id == 19 and report.center == women["zacapa"]
    again = services.income_report_save(acting_user=people["zacapa"], person=rosa, month=dt.date(2023, 5, 1),
                                        own_sales="900", fair_sales="0")
    assert again.pk == report.pk and IncomeReport.objects.count() == 1
    assert (again.own_sales, again.fair_sales) == (Decimal("900.00"), Decimal("0.00"))
    assert again.history.count() == 2


def test_income_report_rules(people, women):
    rosa, juana = women["person"]["rosa"], women["person"]["juana"]
    with pytest.raises(ApplicationError, match="no estaba inscrita"):
        services.income_report_save(acting_user=people["zacapa"], person=rosa, month=dt.date(2023, 1, 1),
                                    own_sales=10)
    with pytest.raises(ApplicationError, match="negativo"):
        services.income_report_save(acting_user=people["zacapa"], person=rosa, month=dt.date(2023, 3, 1),
                                    own_sales=-10)
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        services.income_report_save(acting_user=people["zacapa"], person=juana, month=dt.date(2023, 3, 1),
                                    own_sales=10)
    assert not IncomeReport.objects.exists()


def test_income_page(people, women):
    client = _client(people["zacapa"])
    rosa = women["person"]["rosa"]
    bad = client.post("/mujer/ingresos/", {"person_id": rosa.pk, "month": "2023-03", "own_sales": "-1"})
    assert "El monto no puede ser negativo" in bad.content.decode()
    foreign = client.post("/mujer/ingresos/", {"person_id": women["person"]["juana"].pk, "month": "2023-03",
                                               "own_sales": "5"})
    assert "No existe una mujer con ese número" in foreign.content.decode()
    ok = client.post("/mujer/ingresos/", {"person_id": rosa.pk, "month": "2023-03", "own_sales": "450.50"})
    assert ok.status_code == 302
    listing = client.get("/mujer/ingresos/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Orellana Caal, Rosa" in listing and "Q450.50" in listing
    assert _client(people["planner"]).get("/mujer/ingresos/").status_code == 403
    assert "Morales" not in _client(people["zacapa"]).get("/mujer/ingresos/?desde=2023-01-01").content.decode()


# --- API ----------------------------------------------------------------------------------

def test_api_enrol_applies_the_womens_rules(people, women):
    api = _api(people["zacapa"])
    man = make_person(given_names="Pedro", sex="M")
    girl = make_person(given_names="Luisa", birth_date=dt.date(2014, 1, 5))
    url = "/api/v1/mujer/inscripciones"

    def post(body):
        return api.post(url, json.dumps(body), content_type="application/json")

    body = {"center_id": women["zacapa"].pk, "start": "2023-03-01"}
    refused = post({**body, "person_id": man.pk})
    assert refused.status_code == 400 and "no es mujer" in refused.json()["detail"]
    warned = post({**body, "person_id": girl.pk})
    assert warned.status_code == 400 and warned.json()["field"] == "confirmed"
    assert post({**body, "person_id": girl.pk, "confirmed": True}).status_code == 201
    assert post({**body, "center_id": women["jutiapa"].pk, "person_id": make_person().pk}).status_code == 404
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/mujer/inscripciones"]["post"]
    assert operation["operationId"] == "women_enrol"
    assert "confirmed" in json.dumps(schema["components"]["schemas"]["EnrolmentIn"])


def test_api_units_trainings_fairs_income_and_scope(people, women):
    api = _api(people["zacapa"])

    def post(url, body):
        return api.post(url, json.dumps(body), content_type="application/json")

    unit = post("/api/v1/mujer/unidades", {"name": "Unidad API", "municipality_id": ZACAPA_TOWN,
                                           "product_line": "floristeria"})
    assert unit.status_code == 201 and unit.json()["department_id"] == 19
    out = post("/api/v1/mujer/unidades", {"name": "X", "municipality_id": JUTIAPA_TOWN, "product_line": "velas"})
    assert out.status_code == 400 and "fuera de los departamentos" in out.json()["detail"]
    assert {u["name"] for u in api.get("/api/v1/mujer/unidades").json()["items"]} == {"Unidad API",
                                                                                       "Unidad Las Tejedoras"}
    training = post("/api/v1/mujer/capacitaciones", {
        "training_kind": "actividad_productiva", "product_line": "tejidos", "partner": "INTECAP",
        "date": "2023-04-12", "municipality_id": ZACAPA_TOWN, "center_id": women["zacapa"].pk,
        "participant_ids": [women["person"]["rosa"].pk], "unnamed_participants": 2})
    assert training.status_code == 201, training.content
    assert (training.json()["training_kind"], training.json()["people"]) == ("actividad_productiva", 3)
    missing_line = post("/api/v1/mujer/capacitaciones", {"training_kind": "actividad_productiva",
                                                         "date": "2023-04-12", "municipality_id": ZACAPA_TOWN,
                                                         "unnamed_participants": 2})
    assert missing_line.status_code == 400 and missing_line.json()["field"] == "product_line"
    fair = post("/api/v1/mujer/comercializacion", {
        "topic": "Feria de Zacapa", "municipality_id": ZACAPA_TOWN, "start": "2023-05-10", "end": "2023-05-11",
        "sales": [{"person_id": women["person"]["rosa"].pk, "amount": "300.00"}]})
    assert fair.status_code == 201 and Decimal(fair.json()["sales"]) == Decimal("300")
    sale = post(f"/api/v1/mujer/comercializacion/{fair.json()['id']}/ventas",
                {"person_id": women["person"]["ana"].pk, "amount": "50"})
    assert sale.status_code == 201
    negative = post(f"/api/v1/mujer/comercializacion/{fair.json()['id']}/ventas",
                    {"person_id": women["person"]["ana"].pk, "amount": "-50"})
    assert negative.status_code in (400, 422)
    income = post("/api/v1/mujer/ingresos", {"person_id": women["person"]["rosa"].pk, "month": "2023-05-01",
                                             "own_sales": "700"})
    assert income.status_code == 201 and Decimal(income.json()["fair_sales"]) == Decimal("300")
    figures = api.get("/api/v1/mujer/cifras?desde=2023-01-01&hasta=2023-12-31").json()
    assert [r["department"] for r in figures["by_department"]["rows"]] == ["Zacapa"]
    # units in operation in Zacapa: Las Tejedoras and «Unidad API» (no opening date: in operation)
    assert figures["by_department"]["total"] == {"municipalities": 1, "women": 2, "units": 2, "trainings": 1,
                                                 "fairs": 1}
    assert Decimal(figures["income_by_department"]["total"]["total"]) == Decimal("1000")
    jutiapa = _api(people["jutiapa"])
    assert jutiapa.get("/api/v1/mujer/capacitaciones?desde=2023-01-01&hasta=2023-12-31").json()["count"] == 0
    assert jutiapa.get("/api/v1/mujer/ingresos?desde=2023-01-01&hasta=2023-12-31").json()["count"] == 0
    assert jutiapa.post(f"/api/v1/mujer/comercializacion/{fair.json()['id']}/ventas", json.dumps(
        {"person_id": women["person"]["juana"].pk, "amount": "5"}), content_type="application/json").status_code == 404
    planner = _api(people["planner"])
    assert planner.get("/api/v1/mujer/ingresos?desde=2023-01-01&hasta=2023-12-31").json()["count"] == 0
    assert planner.get("/api/v1/mujer/cifras?desde=2023-01-01&hasta=2023-12-31").json()[
        "by_department"]["total"]["women"] == 3
