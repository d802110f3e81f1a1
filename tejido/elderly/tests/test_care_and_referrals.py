"""Mis Años Dorados beyond enrolment: home visits, kits handed out, referrals (e.g. to
MINTRAB's PAM) and seed 003's table by department, against hand-computed figures."""

import datetime as dt
import json

import pytest
from django.test import Client

from tejido.accounts.models import ApiToken
from tejido.common.errors import ApplicationError
from tejido.elderly import figures, services
from tejido.elderly.site import PAM
from tejido.programs.models import Delivery, Event, Referral
from tejido.programs.referrals import referral_decide
from tejido.programs.services import event_create

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def _activity(center, kind, category, n, user, day=dt.date(2023, 5, 3)):
    return event_create(program="elderly", kind=kind, category=category, topic="Actividad", audience="adultos_mayores",
                        date=day, municipality=center.municipality, center=center, unnamed_participants=n,
                        acting_user=user)


def test_home_visits_count_as_integral_care_and_need_an_enrolment(people, elderly):
    rosa, pedro = elderly["enrol"]["rosa"], elderly["enrol"]["pedro"]
    services.home_visit_record(enrolment=rosa, date=dt.date(2023, 5, 10), topic="Control de presión",
                               category="salud", acting_user=people["zacapa"])
    services.home_visit_record(enrolment=pedro, date=dt.date(2023, 6, 1), topic="Acompañamiento",
                               category="psicosocial", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="no estaba inscrita") as error:
        services.home_visit_record(enrolment=rosa, date=dt.date(2023, 1, 15), topic="Antes de ingresar",
                                   acting_user=people["zacapa"])
    assert error.value.field == "date"
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        services.home_visit_record(enrolment=elderly["enrol"]["juana"], date=dt.date(2023, 5, 10), topic="Visita",
                                   acting_user=people["zacapa"])
    assert Event.objects.filter(kind="visita_domiciliaria").count() == 2
    visit = Event.objects.get(kind="visita_domiciliaria", category="salud")
    assert list(visit.participants.all()) == [rosa.person]
    care = figures.care_by_axis(user=people["central"], start=YEAR[0], end=YEAR[1])
    rows = {label: (n, reached) for label, n, reached in care["rows"]}
    assert rows["Salud"] == (1, 1) and rows["Psicosocial"] == (1, 1) and rows["Cultural"] == (0, 0)
    assert care["home_visits"] == 2 and (care["activities"], care["people"]) == (2, 2)


def test_seed_003_table_by_department_with_sex_pueblo_care_and_intergenerational(people, elderly):
    for name, pueblo in (("rosa", "maya"), ("pedro", "ladino"), ("juana", "garifuna")):
        person = elderly["people"][name]
        person.pueblo = pueblo
        person.save()
    zacapa, jutiapa = elderly["day_center"], elderly["residence"]
    _activity(zacapa, "atencion", "salud", 20, people["central"])
    services.home_visit_record(enrolment=elderly["enrol"]["rosa"], date=dt.date(2023, 5, 10), topic="Visita",
                               acting_user=people["central"])
    _activity(zacapa, "intergeneracional", "", 40, people["central"])
    _activity(jutiapa, "atencion", "ludico", 5, people["central"])
    _activity(jutiapa, "atencion", "ludico", 7, people["central"], day=dt.date(2024, 2, 1))  # outside the period

    table = figures.care_by_department(user=people["central"], start=YEAR[0], end=YEAR[1])
    columns = ("department__name", "centers", "male", "female", "people", "pueblo_garifuna", "pueblo_ladino",
               "pueblo_maya", "care", "intergenerational")
    assert [tuple(r[c] for c in columns) for r in table["rows"]] == [
        ("Jutiapa", 1, 0, 1, 1, 1, 0, 0, 5, 0),
        ("Zacapa", 1, 1, 1, 2, 0, 1, 1, 21, 1),   # 20 reached by the activity + 1 home visit
    ]
    assert tuple(table["total"][c] for c in columns[1:]) == (2, 1, 2, 3, 1, 1, 1, 26, 1)
    assert table["total"]["pueblo_other"] == 0
    zacapa_only = figures.care_by_department(user=people["zacapa"], start=YEAR[0], end=YEAR[1])
    assert [r["department__name"] for r in zacapa_only["rows"]] == ["Zacapa"]
    assert zacapa_only["total"]["care"] == 21 and zacapa_only["total"]["people"] == 2


def test_kits_handed_out_by_item_within_scope(people, elderly):
    zacapa, jutiapa = elderly["day_center"], elderly["residence"]
    services.delivery_record(center=zacapa, item="kit_estimulacion", quantity=30, date=dt.date(2023, 4, 1),
                             acting_user=people["zacapa"])
    services.delivery_record(center=zacapa, item="kit_estimulacion", quantity=12, date=dt.date(2023, 9, 1),
                             acting_user=people["zacapa"])
    services.delivery_record(center=jutiapa, item="alimentos", quantity=5, date=dt.date(2023, 9, 1),
                             acting_user=people["jutiapa"])
    with pytest.raises(ApplicationError, match="de la lista"):
        services.delivery_record(center=zacapa, item="televisor", quantity=1, date=dt.date(2023, 9, 1),
                                 acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="entre 1 y 100,000"):
        services.delivery_record(center=zacapa, item="alimentos", quantity=0, date=dt.date(2023, 9, 1),
                                 acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        services.delivery_record(center=jutiapa, item="alimentos", quantity=3, date=dt.date(2023, 9, 1),
                                 acting_user=people["zacapa"])
    assert Delivery.objects.count() == 3
    national = dict(figures.deliveries_by_item(user=people["planner"], start=YEAR[0], end=YEAR[1]))
    assert national["Kit de materiales de estimulación (Activo Me Siento Bien)"] == 42
    assert national["Ración o bolsa de alimentos"] == 5 and national["Lentes graduados"] == 0
    zacapa_only = dict(figures.deliveries_by_item(user=people["zacapa"], start=YEAR[0], end=YEAR[1]))
    assert zacapa_only["Ración o bolsa de alimentos"] == 0


def test_referrals_to_pam_are_answered_and_counted(people, elderly):
    enrol = elderly["enrol"]
    day = dt.date(2023, 3, 1)
    rosa = services.referral_from_enrolment(enrolment=enrol["rosa"], date=day, reason="Sin ingresos",
                                            destination_institution=PAM, acting_user=people["zacapa"])
    pedro = services.referral_from_enrolment(enrolment=enrol["pedro"], date=day, reason="Sin ingresos",
                                             destination_institution=PAM, acting_user=people["zacapa"])
    services.referral_from_enrolment(enrolment=enrol["juana"], date=day, reason="Control",
                                     destination_institution="Centro de Salud (MSPAS)", acting_user=people["jutiapa"])
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        services.referral_from_enrolment(enrolment=enrol["juana"], date=day, reason="x",
                                         destination_institution=PAM, acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="programa o escriba la institución"):
        services.referral_from_enrolment(enrolment=enrol["rosa"], date=day, reason="x", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        referral_decide(referral=rosa, accepted=True, date=dt.date(2023, 4, 1), acting_user=people["jutiapa"])
    with pytest.raises(ApplicationError, match="anterior a la derivación"):
        referral_decide(referral=rosa, accepted=True, date=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    referral_decide(referral=rosa, accepted=True, date=dt.date(2023, 4, 1), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="ya fue respondida"):
        referral_decide(referral=rosa, accepted=False, date=dt.date(2023, 4, 2), reason="x",
                        acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="motivo del rechazo"):
        referral_decide(referral=pedro, accepted=False, date=dt.date(2023, 4, 1), acting_user=people["zacapa"])
    referral_decide(referral=pedro, accepted=False, date=dt.date(2023, 4, 1), reason="Tiene pensión del IGSS",
                    acting_user=people["zacapa"])
    rows = {r["destination"]: (r["total"], r["accepted"], r["rejected"], r["pending"])
            for r in figures.referrals_by_destination(user=people["planner"], start=YEAR[0], end=YEAR[1])}
    assert rows == {PAM: (2, 1, 1, 0), "Centro de Salud (MSPAS)": (1, 0, 0, 1)}
    zacapa = figures.referrals_by_destination(user=people["zacapa"], start=YEAR[0], end=YEAR[1])
    assert [(r["destination"], r["total"]) for r in zacapa] == [(PAM, 2)]
    assert Referral.history.filter(id=rosa.pk).count() == 2  # created, then answered


def test_pages_for_visits_deliveries_and_referrals_respect_scope(people, elderly):
    client = Client()
    client.force_login(people["zacapa"])
    rosa, juana = elderly["enrol"]["rosa"], elderly["enrol"]["juana"]
    assert client.get(f"/adulto-mayor/inscripciones/{juana.pk}/visitas/").status_code == 404
    assert client.get(f"/adulto-mayor/inscripciones/{juana.pk}/derivar/").status_code == 404
    roster = client.get(f"/adulto-mayor/centros/{elderly['day_center'].pk}/").content.decode()
    assert f"/adulto-mayor/inscripciones/{rosa.pk}/visitas/" in roster
    url = f"/adulto-mayor/inscripciones/{rosa.pk}/visitas/"
    bad = client.post(url, {"date": "2023-01-15", "topic": "Visita", "category": "salud"})
    assert "no estaba inscrita" in bad.content.decode() and not Event.objects.exists()
    visit = {"date": "2023-05-10", "topic": "Control de presión", "category": "salud"}
    assert client.post(url, visit).status_code == 302
    assert "Control de presión" in client.get(url).content.decode()

    refer = f"/adulto-mayor/inscripciones/{rosa.pk}/derivar/"
    missing = client.post(refer, {"destination_institution": "otra", "other_institution": "", "reason": "x",
                                  "date": "2023-03-01"})
    assert "Escriba el nombre de la institución" in missing.content.decode() and not Referral.objects.exists()
    assert client.post(refer, {"destination_institution": PAM, "reason": "Sin ingresos",
                               "date": "2023-03-01"}).status_code == 302
    referral = Referral.objects.get()
    listing = client.get("/adulto-mayor/derivaciones/").content.decode()
    assert "Sin ingresos" in listing and "Registrar respuesta" in listing
    decide = f"/adulto-mayor/derivaciones/{referral.pk}/respuesta/"
    rejected = client.post(decide, {"accepted": "no", "decided_on": "2023-04-01", "decision_reason": ""})
    assert "motivo del rechazo" in rejected.content.decode()
    assert client.post(decide, {"accepted": "si", "decided_on": "2023-04-01"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "aceptada"

    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert jutiapa.get(decide).status_code == 404
    assert "Sin ingresos" not in jutiapa.get("/adulto-mayor/derivaciones/").content.decode()
    planner = Client()
    planner.force_login(people["planner"])
    assert planner.get("/adulto-mayor/derivaciones/").status_code == 403

    wrong = client.post("/adulto-mayor/entregas/", {"center": elderly["residence"].pk, "item": "alimentos",
                                                    "quantity": 2, "date": "2023-05-03"})
    assert "Elija un centro de la lista" in wrong.content.decode()
    ok = client.post("/adulto-mayor/entregas/", {"center": elderly["day_center"].pk, "item": "kit_estimulacion",
                                                 "quantity": 25, "date": "2023-05-03"})
    assert ok.status_code == 302 and Delivery.objects.get().quantity == 25
    html = client.get("/adulto-mayor/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Atenciones integrales" in html and PAM in html


def test_api_home_visit_delivery_and_referral(people, elderly):
    _token, key = ApiToken.issue(people["zacapa"], "pruebas")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    rosa = elderly["enrol"]["rosa"]

    def post(url, body):
        return api.post(url, json.dumps(body), content_type="application/json")

    visit = post(f"/api/v1/adulto-mayor/inscripciones/{rosa.pk}/visitas",
                 {"date": "2023-05-10", "topic": "Visita", "category": "salud"})
    assert visit.status_code == 201 and visit.json()["kind"] == "visita_domiciliaria"
    other = post(f"/api/v1/adulto-mayor/inscripciones/{elderly['enrol']['juana'].pk}/visitas",
                 {"date": "2023-05-10", "topic": "Visita"})
    assert other.status_code == 404
    bad = post("/api/v1/adulto-mayor/entregas", {"center_id": elderly["day_center"].pk, "item": "televisor",
                                                 "quantity": 1, "date": "2023-05-10"})
    assert bad.status_code == 400 and "de la lista" in bad.content.decode()
    kit = post("/api/v1/adulto-mayor/entregas", {"center_id": elderly["day_center"].pk, "item": "kit_estimulacion",
                                                 "quantity": 10, "date": "2023-05-10"})
    assert kit.status_code == 201
    referral = post(f"/api/v1/adulto-mayor/inscripciones/{rosa.pk}/derivaciones",
                    {"date": "2023-03-01", "reason": "Sin ingresos", "destination_institution": PAM})
    assert referral.status_code == 201 and referral.json()["status"] == "pendiente"
    answer = post(f"/api/v1/adulto-mayor/derivaciones/{referral.json()['id']}/respuesta",
                  {"accepted": True, "date": "2023-04-01"})
    assert answer.status_code == 200 and answer.json()["status"] == "aceptada"
    assert api.get("/api/v1/adulto-mayor/derivaciones").json()["count"] == 1
    _t, jutiapa_key = ApiToken.issue(people["jutiapa"], "pruebas")
    jutiapa = Client(HTTP_AUTHORIZATION=f"Bearer {jutiapa_key}")
    assert jutiapa.get("/api/v1/adulto-mayor/derivaciones").json()["count"] == 0
    body = api.get("/api/v1/adulto-mayor/cifras?desde=2023-01-01&hasta=2023-12-31").json()
    assert body["care_by_department"]["total"]["care"] == 1
    assert {"item": "Kit de materiales de estimulación (Activo Me Siento Bien)", "quantity": 10} in body["deliveries"]
    assert body["referrals"][0]["accepted"] == 1


def test_the_person_page_shows_visits_deliveries_and_referrals(people, elderly):
    rosa = elderly["enrol"]["rosa"]
    services.home_visit_record(enrolment=rosa, date=dt.date(2023, 5, 10), topic="Control de presión",
                               acting_user=people["zacapa"])
    services.referral_from_enrolment(enrolment=rosa, date=dt.date(2023, 3, 1), reason="Sin ingresos",
                                     destination_institution=PAM, acting_user=people["zacapa"])
    delivery = services.delivery_record(center=elderly["day_center"], item="lentes", quantity=1,
                                        date=dt.date(2023, 5, 3), acting_user=people["zacapa"])
    delivery.person = rosa.person
    delivery.save()
    client = Client()
    client.force_login(people["zacapa"])
    html = client.get(f"/personas/{rosa.person_id}/").content.decode()
    assert "Control de presión" in html and "Visita domiciliaria" in html and "Lentes graduados" in html
    assert "Mis Años Dorados → " + PAM in html and "Pendiente" in html
