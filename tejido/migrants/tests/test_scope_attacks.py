"""Attacks on returned migrant receptions and their referrals: guessed reception and referral
ids, centers and members named in JSON, read-only roles writing, planners reading names,
bad ages and dates, unescaped text."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.common.testing import post_json as _post_json
from tejido.migrants.models import Reception
from tejido.migrants.services import MemberData, reception_create, reception_refer
from tejido.programs.models import Referral, ReferralFollowUp
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
D = dt.date(2024, 3, 5)





def _family(surname):
    return [MemberData(given_names="Rosa", first_surname=surname, sex="F", age_years=30, relationship="jefe"),
            MemberData(given_names="Luis", first_surname=surname, sex="M", age_years=7)]


@pytest.fixture
def setting(people):
    """A Zacapa reception center with a family destined to Zacapa (and its referral), and a
    Jutiapa reception center with a family destined to Jutiapa (and its referral)."""
    zacapa_center = make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa")
    jutiapa_center = make_center(JUTIAPA_TOWN, kind="migrant_reception", name="Recepción Jutiapa")
    zacapa = reception_create(acting_user=people["zacapa"], date=D, center=zacapa_center, arrival_mode="terrestre",
                              returned_from="mexico", destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                              members=_family("Zacapaneca"))
    jutiapa = reception_create(acting_user=people["jutiapa"], date=D, center=jutiapa_center,
                               arrival_mode="terrestre", returned_from="mexico",
                               destination_municipality=Municipality.objects.get(pk=JUTIAPA_TOWN),
                               members=_family("Jutiapaneca"))
    zacapa_referral = reception_refer(reception=zacapa, member=zacapa.members.first(), date=D, reason="Empleo",
                                      destination_institution="Cristosal", acting_user=people["zacapa"])
    jutiapa_referral = reception_refer(reception=jutiapa, member=jutiapa.members.first(), date=D, reason="Empleo",
                                       destination_institution="Cristosal", acting_user=people["jutiapa"])
    return {"zacapa_center": zacapa_center, "jutiapa_center": jutiapa_center, "zacapa": zacapa,
            "jutiapa": jutiapa, "zacapa_referral": zacapa_referral, "jutiapa_referral": jutiapa_referral}


def _reception_payload(center_id, destination=ZACAPA_TOWN, **extra):
    return {"date": "2024-03-05", "center_id": center_id, "arrival_mode": "aerea", "returned_from": "estados_unidos",
            "destination_municipality_id": destination,
            "members": [{"given_names": "Pedro", "first_surname": "Prueba", "sex": "M", "age_years": 40,
                         "relationship": "jefe"}]} | extra


# --- receptions --------------------------------------------------------------------------------


def test_jutiapa_officer_cannot_read_a_zacapa_reception(people, setting):
    client = _client(people["jutiapa"])
    hidden = client.get(f"/migrantes/{setting['zacapa'].pk}/")
    assert hidden.status_code == client.get("/migrantes/99999999/").status_code == 404
    assert "Zacapaneca" not in hidden.content.decode()
    api = _api(people["jutiapa"])
    assert api.get(f"/api/v1/migrantes/recepciones/{setting['zacapa'].pk}").status_code == 404
    listing = api.get("/api/v1/migrantes/recepciones").json()["items"]
    assert [r["id"] for r in listing] == [setting["jutiapa"].pk]
    home = client.get("/migrantes/?desde=2024-01-01&hasta=2024-12-31").content.decode()
    assert "Zacapaneca" not in home


def test_jutiapa_officer_cannot_refer_a_zacapa_family_member(people, setting):
    member = setting["zacapa"].members.first()
    before = Referral.objects.count()
    response = _client(people["jutiapa"]).post(f"/migrantes/{setting['zacapa'].pk}/", {
        "member": member.pk, "destination": "institucion:Cristosal", "reason": "x", "date": "2024-03-06"})
    assert response.status_code == 404
    answer = _post_json(_api(people["jutiapa"]), f"/api/v1/migrantes/recepciones/{setting['zacapa'].pk}/derivaciones",
                        {"person_id": member.person_id, "date": "2024-03-06", "reason": "x",
                         "destination_institution": "Cristosal"})
    assert answer.status_code == 404
    assert Referral.objects.count() == before


def test_referral_of_someone_not_in_the_family_is_refused(people, setting):
    outsider = make_person(given_names="Ajeno")
    before = Referral.objects.count()
    answer = _post_json(_api(people["zacapa"]), f"/api/v1/migrantes/recepciones/{setting['zacapa'].pk}/derivaciones",
                        {"person_id": outsider.pk, "date": "2024-03-06", "reason": "x",
                         "destination_institution": "Cristosal"})
    assert answer.status_code == 400
    jutiapa_member = setting["jutiapa"].members.first()
    response = _client(people["zacapa"]).post(f"/migrantes/{setting['zacapa'].pk}/", {
        "member": jutiapa_member.pk, "destination": "institucion:Cristosal", "reason": "x", "date": "2024-03-06"})
    assert response.status_code == 200
    assert Referral.objects.count() == before


def test_api_reception_at_an_out_of_scope_center_answers_like_a_missing_center(people, setting):
    """The page offers only the user's reception centers; the API looks the center up without
    the scope, so a Jutiapa officer learns which ids are Zacapa reception centers (a different
    answer than for a missing id). Out of scope must answer like missing (404)."""
    api = _api(people["jutiapa"])
    hidden = _post_json(api, "/api/v1/migrantes/recepciones", _reception_payload(setting["zacapa_center"].pk))
    missing = _post_json(api, "/api/v1/migrantes/recepciones", _reception_payload(99999999))
    assert Reception.objects.count() == 2
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_api_reception_at_a_jutiapa_center_is_not_saved(people, setting):
    answer = _post_json(_api(people["zacapa"]), "/api/v1/migrantes/recepciones",
                        _reception_payload(setting["jutiapa_center"].pk))
    assert answer.status_code in (400, 404)
    assert Reception.objects.count() == 2


@pytest.mark.parametrize("role", ["planner", "auditor"])
def test_read_only_roles_cannot_register_a_family(people, setting, role):
    answer = _post_json(_api(people[role]), "/api/v1/migrantes/recepciones",
                        _reception_payload(setting["zacapa_center"].pk))
    assert answer.status_code == 403
    assert Reception.objects.count() == 2


@pytest.mark.parametrize("member, field", [
    ({"age_years": -1}, "age_years"), ({"age_years": 500}, "age_years"), ({"age_years": 10**9}, "age_years"),
    ({"age_years": None, "birth_date": "2999-01-01"}, "birth_date"), ({"age_years": "7.5"}, "age_years"),
])
def test_bad_member_ages_are_refused(people, setting, member, field):
    payload = _reception_payload(setting["zacapa_center"].pk)
    payload["members"][0] |= member
    answer = _post_json(_api(people["zacapa"]), "/api/v1/migrantes/recepciones", payload)
    assert answer.status_code in (400, 422)
    assert Reception.objects.count() == 2


def test_member_age_true_is_not_one_year(people, setting):
    """The service refuses a bool age on purpose (isinstance(..., bool)), but the API schema's
    lax int turns JSON true into 1 before the service sees it."""
    payload = _reception_payload(setting["zacapa_center"].pk)
    payload["members"][0]["age_years"] = True
    answer = _post_json(_api(people["zacapa"]), "/api/v1/migrantes/recepciones", payload)
    assert answer.status_code in (400, 422)
    assert Reception.objects.count() == 2


def test_reception_in_the_future_is_refused(people, setting):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    answer = _post_json(_api(people["zacapa"]), "/api/v1/migrantes/recepciones",
                        _reception_payload(setting["zacapa_center"].pk, date=tomorrow.isoformat()))
    assert answer.status_code == 400 and "futuro" in answer.json()["detail"]


def test_planner_sees_counts_only(people, setting):
    planner = _client(people["planner"])
    home = planner.get("/migrantes/?desde=2024-01-01&hasta=2024-12-31").content.decode()
    assert "Zacapaneca" not in home and "Jutiapaneca" not in home
    assert planner.get(f"/migrantes/{setting['zacapa'].pk}/").status_code == 403
    assert planner.get("/migrantes/derivaciones/").status_code == 403
    assert planner.get(f"/migrantes/derivaciones/{setting['zacapa_referral'].pk}/").status_code == 403
    figures = planner.get("/migrantes/cifras/?desde=2024-01-01&hasta=2024-12-31").content.decode()
    assert "Zacapaneca" not in figures
    api = _api(people["planner"])
    assert api.get("/api/v1/migrantes/recepciones").status_code == 403
    assert api.get(f"/api/v1/migrantes/recepciones/{setting['zacapa'].pk}").status_code == 403
    assert api.get("/api/v1/migrantes/derivaciones").status_code == 403
    assert "Zacapaneca" not in api.get("/api/v1/migrantes/cifras?desde=2024-01-01&hasta=2024-12-31").content.decode()


def test_notes_are_escaped(people, setting):
    reception = reception_create(acting_user=people["zacapa"], date=D, center=setting["zacapa_center"],
                                 arrival_mode="aerea", returned_from="otro",
                                 returned_from_other="<script>alert(1)</script>",
                                 destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                                 members=_family("<b>Negrita</b>"), notes="<script>alert(2)</script>")
    body = _client(people["zacapa"]).get(f"/migrantes/{reception.pk}/").content.decode()
    assert "<script>alert" not in body and "<b>Negrita</b>" not in body


def test_reception_detail_is_logged(people, setting):
    _client(people["zacapa"]).get(f"/migrantes/{setting['zacapa'].pk}/")
    assert AccessEvent.objects.filter(user=people["zacapa"], object_id=str(setting["zacapa"].pk)).exists()


# --- referrals and follow-ups ------------------------------------------------------------------


def test_jutiapa_officer_cannot_read_answer_or_follow_up_a_zacapa_referral(people, setting):
    referral = setting["zacapa_referral"]
    client = _client(people["jutiapa"])
    assert client.get(f"/migrantes/derivaciones/{referral.pk}/").status_code == 404
    assert client.post(f"/migrantes/derivaciones/{referral.pk}/", {
        "responder": "1", "accepted": "no", "decided_on": "2024-03-06", "decision_reason": "x"}).status_code == 404
    assert client.post(f"/migrantes/derivaciones/{referral.pk}/", {
        "seguimiento": "1", "date": "2024-03-06", "kind": "visita", "notes": "x"}).status_code == 404
    api = _api(people["jutiapa"])
    assert _post_json(api, f"/api/v1/migrantes/derivaciones/{referral.pk}/respuesta",
                      {"accepted": True, "date": "2024-03-06"}).status_code == 404
    assert _post_json(api, f"/api/v1/migrantes/derivaciones/{referral.pk}/seguimientos",
                      {"date": "2024-03-06", "notes": "x"}).status_code == 404
    ids = [r["id"] for r in api.get("/api/v1/migrantes/derivaciones").json()["items"]]
    assert referral.pk not in ids
    referral.refresh_from_db()
    assert referral.status == Referral.Status.PENDING and not ReferralFollowUp.objects.exists()


def test_read_only_roles_cannot_answer_or_follow_up(people, setting):
    referral = setting["zacapa_referral"]
    auditor = _client(people["auditor"])
    auditor.post(f"/migrantes/derivaciones/{referral.pk}/", {
        "responder": "1", "accepted": "si", "decided_on": "2024-03-06"})
    auditor.post(f"/migrantes/derivaciones/{referral.pk}/", {
        "seguimiento": "1", "date": "2024-03-06", "kind": "visita", "notes": "x"})
    api = _api(people["auditor"])
    assert _post_json(api, f"/api/v1/migrantes/derivaciones/{referral.pk}/respuesta",
                      {"accepted": True, "date": "2024-03-06"}).status_code == 403
    assert _post_json(api, f"/api/v1/migrantes/derivaciones/{referral.pk}/seguimientos",
                      {"date": "2024-03-06", "notes": "x"}).status_code == 403
    referral.refresh_from_db()
    assert referral.status == Referral.Status.PENDING and not ReferralFollowUp.objects.exists()


def test_clerk_sees_no_referral(people, setting):
    assert _client(people["clerk"]).get(
        f"/migrantes/derivaciones/{setting['zacapa_referral'].pk}/").status_code == 404


def test_non_migrant_referral_is_not_reachable_through_migrants(people, setting):
    from tejido.programs.referrals import referral_create

    other = referral_create(person=make_person(), origin_program="elderly", reason="PAM", date=D,
                            municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"],
                            destination_institution="MINTRAB")
    assert _client(people["zacapa"]).get(f"/migrantes/derivaciones/{other.pk}/").status_code == 404
    assert _post_json(_api(people["zacapa"]), f"/api/v1/migrantes/derivaciones/{other.pk}/respuesta",
                      {"accepted": True, "date": "2024-03-06"}).status_code == 404


@pytest.mark.parametrize("date", ["2024-03-01", "2999-01-01"])
def test_follow_up_before_the_referral_or_in_the_future_is_refused(people, setting, date):
    answer = _post_json(_api(people["zacapa"]),
                        f"/api/v1/migrantes/derivaciones/{setting['zacapa_referral'].pk}/seguimientos",
                        {"date": date, "notes": "Visita"})
    assert answer.status_code == 400
    assert not ReferralFollowUp.objects.exists()


def test_follow_up_notes_are_escaped(people, setting):
    _post_json(_api(people["zacapa"]), f"/api/v1/migrantes/derivaciones/{setting['zacapa_referral'].pk}/seguimientos",
               {"date": "2024-03-06", "notes": "<script>alert(3)</script>"})
    body = _client(people["zacapa"]).get(f"/migrantes/derivaciones/{setting['zacapa_referral'].pk}/").content.decode()
    assert "<script>alert(3)</script>" not in body
