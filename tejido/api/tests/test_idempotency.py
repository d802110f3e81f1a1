"""Idempotency-Key on the create endpoints that offline capture uses (docs/offline.md): a repeated
POST with the same key creates one record and answers with the same id, also when two arrive at
once (PostgreSQL); another body with the same key is refused; the capture time is kept."""

import datetime as dt
import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from tejido.accounts.models import ApiToken
from tejido.api.models import IdempotencyKey
from tejido.childcare.models import NutritionScreening
from tejido.common.testing import api_client_for, make_center, make_person, make_user, second_factor_device
from tejido.migrants.models import Reception
from tejido.programs.models import RollCall
from tejido.programs.services import enrolment_create

pytestmark = pytest.mark.django_db
ROLL, SCREEN, RECEIVE = ("/api/v1/primera-infancia/asistencia", "/api/v1/primera-infancia/tamizajes",
                         "/api/v1/migrantes/recepciones")
MONDAY = dt.date(2024, 3, 4)


def post(client, url, body, key=None, **headers):
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(url, json.dumps(body, default=str), content_type="application/json", **headers)


@pytest.fixture
def kids(people):
    cadi = people["zacapa_cadi"]
    return [enrolment_create(person=make_person(given_names=name, birth_date=dt.date(2021, 1, 10)), center=cadi,
                             program="childcare", start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
            for name in ("Ana", "Beto")]


def test_a_repeated_screening_creates_one_record_and_returns_the_same_id(people, kids):
    api = api_client_for(people["clerk"])
    captured = timezone.now() - dt.timedelta(hours=5)
    body = {"enrolment_id": kids[0].pk, "measured_on": MONDAY, "weight_kg": "11.2", "height_cm": "84.0",
            "measured": "H", "captured_at": captured.isoformat()}
    first = post(api, SCREEN, body, "tamizaje-0001")
    again = post(api, SCREEN, body, "tamizaje-0001")
    assert first.status_code == again.status_code == 201, (first.content, again.content)
    assert first.json()["id"] == again.json()["id"]
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    screening = NutritionScreening.objects.get()
    assert screening.created_by == people["clerk"] and screening.captured_at == captured
    assert first.json()["captured_at"] is not None
    # another key: another record (two children weighed the same day are two screenings)
    assert post(api, SCREEN, body, "tamizaje-0002").status_code == 201
    assert NutritionScreening.objects.count() == 2
    # without a key, as before: every POST creates
    assert post(api, SCREEN, body).status_code == 201
    assert NutritionScreening.objects.count() == 3


def test_the_same_key_with_other_data_is_refused_and_nothing_created(people, kids):
    api = api_client_for(people["clerk"])
    body = {"enrolment_id": kids[0].pk, "measured_on": MONDAY, "weight_kg": "11.2"}
    assert post(api, SCREEN, body, "clave-unica-1").status_code == 201
    other = post(api, SCREEN, {**body, "weight_kg": "12.0"}, "clave-unica-1")
    assert other.status_code == 422 and "ya se usó con otros datos" in other.json()["detail"]
    assert NutritionScreening.objects.count() == 1
    assert post(api, SCREEN, body, "corta").status_code == 400  # malformed key
    assert NutritionScreening.objects.count() == 1


def test_keys_belong_to_their_user(people, kids):
    """Another user's request with the same key is not the same request (and learns nothing of it)."""
    body = {"enrolment_id": kids[0].pk, "measured_on": MONDAY, "weight_kg": "11.2"}
    first = post(api_client_for(people["clerk"]), SCREEN, body, "misma-clave-01")
    second = post(api_client_for(people["zacapa"]), SCREEN, body, "misma-clave-01")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert {s.created_by for s in NutritionScreening.objects.all()} == {people["clerk"], people["zacapa"]}


def test_a_refused_request_leaves_its_key_usable(people, kids):
    api = api_client_for(people["clerk"])
    body = {"enrolment_id": kids[0].pk, "measured_on": MONDAY, "weight_kg": "400"}
    assert post(api, SCREEN, body, "reintento-01").status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(api, SCREEN, {**body, "weight_kg": "11"}, "reintento-01").status_code == 201


def test_a_repeated_roll_is_not_saved_again_over_a_newer_list(people, kids):
    """The first send arrived but its answer was lost; meanwhile another officer corrected the list.
    The repeat gets the roll back and does not replace the correction."""
    clerk = api_client_for(people["clerk"])
    captured = timezone.now() - dt.timedelta(days=2)
    body = {"center_id": people["zacapa_cadi"].pk, "date": MONDAY, "present_enrolment_ids": [kids[0].pk],
            "captured_at": captured.isoformat()}
    first = post(clerk, ROLL, body, "lista-lunes-01", HTTP_IF_MATCH='""')
    assert first.status_code == 201, first.content
    correction = {**body, "present_enrolment_ids": [kids[1].pk], "captured_at": None}
    corrected = post(api_client_for(people["zacapa"]), ROLL, correction, HTTP_IF_MATCH=first.json()["version"])
    assert corrected.status_code == 201
    again = post(clerk, ROLL, body, "lista-lunes-01", HTTP_IF_MATCH='""')
    assert again.status_code == 201 and again.json()["roll_id"] == first.json()["roll_id"]
    assert again.json()["version"] == corrected.json()["version"]
    roll = RollCall.objects.get()
    assert list(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[1].pk]
    assert roll.taken_by == people["zacapa"] and roll.captured_at is None


def test_roll_keeps_who_sent_it_and_when_it_was_taken_and_can_be_read_back(people, kids):
    clerk = api_client_for(people["clerk"])
    captured = timezone.now() - dt.timedelta(hours=30)
    body = {"center_id": people["zacapa_cadi"].pk, "date": MONDAY, "present_enrolment_ids": [kids[1].pk],
            "captured_at": captured.isoformat()}
    assert clerk.get(f"{ROLL}?centro={people['zacapa_cadi'].pk}&fecha={MONDAY}").json()["version"] == ""
    saved = post(clerk, ROLL, body, "lista-lunes-02")
    roll = RollCall.objects.get()
    assert (roll.taken_by, roll.captured_at) == (people["clerk"], captured)
    read = clerk.get(f"{ROLL}?centro={people['zacapa_cadi'].pk}&fecha={MONDAY}").json()
    assert read["version"] == saved.json()["version"] and read["roll_id"] == roll.pk
    assert [(m["name"], m["present"]) for m in read["marks"]] == [(f"{kids[0].person.surnames}, Ana", False),
                                                                   (f"{kids[1].person.surnames}, Beto", True)]
    # the day's list of a center out of scope: not found, as any other record
    assert api_client_for(people["jutiapa"]).get(
        f"{ROLL}?centro={people['zacapa_cadi'].pk}&fecha={MONDAY}").status_code == 404
    future = {**body, "captured_at": (timezone.now() + dt.timedelta(hours=2)).isoformat()}
    assert "en el futuro" in post(clerk, ROLL, future, "lista-lunes-03").json()["detail"]
    old = {**body, "captured_at": (timezone.now() - dt.timedelta(days=40)).isoformat()}
    assert "más de 30 días" in post(clerk, ROLL, old, "lista-lunes-04").json()["detail"]


def test_a_repeated_reception_registers_the_family_once(people):
    fag = make_center(101, kind="migrant_reception", name="Centro de Recepción FAG")
    officer = make_user("guate.idem", "department_officer", departments=[1])
    api = api_client_for(officer)
    body = {"date": "2024-03-05", "center_id": fag.pk, "arrival_mode": "aerea", "returned_from": "estados_unidos",
            "destination_municipality_id": 108, "captured_at": (timezone.now() - dt.timedelta(hours=1)).isoformat(),
            "members": [{"given_names": "Rosa", "first_surname": "Pérez", "sex": "F", "age_years": 30,
                         "relationship": "jefe"}]}
    first, again = post(api, RECEIVE, body, "recepcion-0001"), post(api, RECEIVE, body, "recepcion-0001")
    assert first.status_code == again.status_code == 201, first.content
    assert first.json()["id"] == again.json()["id"]
    assert Reception.objects.count() == 1 and Reception.objects.get().created_by == officer
    assert Reception.objects.get().captured_at is not None


def test_schema_declares_the_idempotency_key_header(people):
    schema = api_client_for(people["admin"]).get("/api/v1/openapi.json").json()
    for path in (ROLL, SCREEN, RECEIVE):
        operation = schema["paths"][path]["post"]
        assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in operation["parameters"]), path


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="hilos con conexiones propias: PostgreSQL "
                    "(SQLite serializa las transacciones con IMMEDIATE)")
@pytest.mark.parametrize("kind", ["screening", "roll"])
def test_two_requests_with_the_same_key_at_once_create_one_record(territory, kind):
    from tejido.common.testing import personas

    people = personas()
    cadi = people["zacapa_cadi"]
    child = enrolment_create(person=make_person(given_names="Ana", birth_date=dt.date(2021, 1, 10)), center=cadi,
                             program="childcare", start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    clerk = people["clerk"]
    _token, token = ApiToken.issue(clerk, "pruebas", device=second_factor_device(clerk))
    if kind == "screening":
        url, body = SCREEN, {"enrolment_id": child.pk, "measured_on": MONDAY, "weight_kg": "11.2"}
    else:
        url, body = ROLL, {"center_id": cadi.pk, "date": MONDAY, "present_enrolment_ids": [child.pk]}
    barrier = threading.Barrier(2)
    answers = []

    def send():
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            barrier.wait(timeout=10)
            answers.append(post(client, url, body, "a-la-vez-0001"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [a.status_code for a in answers] == [201, 201], [a.content for a in answers]
    ids = {a.json()["id" if kind == "screening" else "roll_id"] for a in answers}
    assert len(ids) == 1
    assert sorted(a.has_header("Idempotent-Replayed") for a in answers) == [False, True]
    model = NutritionScreening if kind == "screening" else RollCall
    assert model.objects.count() == 1 and IdempotencyKey.objects.count() == 1
