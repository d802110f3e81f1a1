"""Referrals across programs: from a person's page to a program or institution, the receiver's
inbox with answer and follow-up, statistics by origin and destination, the home to-do alert."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.common.testing import client_for as _client
from tejido.programs.alerts import alerts
from tejido.programs.models import Referral
from tejido.programs.referrals import referral_create, referrals_by_origin_and_destination
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db



def test_refer_from_the_person_page_answer_and_follow_up(people):
    mother = make_person(given_names="Marta", sex="F")
    zacapa = _client(people["zacapa"])
    day = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    bad = zacapa.post(f"/derivaciones/personas/{mother.pk}/", {"origin_program": "social_service", "reason": "x",
                                                              "date": day, "municipality": ZACAPA_TOWN})
    assert "Elija el programa o escriba la institución" in bad.content.decode() and not Referral.objects.exists()
    same = zacapa.post(f"/derivaciones/personas/{mother.pk}/", {"origin_program": "women", "reason": "x",
                                                               "destination_program": "women", "date": day,
                                                               "municipality": ZACAPA_TOWN})
    assert "mismo programa" in same.content.decode()
    elsewhere = zacapa.post(f"/derivaciones/personas/{mother.pk}/", {
        "origin_program": "social_service", "destination_program": "women", "reason": "Unidad productiva",
        "date": day, "municipality": JUTIAPA_TOWN})
    assert "Elija un municipio de la lista" in elsewhere.content.decode()
    ok = zacapa.post(f"/derivaciones/personas/{mother.pk}/", {
        "origin_program": "social_service", "destination_program": "women", "reason": "Unidad productiva",
        "date": day, "municipality": ZACAPA_TOWN})
    referral = Referral.objects.get()
    assert ok.status_code == 302 and referral.source == f"registry.Person:{mother.pk}"
    inbox = zacapa.get("/derivaciones/").content.decode()
    assert "Marta" in inbox and "Unidad productiva" in inbox
    assert "Marta" not in _client(people["jutiapa"]).get("/derivaciones/").content.decode()
    assert _client(people["jutiapa"]).get(f"/derivaciones/{referral.pk}/").status_code == 404
    assert _client(people["planner"]).get("/derivaciones/").status_code == 403

    url = f"/derivaciones/{referral.pk}/"
    refused = zacapa.post(url, {"responder": "1", "accepted": "no", "decided_on": day, "decision_reason": ""})
    assert "motivo del rechazo" in refused.content.decode()
    assert zacapa.post(url, {"responder": "1", "accepted": "si", "decided_on": day}).status_code == 302
    assert zacapa.post(url, {"seguimiento": "1", "date": day, "kind": "visita",
                             "notes": "Asiste a la unidad productiva"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "aceptada" and referral.follow_ups.count() == 1
    assert "Asiste a la unidad productiva" in zacapa.get(url).content.decode()
    # the person's page offers "Derivar" and lists the referral
    page = zacapa.get(f"/personas/{mother.pk}/").content.decode()
    assert f"/derivaciones/personas/{mother.pk}/" in page and "Servicio Social → Mejoramiento" in page


def test_statistics_by_origin_and_destination_and_pending_alerts(people):
    zacapa_town = Municipality.objects.get(pk=ZACAPA_TOWN)
    jutiapa_town = Municipality.objects.get(pk=JUTIAPA_TOWN)
    today = timezone.localdate()
    old, recent = today - dt.timedelta(days=20), today - dt.timedelta(days=2)

    def refer(origin, destination, institution="", municipality=zacapa_town, date=recent, user=people["central"]):
        return referral_create(person=make_person(), origin_program=origin, destination_program=destination,
                               destination_institution=institution, reason="Motivo", date=date,
                               municipality=municipality, acting_user=user)

    refer("social_service", "childcare", date=old)
    refer("social_service", "childcare")
    refer("social_service", "", "OIM")
    refer("elderly", "", "PAM", municipality=jutiapa_town)
    rows = {(r["origin"], r["destination"]): (r["total"], r["pending"])
            for r in referrals_by_origin_and_destination(user=people["planner"], start=old, end=today)}
    assert rows == {("Servicio Social", "Hogares Comunitarios"): (2, 2), ("Servicio Social", "OIM"): (1, 1),
                    ("Mis Años Dorados", "PAM"): (1, 1)}
    zacapa_rows = referrals_by_origin_and_destination(user=people["zacapa"], start=old, end=today)
    assert sum(r["total"] for r in zacapa_rows) == 3
    html = _client(people["planner"]).get("/derivaciones/cifras/").content.decode()
    assert "OIM" in html and "PAM" in html
    [alert] = alerts(people["zacapa"])
    assert alert["count"] == 3 and alert["level"] == "danger" and "1 con más de 15 días" in alert["text"]
    assert alerts(people["planner"]) == []  # no names, no to-do: planners do not answer referrals


def test_refer_a_whole_household_one_referral_per_member(people):
    from tejido.common.testing import make_household

    members = [make_person(given_names=n) for n in ("Ana", "Beto", "Carla")]
    household = make_household(members=list(zip(members, ["jefe", "conyuge", "hijo"], strict=True)),
                               name="Familia Caal")
    empty = make_household(members=[], name="Hogar vacío")
    zacapa = _client(people["zacapa"])
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    body = {"origin_program": "social_service", "destination_program": "women", "reason": "Unidad productiva",
            "date": day, "municipality": ZACAPA_TOWN}
    assert "no tiene miembros" in zacapa.post(f"/derivaciones/hogares/{empty.pk}/", body).content.decode()
    assert not Referral.objects.exists()
    assert zacapa.post(f"/derivaciones/hogares/{household.pk}/", body).status_code == 302
    assert sorted(Referral.objects.values_list("person__given_names", flat=True)) == ["Ana", "Beto", "Carla"]
    assert set(Referral.objects.values_list("source", flat=True)) == {f"registry.Household:{household.pk}"}
    assert _client(people["jutiapa"]).get(f"/derivaciones/hogares/{household.pk}/").status_code == 404
    assert f"/derivaciones/hogares/{household.pk}/" in zacapa.get(f"/hogares/{household.pk}/").content.decode()
