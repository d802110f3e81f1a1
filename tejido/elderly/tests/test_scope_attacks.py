"""Attacks on Mis Años Dorados' new pages and endpoints: home visits, referrals and their
answers, deliveries and activities, by guessed ids, out-of-scope centers, read-only roles,
bad quantities and dates."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.models import AccessEvent
from tejido.common.testing import ZACAPA_TOWN, make_center, make_person
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.common.testing import post_json as _post_json
from tejido.elderly import services
from tejido.programs.models import Delivery, Event, Referral
from tejido.programs.referrals import referral_create
from tejido.programs.services import enrolment_create, enrolment_exit
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
D = dt.date(2023, 3, 1)





@pytest.fixture
def referrals(people, elderly):
    rosa = services.referral_from_enrolment(enrolment=elderly["enrol"]["rosa"], date=D, reason="PAM",
                                            destination_institution="MINTRAB", acting_user=people["zacapa"])
    juana = services.referral_from_enrolment(enrolment=elderly["enrol"]["juana"], date=D, reason="PAM",
                                             destination_institution="MINTRAB", acting_user=people["jutiapa"])
    return {"rosa": rosa, "juana": juana}


# --- home visits and referrals from an enrolment ------------------------------------------------


def test_jutiapa_officer_cannot_visit_or_refer_a_zacapa_enrolment(people, elderly):
    pk = elderly["enrol"]["rosa"].pk
    client = _client(people["jutiapa"])
    assert client.get(f"/adulto-mayor/inscripciones/{pk}/visitas/").status_code == 404
    assert client.post(f"/adulto-mayor/inscripciones/{pk}/visitas/",
                       {"date": "2023-03-02", "topic": "Visita pirata"}).status_code == 404
    assert client.get(f"/adulto-mayor/inscripciones/{pk}/derivar/").status_code == 404
    assert client.post(f"/adulto-mayor/inscripciones/{pk}/derivar/", {
        "destination_institution": "RENAP", "reason": "x", "date": "2023-03-02"}).status_code == 404
    api = _api(people["jutiapa"])
    assert _post_json(api, f"/api/v1/adulto-mayor/inscripciones/{pk}/visitas",
                      {"date": "2023-03-02", "topic": "x"}).status_code == 404
    assert _post_json(api, f"/api/v1/adulto-mayor/inscripciones/{pk}/derivaciones",
                      {"date": "2023-03-02", "reason": "x", "destination_institution": "RENAP"}).status_code == 404
    assert not Event.objects.filter(kind=Event.Kind.HOME_VISIT).exists()
    assert not Referral.objects.exists()


def test_enrolment_of_another_program_is_not_found(people, elderly):
    from tejido.women.services import woman_enrol

    unit = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad", product_line="tejidos")
    women_enrolment = woman_enrol(person=make_person(given_names="Ana"), center=unit, start=D,
                                  acting_user=people["central"])
    client = _client(people["zacapa"])
    assert client.get(f"/adulto-mayor/inscripciones/{women_enrolment.pk}/visitas/").status_code == 404
    assert _post_json(_api(people["zacapa"]), f"/api/v1/adulto-mayor/inscripciones/{women_enrolment.pk}/visitas",
                      {"date": "2023-03-02", "topic": "x"}).status_code == 404


def test_read_only_roles_cannot_visit_or_refer(people, elderly):
    pk = elderly["enrol"]["rosa"].pk
    assert _client(people["planner"]).get(f"/adulto-mayor/inscripciones/{pk}/visitas/").status_code == 403
    auditor = _client(people["auditor"])
    auditor.post(f"/adulto-mayor/inscripciones/{pk}/visitas/", {"date": "2023-03-02", "topic": "Auditoría"})
    auditor.post(f"/adulto-mayor/inscripciones/{pk}/derivar/", {
        "destination_institution": "RENAP", "reason": "x", "date": "2023-03-02"})
    for role in ("planner", "auditor"):
        api = _api(people[role])
        assert _post_json(api, f"/api/v1/adulto-mayor/inscripciones/{pk}/visitas",
                          {"date": "2023-03-02", "topic": "x"}).status_code == 403
        assert _post_json(api, f"/api/v1/adulto-mayor/inscripciones/{pk}/derivaciones",
                          {"date": "2023-03-02", "reason": "x",
                           "destination_institution": "RENAP"}).status_code == 403
    assert not Event.objects.filter(kind=Event.Kind.HOME_VISIT).exists()
    assert not Referral.objects.exists()


def test_clerk_cannot_reach_elderly_enrolments(people, elderly):
    pk = elderly["enrol"]["rosa"].pk
    assert _client(people["clerk"]).get(f"/adulto-mayor/inscripciones/{pk}/visitas/").status_code == 404


@pytest.mark.parametrize("date", ["2999-01-01", "2020-01-01"])
def test_home_visit_in_the_future_or_before_enrolment_is_refused(people, elderly, date):
    answer = _post_json(_api(people["zacapa"]),
                        f"/api/v1/adulto-mayor/inscripciones/{elderly['enrol']['rosa'].pk}/visitas",
                        {"date": date, "topic": "Visita"})
    assert answer.status_code == 400
    assert not Event.objects.filter(kind=Event.Kind.HOME_VISIT).exists()


def test_home_visit_page_is_logged_and_escapes_topics(people, elderly):
    enrolment = elderly["enrol"]["rosa"]
    services.home_visit_record(enrolment=enrolment, date=D, topic="<script>alert(1)</script>",
                               acting_user=people["zacapa"])
    body = _client(people["zacapa"]).get(f"/adulto-mayor/inscripciones/{enrolment.pk}/visitas/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert AccessEvent.objects.filter(user=people["zacapa"], object_id=str(enrolment.pk)).exists()


def test_home_visit_page_does_not_show_visits_made_by_another_department(people, elderly):
    """A person visited at home by Jutiapa staff, later enrolled in Zacapa: the Zacapa officer may
    see the person, but Jutiapa's visits are Jutiapa events (event_list keeps them out of
    Zacapa's lists); the visits page reads Event without the scope and shows them."""
    juana = elderly["people"]["juana"]
    services.home_visit_record(enrolment=elderly["enrol"]["juana"], date=D, topic="Visita de Jutiapa: diagnóstico",
                               acting_user=people["jutiapa"])
    enrolment_exit(enrolment=elderly["enrol"]["juana"], end=dt.date(2023, 4, 1), reason="traslado",
                   acting_user=people["jutiapa"])
    moved = enrolment_create(person=juana, center=elderly["day_center"], program="elderly",
                             start=dt.date(2023, 4, 2), acting_user=people["zacapa"])
    body = _client(people["zacapa"]).get(f"/adulto-mayor/inscripciones/{moved.pk}/visitas/").content.decode()
    assert "Visita de Jutiapa" not in body


# --- referral answers --------------------------------------------------------------------------


def test_jutiapa_officer_cannot_answer_a_zacapa_referral(people, elderly, referrals):
    referral = referrals["rosa"]
    client = _client(people["jutiapa"])
    url = f"/adulto-mayor/derivaciones/{referral.pk}/respuesta/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"accepted": "si", "decided_on": "2023-03-02"}).status_code == 404
    assert _post_json(_api(people["jutiapa"]), f"/api/v1/adulto-mayor/derivaciones/{referral.pk}/respuesta",
                      {"accepted": True, "date": "2023-03-02"}).status_code == 404
    listing = _client(people["jutiapa"]).get("/adulto-mayor/derivaciones/").content.decode()
    assert "Rosa" not in listing
    referral.refresh_from_db()
    assert referral.status == Referral.Status.PENDING


def test_referral_of_another_program_cannot_be_answered_here(people, elderly):
    other = referral_create(person=make_person(), origin_program="social_service", reason="x", date=D,
                            municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"],
                            destination_institution="Cristosal", source="migrants.Reception:1")
    assert _client(people["zacapa"]).get(f"/adulto-mayor/derivaciones/{other.pk}/respuesta/").status_code == 404
    assert _post_json(_api(people["zacapa"]), f"/api/v1/adulto-mayor/derivaciones/{other.pk}/respuesta",
                      {"accepted": True, "date": "2023-03-02"}).status_code == 404
    other.refresh_from_db()
    assert other.status == Referral.Status.PENDING


def test_read_only_roles_cannot_answer_referrals(people, elderly, referrals):
    referral = referrals["rosa"]
    assert _client(people["planner"]).get("/adulto-mayor/derivaciones/").status_code == 403
    assert _client(people["planner"]).get(f"/adulto-mayor/derivaciones/{referral.pk}/respuesta/").status_code == 403
    assert _api(people["planner"]).get("/api/v1/adulto-mayor/derivaciones").status_code == 403
    _client(people["auditor"]).post(f"/adulto-mayor/derivaciones/{referral.pk}/respuesta/",
                                    {"accepted": "si", "decided_on": "2023-03-02"})
    assert _post_json(_api(people["auditor"]), f"/api/v1/adulto-mayor/derivaciones/{referral.pk}/respuesta",
                      {"accepted": True, "date": "2023-03-02"}).status_code == 403
    referral.refresh_from_db()
    assert referral.status == Referral.Status.PENDING


@pytest.mark.parametrize("date", ["2999-01-01", "2023-02-01"])
def test_referral_answer_in_the_future_or_before_the_referral_is_refused(people, elderly, referrals, date):
    answer = _post_json(_api(people["zacapa"]), f"/api/v1/adulto-mayor/derivaciones/{referrals['rosa'].pk}/respuesta",
                        {"accepted": True, "date": date})
    assert answer.status_code == 400
    referrals["rosa"].refresh_from_db()
    assert referrals["rosa"].status == Referral.Status.PENDING


def test_referral_to_a_made_up_program_is_refused(people, elderly):
    answer = _post_json(_api(people["zacapa"]),
                        f"/api/v1/adulto-mayor/inscripciones/{elderly['enrol']['rosa'].pk}/derivaciones",
                        {"date": "2023-03-02", "reason": "x", "destination_program": "inventado"})
    assert answer.status_code == 400
    assert not Referral.objects.exists()


# --- deliveries and activities -----------------------------------------------------------------


def test_deliveries_cannot_be_recorded_at_a_jutiapa_center(people, elderly):
    answer = _post_json(_api(people["zacapa"]), "/api/v1/adulto-mayor/entregas", {
        "center_id": elderly["residence"].pk, "item": "alimentos", "quantity": 5, "date": "2023-03-02"})
    assert answer.status_code == 404
    response = _client(people["zacapa"]).post("/adulto-mayor/entregas/", {
        "center": elderly["residence"].pk, "item": "alimentos", "quantity": 5, "date": "2023-03-02"})
    assert response.status_code == 200
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, 100_001, 10**12, "2.5"])
def test_delivery_quantity_out_of_range(people, elderly, quantity):
    answer = _post_json(_api(people["zacapa"]), "/api/v1/adulto-mayor/entregas", {
        "center_id": elderly["day_center"].pk, "item": "alimentos", "quantity": quantity, "date": "2023-03-02"})
    assert answer.status_code in (400, 422)
    assert not Delivery.objects.exists()


def test_delivery_of_an_unknown_item_or_in_the_future_is_refused(people, elderly):
    api = _api(people["zacapa"])
    assert _post_json(api, "/api/v1/adulto-mayor/entregas", {
        "center_id": elderly["day_center"].pk, "item": "silla_ruedas", "quantity": 1,
        "date": "2023-03-02"}).status_code == 400
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert _post_json(api, "/api/v1/adulto-mayor/entregas", {
        "center_id": elderly["day_center"].pk, "item": "alimentos", "quantity": 1,
        "date": tomorrow.isoformat()}).status_code == 400
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("role", ["planner", "auditor"])
def test_read_only_roles_cannot_deliver(people, elderly, role):
    answer = _post_json(_api(people[role]), "/api/v1/adulto-mayor/entregas", {
        "center_id": elderly["day_center"].pk, "item": "alimentos", "quantity": 1, "date": "2023-03-02"})
    assert answer.status_code == 403
    _client(people[role]).post("/adulto-mayor/entregas/", {
        "center": elderly["day_center"].pk, "item": "alimentos", "quantity": 1, "date": "2023-03-02"})
    assert not Delivery.objects.exists()


def test_activity_cannot_be_recorded_at_a_jutiapa_center(people, elderly):
    response = _client(people["zacapa"]).post("/adulto-mayor/actividades/", {
        "center": elderly["residence"].pk, "kind": "atencion", "category": "cultural", "topic": "Marimba",
        "date": "2023-03-02", "unnamed_participants": 10})
    assert response.status_code == 200
    assert not Event.objects.filter(topic="Marimba").exists()


def test_activities_list_does_not_show_jutiapa(people, elderly):
    from tejido.programs.services import event_create

    event_create(program="elderly", kind="atencion", topic="Taller secreto de Jutiapa", audience="adultos_mayores",
                 date=D, municipality=elderly["residence"].municipality, center=elderly["residence"],
                 unnamed_participants=4, acting_user=people["jutiapa"])
    body = _client(people["zacapa"]).get("/adulto-mayor/actividades/?desde=2023-01-01&hasta=2023-12-31")
    assert "Taller secreto de Jutiapa" not in body.content.decode()
