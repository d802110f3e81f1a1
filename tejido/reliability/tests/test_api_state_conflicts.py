"""API state changes (answer a referral, register an exit, sign or rescind an agreement, the steps
of a Social Service request, check-out and closing of a shelter) compare the version like the
PATCH of personas and hogares: two API clients read the same `version`; the first sends it as
If-Match and passes, the second, now stale, gets 409 with the Spanish message and the current
version, and nothing of its change is saved. Without If-Match the behaviour is the old one (the
state rules answer 400). And two calls based on the same stale copy cannot both pass: the
service checks the state on the row it locked, not on the copy loaded before."""

import datetime as dt
import json
import threading

import pytest
from django.db import connection, connections

from tejido.accounts.models import Role
from tejido.agreements.models import Agreement
from tejido.agreements.services import agreement_create
from tejido.agreements.tests.conftest import _media, pdf, places  # noqa: F401 (fixtures)
from tejido.common.errors import ApplicationError
from tejido.common.testing import ZACAPA_TOWN, api_client_for, make_center, make_person, make_user
from tejido.dedup import services as dedup
from tejido.dedup.models import DuplicateCandidate, PersonMerge
from tejido.dedup.tests.conftest import _inline_jobs, registry  # noqa: F401 (fixtures)
from tejido.migrants.tests.test_scope_attacks import setting  # noqa: F401 (fixture)
from tejido.programs.models import Enrolment, Referral
from tejido.programs.referrals import referral_create, referral_decide
from tejido.programs.services import enrolment_create
from tejido.shelters.models import Shelter, Stay
from tejido.shelters.services import family_register
from tejido.shelters.tests.conftest import day, member, shelters  # noqa: F401 (fixtures)
from tejido.socialservice.models import SupportRequest
from tejido.socialservice.services import request_create, request_decide, request_study
from tejido.socialservice.tests.conftest import ss  # noqa: F401 (fixture)
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db

CONFLICT = ("Otra persona modificó este registro mientras usted lo editaba: revise los datos actuales y "
            "vuelva a guardar.")


def _post(api, url, body, version=None):
    headers = {"HTTP_IF_MATCH": f'"{version}"'} if version is not None else {}
    return api.post(url, json.dumps(body, default=str), content_type="application/json", **headers)


def _race(api, url, version, first_body, second_body, snapshot):
    """The first call with the version read passes; the second with the same version gets 409 and
    changes nothing. Returns the first answer."""
    first = _post(api, url, first_body, version)
    assert first.status_code == 200, first.content
    assert first.json()["version"] != version
    before = snapshot()
    stale = _post(api, url, second_body, version)
    assert stale.status_code == 409, stale.content
    assert stale.json()["detail"] == CONFLICT and stale.json()["version"] == first.json()["version"]
    assert snapshot() == before  # nothing of the stale call was saved
    return first


@pytest.fixture
def zacapa_api(people):
    return api_client_for(people["zacapa"])


def _referral(people, origin):
    person = make_person(ZACAPA_TOWN, given_names="Rosa", first_surname="Caal", birth_date=dt.date(1950, 1, 1))
    return referral_create(person=person, origin_program=origin, reason="Apoyo", date=dt.date(2024, 3, 1),
                           municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"],
                           destination_institution="MINTRAB")


def _referral_state(pk):
    return lambda: (list(Referral.objects.filter(pk=pk).values_list("status", "decided_on", "decision_reason")),
                    Referral.history.filter(id=pk).count())


def test_elderly_referral_answer(people, zacapa_api):
    referral = _referral(people, "elderly")
    listed = {r["id"]: r for r in zacapa_api.get("/api/v1/adulto-mayor/derivaciones").json()["items"]}
    version = listed[referral.pk]["version"]
    url = f"/api/v1/adulto-mayor/derivaciones/{referral.pk}/respuesta"
    _race(zacapa_api, url, version, {"accepted": True, "date": "2024-03-05"},
          {"accepted": False, "date": "2024-03-06", "reason": "Sin cupo"}, _referral_state(referral.pk))
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (Referral.Status.ACCEPTED, "")


def test_migrant_referral_answer(people, zacapa_api, setting):  # noqa: F811
    referral = setting["zacapa_referral"]
    listed = {r["id"]: r for r in zacapa_api.get("/api/v1/migrantes/derivaciones").json()["items"]}
    version = listed[referral.pk]["version"]
    url = f"/api/v1/migrantes/derivaciones/{referral.pk}/respuesta"
    _race(zacapa_api, url, version, {"accepted": False, "date": "2024-03-06", "reason": "Sin cupo"},
          {"accepted": True, "date": "2024-03-07"}, _referral_state(referral.pk))
    assert Referral.objects.get(pk=referral.pk).status == Referral.Status.REJECTED


def test_referral_answer_without_if_match_keeps_the_state_rule(people, zacapa_api):
    referral = _referral(people, "elderly")
    url = f"/api/v1/adulto-mayor/derivaciones/{referral.pk}/respuesta"
    assert _post(zacapa_api, url, {"accepted": True, "date": "2024-03-05"}).status_code == 200
    again = _post(zacapa_api, url, {"accepted": False, "date": "2024-03-06", "reason": "Sin cupo"})
    assert again.status_code == 400 and again.json()["detail"] == "Esta derivación ya fue respondida."


def test_enrolment_exit(people, zacapa_api):
    center = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    elder = make_person(ZACAPA_TOWN, birth_date=dt.date(1950, 1, 1))
    enrolment = enrolment_create(person=elder, center=center, program="elderly", start=dt.date(2024, 1, 8),
                                 acting_user=people["zacapa"])
    listed = {e["id"]: e for e in zacapa_api.get("/api/v1/adulto-mayor/inscripciones").json()["items"]}
    version = listed[enrolment.pk]["version"]
    url = f"/api/v1/adulto-mayor/inscripciones/{enrolment.pk}/egreso"
    state = lambda: (list(Enrolment.objects.filter(pk=enrolment.pk).values_list("end", "exit_reason")),  # noqa: E731
                     Enrolment.history.filter(id=enrolment.pk).count())
    _race(zacapa_api, url, version, {"end": "2024-03-01", "exit_reason": "traslado"},
          {"end": "2024-04-01", "exit_reason": "salud"}, state)
    assert state()[0] == [(dt.date(2024, 3, 1), "traslado")]
    # without If-Match: today's rule
    again = _post(zacapa_api, url, {"end": "2024-04-01", "exit_reason": "salud"})
    assert again.status_code == 400 and again.json()["detail"] == "Esta inscripción ya tiene egreso."


def test_agreement_status(people, places):  # noqa: F811
    api = api_client_for(people["central"])
    agreement = agreement_create(acting_user=people["central"], counterparty_name="Municipalidad de Zacapa",
                                 counterparty_kind="municipalidad", program="childcare", status="borrador",
                                 start_date=dt.date(2023, 1, 1), end_date=dt.date(2024, 12, 31),
                                 centers=[places["zacapa_cadi"]], document=pdf())
    version = api.get(f"/api/v1/convenios/{agreement.pk}").json()["version"]
    state = lambda: (list(Agreement.objects.filter(pk=agreement.pk).values_list("status", "terminated_on")),  # noqa: E731
                     Agreement.history.filter(id=agreement.pk).count())
    first = _race(api, f"/api/v1/convenios/{agreement.pk}/estado", version,
                  {"status": "rescindido", "terminated_on": "2023-09-01"},
                  {"status": "vigente"}, state)
    assert state()[0] == [("rescindido", dt.date(2023, 9, 1))]
    assert first.json()["version"] == api.get(f"/api/v1/convenios/{agreement.pk}").json()["version"]


@pytest.fixture
def support_request(people, ss):  # noqa: F811
    person = make_person(ZACAPA_TOWN, given_names="Rosario", first_surname="Cordón")
    return request_create(person=person, office=ss["zacapa"], date=dt.date(2023, 3, 1), kind="producto",
                          product=ss["products"]["silla_ruedas"], quantity=1, acting_user=people["zacapa"])


def _request_state(pk):
    return lambda: (list(SupportRequest.objects.filter(pk=pk).values_list(
        "status", "social_worker", "visit_date", "decided_on", "decision_reason", "delivery_id")),
        SupportRequest.history.filter(id=pk).count())


def test_social_service_study_no_longer_overwrites_a_study_saved_in_between(zacapa_api, support_request):
    base = f"/api/v1/servicio-social/solicitudes/{support_request.pk}"
    version = zacapa_api.get(base).json()["version"]
    study = {"visit_date": "2023-03-03", "poverty_status": "pobreza", "social_worker": "Licda. Solís"}
    _race(zacapa_api, f"{base}/estudio", version, study, {**study, "social_worker": "Lic. Otro"},
          _request_state(support_request.pk))
    assert SupportRequest.objects.get(pk=support_request.pk).social_worker == "Licda. Solís"


def test_social_service_decision_and_delivery(people, zacapa_api, support_request):
    request_study(request=support_request, visit_date=dt.date(2023, 3, 3), poverty_status="pobreza",
                  social_worker="Licda. Solís", acting_user=people["zacapa"])
    base = f"/api/v1/servicio-social/solicitudes/{support_request.pk}"
    version = zacapa_api.get(base).json()["version"]
    decided = _race(zacapa_api, f"{base}/resolucion", version, {"approved": True, "date": "2023-03-04"},
                    {"approved": False, "date": "2023-03-04", "reason": "Sin existencias"},
                    _request_state(support_request.pk))
    assert SupportRequest.objects.get(pk=support_request.pk).status == SupportRequest.Status.APPROVED
    _race(zacapa_api, f"{base}/entrega", decided.json()["version"], {"date": "2023-03-05"}, {"date": "2023-03-06"},
          _request_state(support_request.pk))
    assert SupportRequest.objects.get(pk=support_request.pk).delivery.date == dt.date(2023, 3, 5)


def test_social_service_without_if_match_keeps_the_state_rule(people, zacapa_api, support_request):
    request_study(request=support_request, visit_date=dt.date(2023, 3, 3), poverty_status="pobreza",
                  social_worker="Licda. Solís", acting_user=people["zacapa"])
    request_decide(request=support_request, approved=True, date=dt.date(2023, 3, 4), acting_user=people["zacapa"])
    url = f"/api/v1/servicio-social/solicitudes/{support_request.pk}/resolucion"
    again = _post(zacapa_api, url, {"approved": False, "date": "2023-03-04", "reason": "x"})
    assert again.status_code == 400 and again.json()["detail"].startswith("La solicitud ya está")


@pytest.fixture
def sheltered(people, shelters):  # noqa: F811
    shelter = shelters["school"]
    family_register(shelter=shelter, acting_user=people["zacapa"], check_in=day(2),
                    members=[member("Rosa", "F", 30, "jefe"), member("Tito", "M", 6)])
    return shelter


def _shelter_state(shelter):
    return lambda: (list(Shelter.objects.filter(pk=shelter.pk).values_list("closed_on", "notes")),
                    list(Stay.objects.filter(shelter=shelter).order_by("pk").values_list("pk", "check_out")))


def test_shelter_check_out_and_close(zacapa_api, sheltered):
    rosa, tito = (Stay.objects.get(shelter=sheltered, person__given_names=name) for name in ("Rosa", "Tito"))
    base = f"/api/v1/albergues/{sheltered.pk}"
    version = zacapa_api.get(base).json()["version"]
    out = _race(zacapa_api, f"{base}/salidas", version, {"stay_ids": [rosa.pk], "check_out": day(3)},
                {"stay_ids": [tito.pk], "check_out": day(4)}, _shelter_state(sheltered))
    rosa.refresh_from_db(), tito.refresh_from_db()
    assert (rosa.check_out, tito.check_out) == (day(3), None)
    assert out.json() == {"checked_out": 1, "version": zacapa_api.get(base).json()["version"]}
    closed = _race(zacapa_api, f"{base}/cierre", out.json()["version"], {"closed_on": day(4)},
                   {"closed_on": day(5), "notes": "otra fecha"}, _shelter_state(sheltered))
    assert closed.json()["closed_on"] == day(4).isoformat()
    # without If-Match: today's rule
    again = _post(zacapa_api, f"{base}/cierre", {"closed_on": day(5)})
    assert again.status_code == 400 and again.json()["detail"].startswith("El albergue ya está cerrado")


def test_the_openapi_schema_documents_if_match_and_409(api):
    schema = api.get("/api/v1/openapi.json").json()
    paths = ["/api/v1/adulto-mayor/derivaciones/{referral_id}/respuesta",
             "/api/v1/migrantes/derivaciones/{referral_id}/respuesta",
             "/api/v1/primera-infancia/inscripciones/{enrolment_id}/egreso",
             "/api/v1/convenios/{agreement_id}/estado",
             "/api/v1/servicio-social/solicitudes/{request_id}/estudio",
             "/api/v1/servicio-social/solicitudes/{request_id}/resolucion",
             "/api/v1/servicio-social/solicitudes/{request_id}/entrega",
             "/api/v1/albergues/{shelter_id}/salidas", "/api/v1/albergues/{shelter_id}/cierre"]
    operations = [schema["paths"][p]["post"] for p in paths]
    operations += [schema["paths"][p]["post"] for p in ("/api/v1/duplicados/{candidate_id}/rechazar",
                                                         "/api/v1/duplicados/{candidate_id}/fusionar",
                                                         "/api/v1/duplicados/fusiones/{merge_id}/deshacer")]
    operations += [schema["paths"][p]["patch"] for p in ("/api/v1/personas/{person_id}",
                                                          "/api/v1/hogares/{household_id}")]
    for operation in operations:
        headers = [p for p in operation["parameters"] if p["in"] == "header"]
        assert [(h["name"], h["required"]) for h in headers] == [("If-Match", False)], operation["operationId"]
        assert "409" in operation["responses"], operation["operationId"]


@pytest.fixture
def pair(registry):  # noqa: F811
    return DuplicateCandidate.objects.create(person_a=registry["maria"], person_b=registry["maria_again"],
                                             probability=0.99, matched_on=["apellidos invertidos"])


def test_duplicate_pair_merge_reject_and_undo(people, pair):
    api = api_client_for(people["central"])
    version = api.get(f"/api/v1/duplicados/{pair.pk}").json()["version"]
    merged = _post(api, f"/api/v1/duplicados/{pair.pk}/fusionar", {"keep": "a"}, version)
    assert merged.status_code == 201, merged.content
    stale = _post(api, f"/api/v1/duplicados/{pair.pk}/rechazar", {"reason": "no son la misma"}, version)
    assert stale.status_code == 409 and stale.json()["detail"] == CONFLICT
    assert stale.json()["version"] == api.get(f"/api/v1/duplicados/{pair.pk}").json()["version"]
    assert DuplicateCandidate.objects.get(pk=pair.pk).status == DuplicateCandidate.Status.CONFIRMED
    # without If-Match: today's rule
    again = _post(api, f"/api/v1/duplicados/{pair.pk}/rechazar", {"reason": "no son la misma"})
    assert again.status_code == 400 and again.json()["detail"].startswith("Este par ya fue decidido por")

    merge_id = merged.json()["id"]
    merge_version = api.get(f"/api/v1/duplicados/fusiones/{merge_id}").json()["version"]
    assert merge_version == merged.json()["version"]
    url = f"/api/v1/duplicados/fusiones/{merge_id}/deshacer"
    undone = _race(api, url, merge_version, {}, {},
                   lambda: list(PersonMerge.objects.filter(pk=merge_id).values_list("undone_at", flat=True)))
    assert undone.json()["undone_at"]


def test_a_reject_and_a_merge_from_the_same_stale_copy_cannot_both_pass(people, pair):
    first_copy, second_copy = (DuplicateCandidate.objects.get(pk=pair.pk) for _ in range(2))
    dedup.person_merge(candidate=first_copy, keep="a", acting_user=people["central"])
    with pytest.raises(ApplicationError, match="ya fue decidido por"):
        dedup.candidate_reject(candidate=second_copy, reason="no son la misma", acting_user=people["central"])
    assert DuplicateCandidate.objects.get(pk=pair.pk).status == DuplicateCandidate.Status.CONFIRMED


@pytest.fixture
def api(people):
    return api_client_for(people["central"])


# --- the lock: two answers to the same referral ------------------------------------------------


def test_two_answers_from_the_same_stale_copy_cannot_both_pass(people):
    """Two requests loaded the referral while it was pending; the first answers; the second's copy
    still says «pending» but the service reads the locked row and refuses."""
    referral = _referral(people, "elderly")
    first_copy, second_copy = Referral.objects.get(pk=referral.pk), Referral.objects.get(pk=referral.pk)
    referral_decide(referral=first_copy, accepted=True, date=dt.date(2024, 3, 5), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="ya fue respondida"):
        referral_decide(referral=second_copy, accepted=False, date=dt.date(2024, 3, 6), reason="Sin cupo",
                        acting_user=people["zacapa"])
    referral.refresh_from_db()
    assert (referral.status, referral.decided_on) == (Referral.Status.ACCEPTED, dt.date(2024, 3, 5))
    assert Referral.history.filter(id=referral.pk).count() == 2  # created, answered once


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="hilos con conexiones propias: PostgreSQL "
                    "(SQLite serializa las transacciones con IMMEDIATE, test_sqlite_concurrency.py)")
def test_two_threads_answering_the_same_referral_one_passes(territory):
    """Both threads hold a pending copy and answer at the same moment: the row lock makes the
    second wait for the first's commit, then it sees the answer and is refused."""
    from tejido.common.testing import personas

    people = personas()
    officer2 = make_user("zacapa.hilo", Role.DEPARTMENT_OFFICER, departments=[people["zacapa"].departments.get()])
    referral = _referral(people, "elderly")
    barrier = threading.Barrier(2)
    outcome = {}

    def answer(name, user, accepted):
        copy = Referral.objects.get(pk=referral.pk)
        try:
            barrier.wait(timeout=10)
            referral_decide(referral=copy, accepted=accepted, date=dt.date(2024, 3, 5), reason="Sin cupo",
                            acting_user=user)
            outcome[name] = "ok"
        except ApplicationError as error:
            outcome[name] = error.message
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=("a", people["zacapa"], True)),
               threading.Thread(target=answer, args=("b", officer2, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcome.values()) == ["Esta derivación ya fue respondida.", "ok"], outcome
    referral.refresh_from_db()
    assert referral.status == (Referral.Status.ACCEPTED if outcome["a"] == "ok" else Referral.Status.REJECTED)
    assert Referral.history.filter(id=referral.pk).count() == 2
