"""Every edit form: two officers load the same record, the first saves, the second's stale form is
refused with the Spanish conflict message, and the first's change is what stays.

(The person and center pages are in test_conflicts.py.) Each test loads the page twice, reads the
hidden «version» both forms carry, and posts them one after the other."""

import datetime as dt
import re

import pytest

from tejido.accounts.models import Role
from tejido.agreements.models import Agreement
from tejido.agreements.services import agreement_create
from tejido.agreements.tests.conftest import _media, pdf, places  # noqa: F401 (fixtures)
from tejido.common.testing import (
    ZACAPA_TOWN,
    client_for,
    make_center,
    make_household,
    make_person,
    make_user,
    verify_second_factor,
)
from tejido.planning.models import Output
from tejido.planning.tests.conftest import plan  # noqa: F401 (fixture)
from tejido.programs.models import Enrolment, Referral
from tejido.programs.referrals import referral_create
from tejido.programs.services import enrolment_create
from tejido.protection.models import ProtectionCase
from tejido.protection.tests.conftest import child, officer, report  # noqa: F401 (fixtures)
from tejido.registry.models import Household
from tejido.shelters.models import Stay
from tejido.shelters.services import family_register
from tejido.shelters.tests.conftest import day, member, shelters  # noqa: F401 (fixtures)
from tejido.socialservice.models import SupportRequest
from tejido.socialservice.services import request_create, request_decide, request_study
from tejido.socialservice.tests.conftest import ss  # noqa: F401 (fixture)
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db

CONFLICT = ("Otra persona modificó este registro mientras usted lo editaba: revise los datos actuales y "
            "vuelva a guardar.")


def _version(response) -> str:
    return re.search(r'name="version" value="([^"]+)"', response.content.decode()).group(1)


def _race(first, second, page: str, url: str, first_data: dict, second_data: dict):
    """Both officers load `page`; the first posts, then the second posts its stale form to `url`."""
    version = _version(first.get(page))
    assert _version(second.get(page)) == version
    saved = first.post(url, {**first_data, "version": version})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    refused = second.post(url, {**second_data, "version": version}, follow=True)
    html = refused.content.decode()
    assert CONFLICT in html, html[:3000]
    return refused


@pytest.fixture
def zacapa_pair(people):
    second = make_user("zacapa2", Role.DEPARTMENT_OFFICER, departments=[people["zacapa"].departments.get()])
    return client_for(people["zacapa"]), client_for(second)


def test_household_edit(zacapa_pair):
    household = make_household(ZACAPA_TOWN, name="Familia Pérez")
    first, second = zacapa_pair
    url = f"/hogares/{household.pk}/modificar/"
    data = {"name": "Familia Pérez", "kind": household.kind, "municipality": str(ZACAPA_TOWN), "address": ""}
    refused = _race(first, second, url, url, {**data, "name": "Familia Pérez Caal"},
                    {**data, "address": "Barrio El Centro"})
    html = refused.content.decode()
    assert "<td>Nombre del hogar</td><td>Familia Pérez Caal</td><td>Familia Pérez</td>" in html
    assert "<td>Dirección</td><td>—</td><td>Barrio El Centro</td>" in html
    household.refresh_from_db()
    assert (household.name, household.address) == ("Familia Pérez Caal", "")
    assert household.history.count() == 2  # created, then one change


def test_plan_output_edit(people, plan):  # noqa: F811
    planner = make_user("planner2", Role.PLANNER)
    first, second = client_for(people["planner"]), client_for(planner)
    output = Output.objects.filter(parent__isnull=False).first()
    months = {f"month_{m}": v for m, v in enumerate(output.monthly_targets, start=1)}
    data = {"initial_target": output.initial_target, "current_target": output.current_target, "kind": "manual",
            "note": "", **months}
    url = f"/planificacion/productos/{output.pk}/"
    refused = _race(first, second, url, url, {**data, "manual_1": 3}, {**data, "manual_1": 5, "note": "otra"})
    html = refused.content.decode()
    assert "<td>Enero</td><td>3</td><td>5</td>" in html
    assert "<td>Nota sobre el indicador</td><td>—</td><td>otra</td>" in html
    assert list(output.manual_values.values_list("month", "value")) == [(1, 3)]


def test_enrolment_exit(people, zacapa_pair):
    center = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    elder = make_person(ZACAPA_TOWN, birth_date=dt.date(1950, 1, 1))
    enrolment = enrolment_create(person=elder, center=center, program="elderly", start=dt.date(2024, 1, 8),
                                 acting_user=people["zacapa"])
    first, second = zacapa_pair
    url = f"/adulto-mayor/inscripciones/{enrolment.pk}/egreso/"
    _race(first, second, url, url, {"end": "2024-03-01", "exit_reason": "traslado"},
          {"end": "2024-04-01", "exit_reason": "salud"})
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert (enrolment.end, enrolment.exit_reason) == (dt.date(2024, 3, 1), "traslado")


def _referral(people, origin="childcare"):
    person = make_person(ZACAPA_TOWN, given_names="Rosa", first_surname="Caal", birth_date=dt.date(1950, 1, 1))
    return referral_create(person=person, origin_program=origin, reason="Apoyo", date=dt.date(2024, 3, 1),
                           municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"],
                           destination_institution="MINTRAB")


def test_referral_answer(people, zacapa_pair):
    referral = _referral(people)
    first, second = zacapa_pair
    url = f"/derivaciones/{referral.pk}/"
    refused = _race(first, second, url, url, {"responder": "1", "accepted": "si", "decided_on": "2024-03-05"},
                    {"responder": "1", "accepted": "no", "decided_on": "2024-03-06", "decision_reason": "Sin cupo"})
    assert "Aceptada" in refused.content.decode()  # the page shows the current state
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (Referral.Status.ACCEPTED, "")


def test_elderly_referral_answer(people, zacapa_pair):
    referral = _referral(people, origin="elderly")
    first, second = zacapa_pair
    url = f"/adulto-mayor/derivaciones/{referral.pk}/respuesta/"
    _race(first, second, url, url, {"accepted": "no", "decided_on": "2024-03-05", "decision_reason": "Sin cupo"},
          {"accepted": "si", "decided_on": "2024-03-06"})
    referral.refresh_from_db()
    assert (referral.status, referral.decision_reason) == (Referral.Status.REJECTED, "Sin cupo")


def test_agreement_status(people, places):  # noqa: F811
    central2 = make_user("central2", Role.PROGRAM_STAFF, program="childcare")
    first, second = client_for(people["central"]), client_for(central2)
    agreement = agreement_create(acting_user=people["central"], counterparty_name="Municipalidad de Zacapa",
                                 counterparty_kind="municipalidad", program="childcare",
                                 start_date=dt.date(2023, 1, 1), end_date=dt.date(2024, 12, 31),
                                 centers=[places["zacapa_cadi"]], document=pdf())
    page, url = f"/convenios/{agreement.pk}/", f"/convenios/{agreement.pk}/estado/"
    _race(first, second, page, url, {"status": "rescindido", "terminated_on": "2023-09-01"},
          {"status": "rescindido", "terminated_on": "2023-10-15"})
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert (agreement.status, agreement.terminated_on) == ("rescindido", dt.date(2023, 9, 1))


@pytest.fixture
def support_request(people, ss):  # noqa: F811
    person = make_person(ZACAPA_TOWN, given_names="Rosario", first_surname="Cordón")
    return request_create(person=person, office=ss["zacapa"], date=dt.date(2023, 3, 1), kind="producto",
                          product=ss["products"]["silla_ruedas"], quantity=1, acting_user=people["zacapa"])


STUDY = {"visit_date": "2023-03-03", "poverty_status": "pobreza", "social_worker": "Licda. Solís"}


def test_social_service_study(zacapa_pair, support_request):
    first, second = zacapa_pair
    page = f"/servicio-social/solicitudes/{support_request.pk}/"
    _race(first, second, page, f"{page}estudio/", STUDY, {**STUDY, "social_worker": "Lic. Otro"})
    support_request.refresh_from_db()
    assert support_request.social_worker == "Licda. Solís"


def test_social_service_decision(people, zacapa_pair, support_request):
    request_study(request=support_request, visit_date=dt.date(2023, 3, 3), poverty_status="pobreza",
                  social_worker="Licda. Solís", acting_user=people["zacapa"])
    first, second = zacapa_pair
    page = f"/servicio-social/solicitudes/{support_request.pk}/"
    _race(first, second, page, f"{page}resolucion/", {"decision": "aprobar", "date": "2023-03-04"},
          {"decision": "denegar", "date": "2023-03-04", "reason": "Sin existencias"})
    assert SupportRequest.objects.get(pk=support_request.pk).status == SupportRequest.Status.APPROVED


def test_social_service_delivery(people, zacapa_pair, support_request):
    request_study(request=support_request, visit_date=dt.date(2023, 3, 3), poverty_status="pobreza",
                  social_worker="Licda. Solís", acting_user=people["zacapa"])
    request_decide(request=support_request, approved=True, date=dt.date(2023, 3, 4), acting_user=people["zacapa"])
    first, second = zacapa_pair
    page = f"/servicio-social/solicitudes/{support_request.pk}/"
    _race(first, second, page, f"{page}entrega/", {"date": "2023-03-05"}, {"date": "2023-03-06"})
    assert SupportRequest.objects.get(pk=support_request.pk).delivery.date == dt.date(2023, 3, 5)


@pytest.fixture
def sheltered(people, shelters):  # noqa: F811
    shelter = shelters["school"]
    family_register(shelter=shelter, acting_user=people["zacapa"], check_in=day(2),
                    members=[member("Rosa", "F", 30, "jefe"), member("Tito", "M", 6)])
    return shelter


def test_shelter_check_out(zacapa_pair, sheltered):
    first, second = zacapa_pair
    rosa, tito = (Stay.objects.get(shelter=sheltered, person__given_names=name) for name in ("Rosa", "Tito"))
    page = f"/albergues/{sheltered.pk}/"
    _race(first, second, page, f"{page}salida/", {"check_out": day(3).isoformat(), "stays": [rosa.pk]},
          {"check_out": day(4).isoformat(), "stays": [tito.pk]})
    rosa.refresh_from_db(), tito.refresh_from_db()
    assert (rosa.check_out, tito.check_out) == (day(3), None)


def test_shelter_close(zacapa_pair, sheltered):
    first, second = zacapa_pair
    page = f"/albergues/{sheltered.pk}/"
    _race(first, second, page, f"{page}cerrar/", {"closed_on": day(4).isoformat()},
          {"closed_on": day(5).isoformat(), "notes": "otra fecha"})
    sheltered.refresh_from_db()
    assert (sheltered.closed_on, sheltered.notes) == (day(4), "")


@pytest.fixture
def protection_pair(officer):  # noqa: F811
    other = make_user("proteccion2", Role.PROTECTION_OFFICER)
    clients = []
    for user in (officer, other):
        client = client_for(user)
        verify_second_factor(client, user)
        clients.append(client)
    return clients


def test_protection_case_close_after_a_referral(protection_pair, report):  # noqa: F811
    case = report()
    first, second = protection_pair
    page = f"/proteccion/{case.pk}/"
    _race(first, second, page, f"{page}referir/", {"referencia-date": "2023-03-05", "referencia-authority": "mp",
                                                    "referencia-done_by": "Licda. Pérez"},
          {"referencia-date": "2023-03-06", "referencia-authority": "pgn", "referencia-done_by": "Lic. Otro"})
    second_version = _version(second.get(page))  # the refused page carries the current version
    assert first.post(f"{page}cerrar/", {"cierre-closed_on": "2023-03-07", "cierre-closing_summary": "Concluido.",
                                         "version": second_version}).status_code == 302
    refused = second.post(f"{page}cerrar/", {"cierre-closed_on": "2023-03-08", "cierre-closing_summary": "Otro.",
                                             "version": second_version}, follow=True)
    assert CONFLICT in refused.content.decode()
    case = ProtectionCase.objects.get(pk=case.pk)
    assert case.closed_on == dt.date(2023, 3, 7) and case.actions.filter(authority="pgn").count() == 0


def test_a_form_without_a_conflict_still_saves_after_a_validation_error(zacapa_pair):
    """The version survives a form shown again for an error; the corrected form saves."""
    household = make_household(ZACAPA_TOWN, name="Familia Ortiz")
    first, _second = zacapa_pair
    url = f"/hogares/{household.pk}/modificar/"
    version = _version(first.get(url))
    bad = first.post(url, {"name": "", "kind": household.kind, "municipality": str(ZACAPA_TOWN), "version": version})
    assert bad.status_code == 200 and _version(bad) == version
    ok = first.post(url, {"name": "Familia Ortiz Paz", "kind": household.kind, "municipality": str(ZACAPA_TOWN),
                          "version": version})
    assert ok.status_code == 302
    assert Household.objects.get(pk=household.pk).name == "Familia Ortiz Paz"


def test_api_household_update_with_a_stale_if_match_answers_409(people):
    from tejido.common.testing import api_client_for

    household = make_household(ZACAPA_TOWN, name="Familia Caal")
    api = api_client_for(people["zacapa"])
    url = f"/api/v1/hogares/{household.pk}"
    version = api.get(url).json()["version"]
    ok = api.patch(url, {"address": "Barrio El Centro"}, content_type="application/json", HTTP_IF_MATCH=f'"{version}"')
    assert ok.status_code == 200 and ok.json()["version"] != version and ok.json()["name"] == "Familia Caal"
    stale = api.patch(url, {"name": "Familia Otra"}, content_type="application/json", HTTP_IF_MATCH=version)
    assert stale.status_code == 409
    assert stale.json()["detail"] == CONFLICT and stale.json()["version"] == ok.json()["version"]
    household.refresh_from_db()
    assert (household.name, household.address) == ("Familia Caal", "Barrio El Centro")
    other = api_client_for(people["jutiapa"]).patch(url, {"name": "X"}, content_type="application/json")
    assert other.status_code == 404  # out of scope: as if it did not exist
