"""Returned migrant family units: the rules of a reception (all or nothing), scope by reception
and destination department, figures against hand-computed tables, the API and the pages."""

import datetime as dt
import json

import pytest
from django.test import Client

from tejido.accounts.models import ApiToken, Role
from tejido.common.errors import ApplicationError
from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person, make_user, valid_cui
from tejido.migrants import figures
from tejido.migrants.models import Reception
from tejido.migrants.services import MemberData, birth_date_from_age, reception_create, reception_refer
from tejido.programs.models import Referral
from tejido.programs.referrals import referral_decide
from tejido.registry.models import Person
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
GUATEMALA, MIXCO = 1, 108
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.fixture
def setting(people):
    fag = make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, FAG")
    tecun = make_center(1217, kind="migrant_reception", name="Centro de Recepción de Retornados, Tecún Umán")
    guate = make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[GUATEMALA])
    return {"fag": fag, "tecun": tecun, "guate": guate, **people}


def member(given, sex, *, age=None, birth=None, relationship="hijo", surname="Pérez"):
    return MemberData(given_names=given, first_surname=surname, sex=sex, age_years=age, birth_date=birth,
                      relationship=relationship)


def receive(user, center, day, destination, members, **extra):
    fields = {"arrival_mode": "aerea", "returned_from": "estados_unidos"} | extra
    return reception_create(acting_user=user, date=day, center=center,
                            destination_municipality=Municipality.objects.get(pk=destination), members=members,
                            **fields)


FAMILY_OF_FIVE = [member("Rosa Amelia", "F", age=34, relationship="jefe"), member("Juan", "M", age=36,
                  relationship="conyuge"), member("Ana", "F", age=12), member("Luis", "M", age=7),
                  member("Sofía", "F", birth=dt.date(2022, 6, 1))]


# --- rules -----------------------------------------------------------------------------------


def test_family_with_no_members_is_refused_and_nothing_saved(setting):
    with pytest.raises(ApplicationError, match="Registre al menos un integrante de la unidad familiar.") as error:
        receive(setting["guate"], setting["fag"], dt.date(2024, 3, 5), MIXCO, [])
    assert error.value.field == "members"
    assert Reception.all_objects.count() == 0


@pytest.mark.parametrize("bad, field, message", [
    (member("Pedro", "M", age=150), "members.1.age_years", "Edad no válida"),
    (member("Pedro", "M", age=-1), "members.1.age_years", "Edad no válida"),
    (member("Pedro", "M"), "members.1.age_years", "Escriba la edad en años o la fecha de nacimiento"),
    (member("Pedro", "M", birth=dt.date(2024, 5, 1)), "members.1.birth_date", "posterior a la recepción"),
    (member("Pedro", "M", age=3, birth=dt.date(2010, 1, 1)), "members.1.age_years", "no coincide"),
    (member("", "M", age=3), "members.1.given_names", "Escriba al menos un nombre"),
    (member("Pedro", "X", age=3), "members.1.sex", "Indique el sexo"),
    (member("Pedro", "M", age=3, relationship="jefe"), "members.1.relationship", "una sola persona"),
])
def test_bad_member_is_refused_with_its_row_and_nothing_saved(setting, bad, field, message):
    people_before = Person.all_objects.count()
    with pytest.raises(ApplicationError, match=message) as error:
        receive(setting["guate"], setting["fag"], dt.date(2024, 3, 5), MIXCO,
                [member("Rosa", "F", age=30, relationship="jefe"), bad])
    assert error.value.field == field
    assert Reception.all_objects.count() == 0 and Person.all_objects.count() == people_before


def test_a_registry_error_on_the_third_member_undoes_the_first_two(setting):
    taken = make_person(MIXCO, cui=valid_cui(MIXCO))
    people_before = Person.all_objects.count()
    third = member("Ana", "F", age=12)
    third.cui = taken.cui  # already registered: refused by the registry while saving
    with pytest.raises(ApplicationError, match="Ese CUI ya pertenece") as error:
        receive(setting["guate"], setting["fag"], dt.date(2024, 3, 5), MIXCO,
                [member("Rosa", "F", age=30, relationship="jefe"), member("Juan", "M", age=31), third])
    assert error.value.field == "members.2.cui"
    assert Reception.all_objects.count() == 0 and Person.all_objects.count() == people_before


def test_reception_rules(setting):
    day = dt.date(2024, 3, 5)
    with pytest.raises(ApplicationError, match="centro de recepción de migrantes"):
        receive(setting["central"], setting["zacapa_cadi"], day, MIXCO, FAMILY_OF_FIVE)
    with pytest.raises(ApplicationError, match="futuro"):
        receive(setting["central"], setting["fag"], dt.date.today() + dt.timedelta(days=2), MIXCO, FAMILY_OF_FIVE)
    with pytest.raises(ApplicationError, match="de qué país"):
        receive(setting["central"], setting["fag"], day, MIXCO, FAMILY_OF_FIVE, returned_from="otro")
    with pytest.raises(ApplicationError, match="otra causa"):
        receive(setting["central"], setting["fag"], day, MIXCO, FAMILY_OF_FIVE, vulnerabilities=["otro"])
    with pytest.raises(ApplicationError, match="fuera de su territorio"):  # Zacapa officer at a Guatemala center
        receive(setting["zacapa"], setting["fag"], day, ZACAPA_TOWN, FAMILY_OF_FIVE)
    with pytest.raises(ApplicationError, match="solo lectura"):
        receive(setting["auditor"], setting["fag"], day, MIXCO, FAMILY_OF_FIVE)
    assert Reception.all_objects.count() == 0


def test_identity_may_be_incomplete_age_gives_an_estimated_birth_date(setting):
    day = dt.date(2024, 3, 5)
    reception = receive(setting["guate"], setting["fag"], day, MIXCO, FAMILY_OF_FIVE,
                        care=["kit_higiene", "llamada"], vulnerabilities=["amenazas"])
    members = list(reception.members.select_related("person"))
    assert [(m.person.given_names, m.age_years, m.is_minor, m.person.birth_date_estimated) for m in members] == [
        ("Rosa Amelia", 34, False, True), ("Juan", 36, False, True), ("Ana", 12, True, True),
        ("Luis", 7, True, True), ("Sofía", 1, True, False)]
    assert all(m.person.age_on(day) == m.age_years for m in members)
    assert all(m.person.cui is None and m.person.municipality_id == MIXCO for m in members)
    assert members[0].is_head and reception.department_id == GUATEMALA
    assert sorted(reception.care.values_list("code", flat=True)) == ["kit_higiene", "llamada"]
    assert birth_date_from_age(0, day) < day and birth_date_from_age(10, dt.date(2024, 2, 29)).year == 2013


# --- scope -----------------------------------------------------------------------------------


def _zacapa_family(setting, day=dt.date(2024, 3, 5)):
    return receive(setting["central"], setting["fag"], day, ZACAPA_TOWN,
                   [member("Zoila", "F", age=30, relationship="jefe", surname="Zacapaneca"), member("Zoe", "F", age=4)])


def test_scope_reception_and_destination_departments(setting):
    family = _zacapa_family(setting)
    url = f"/migrantes/{family.pk}/"
    for who, sees in [("guate", True), ("zacapa", True), ("jutiapa", False), ("central", True)]:
        client = Client()
        client.force_login(setting[who])
        listing = client.get("/migrantes/?desde=2024-01-01&hasta=2024-12-31").content.decode()
        assert ("Zacapaneca" in listing) is sees, who
        assert client.get(url).status_code == (200 if sees else 404), who
    # the page logs who looked
    assert AccessEvent.objects.filter(model="migrants.Reception", object_id=str(family.pk)).exists()


def test_planner_sees_counts_but_no_names(setting):
    family = _zacapa_family(setting)
    client = Client()
    client.force_login(setting["planner"])
    home = client.get("/migrantes/?desde=2024-01-01&hasta=2024-12-31")
    assert home.status_code == 200
    html = home.content.decode()
    assert "Zacapaneca" not in html and "Zoila" not in html and "cifras agregadas" in html
    assert client.get(f"/migrantes/{family.pk}/").status_code == 403
    assert client.get("/migrantes/derivaciones/").status_code == 403
    figures_html = client.get("/migrantes/cifras/?desde=2024-01-01&hasta=2024-12-31").content.decode()
    assert "Zacapa" in figures_html and "Zoila" not in figures_html
    total = figures.families_and_people(user=setting["planner"], start=YEAR[0], end=YEAR[1])["total"]
    assert (total["families"], total["women"], total["minors"]) == (1, 1, 1)


def test_jutiapa_officer_cannot_see_or_refer_a_zacapa_family_by_api(setting):
    family = _zacapa_family(setting)
    _token, key = ApiToken.issue(setting["jutiapa"], "pruebas")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get(f"/api/v1/migrantes/recepciones/{family.pk}").status_code == 404
    assert api.get("/api/v1/migrantes/recepciones").json()["count"] == 0
    person_id = family.members.first().person_id
    body = {"person_id": person_id, "date": "2024-03-06", "reason": "Cuidado diario",
            "destination_program": "childcare"}
    response = api.post(f"/api/v1/migrantes/recepciones/{family.pk}/derivaciones", json.dumps(body),
                        content_type="application/json")
    assert response.status_code == 404
    _token, planner_key = ApiToken.issue(setting["planner"], "pruebas")
    planner = Client(HTTP_AUTHORIZATION=f"Bearer {planner_key}")
    assert planner.get("/api/v1/migrantes/recepciones").status_code == 403
    assert planner.get("/api/v1/migrantes/cifras?desde=2024-01-01&hasta=2024-12-31").json()["total"]["people"] == 2


# --- figures ---------------------------------------------------------------------------------


@pytest.fixture
def year_of_receptions(setting):
    """Hand-built 2024 (plus one family received in 2023, outside the period):

    R1 FAG → Zacapa:     man 35 (head), woman 30, girl 10, boy 17          care kit+llamada, amenazas
    R2 FAG → Jutiapa:    woman 25 (head), boy 2 (birth date), man exactly 18  care kit
    R3 Tecún → Zacapa:   man 40 (head), land from México                      care transporte
    R4 FAG → Zacapa in 2023: woman 20 (outside the period)"""
    central = setting["central"]
    r1 = receive(central, setting["fag"], dt.date(2024, 3, 5), ZACAPA_TOWN, [
        member("Mario", "M", age=35, relationship="jefe"), member("Marta", "F", age=30, relationship="conyuge"),
        member("Gaby", "F", age=10), member("Beto", "M", age=17)], care=["kit_higiene", "llamada"],
        vulnerabilities=["amenazas"])
    r2 = receive(central, setting["fag"], dt.date(2024, 4, 10), JUTIAPA_TOWN, [
        member("Julia", "F", age=25, relationship="jefe"), member("Nico", "M", birth=dt.date(2022, 1, 15)),
        member("Tono", "M", birth=dt.date(2006, 4, 10), relationship="hermano")], care=["kit_higiene"])
    r3 = receive(central, setting["tecun"], dt.date(2024, 5, 20), ZACAPA_TOWN, [
        member("Pablo", "M", age=40, relationship="jefe")], care=["transporte"], arrival_mode="terrestre",
        returned_from="mexico")
    receive(central, setting["fag"], dt.date(2023, 11, 1), ZACAPA_TOWN, [member("Eva", "F", age=20,
                                                                                 relationship="jefe")])
    return {"r1": r1, "r2": r2, "r3": r3}


def _table(result):
    return [(r["label"], r["families"], r["men"], r["women"], r["minors"], r["girls"], r["boys"], r["people"])
            for r in result["rows"]]


def test_figures_by_center_and_destination_hand_computed(setting, year_of_receptions):
    central = setting["central"]
    by_center = figures.families_and_people(user=central, start=YEAR[0], end=YEAR[1], by="center")
    assert _table(by_center) == [
        ("Centro de Recepción de Retornados, FAG", 2, 2, 2, 3, 1, 2, 7),
        ("Centro de Recepción de Retornados, Tecún Umán", 1, 1, 0, 0, 0, 0, 1)]
    assert by_center["total"] == {"families": 3, "men": 3, "women": 2, "minors": 3, "girls": 1, "boys": 2,
                                  "people": 8}
    by_destination = figures.families_and_people(user=central, start=YEAR[0], end=YEAR[1], by="destination")
    assert _table(by_destination) == [("Jutiapa", 1, 1, 1, 1, 0, 1, 3), ("Zacapa", 2, 2, 1, 2, 1, 1, 5)]
    care = {r["code"]: r["families"] for r in figures.care_given(user=central, start=YEAR[0], end=YEAR[1])}
    assert care == {"kit_higiene": 2, "llamada": 1, "transporte": 1, "alimentacion": 0, "medica": 0,
                    "psicosocial": 0}
    arrival = [(r["arrival_mode"], r["returned_from"], r["families"], r["people"])
               for r in figures.by_arrival(user=central, start=YEAR[0], end=YEAR[1])]
    assert arrival == [("aerea", "estados_unidos", 2, 7), ("terrestre", "mexico", 1, 1)]
    # a Zacapa officer counts the families destined to Zacapa; Guatemala's those received there
    zacapa = figures.families_and_people(user=setting["zacapa"], start=YEAR[0], end=YEAR[1])["total"]
    assert (zacapa["families"], zacapa["people"]) == (2, 5)
    guate = figures.families_and_people(user=setting["guate"], start=YEAR[0], end=YEAR[1])["total"]
    assert (guate["families"], guate["people"]) == (2, 7)


def test_referrals_by_destination_hand_computed(setting, year_of_receptions):
    central, r1, r2 = setting["central"], year_of_receptions["r1"], year_of_receptions["r2"]
    m1 = {m.person.given_names: m for m in r1.members.select_related("person")}
    m2 = {m.person.given_names: m for m in r2.members.select_related("person")}
    day = dt.date(2024, 4, 20)
    gaby = reception_refer(reception=r1, member=m1["Gaby"], date=day, reason="CADI", acting_user=central,
                           destination_program="childcare")
    marta = reception_refer(reception=r1, member=m1["Marta"], date=day, reason="Formación", acting_user=central,
                            destination_program="women")
    reception_refer(reception=r2, member=m2["Nico"], date=day, reason="Protección", acting_user=central,
                    destination_institution="Refugio de la Niñez")
    referral_decide(referral=gaby, accepted=True, date=day, acting_user=central)
    referral_decide(referral=marta, accepted=False, date=day, reason="Sin grupo cercano", acting_user=central)
    result = figures.referrals(user=central, start=YEAR[0], end=YEAR[1])
    assert [(r["destination"], r["total"], r["accepted"], r["rejected"], r["pending"]) for r in result["rows"]] == [
        ("Refugio de la Niñez", 1, 0, 0, 1), ("Hogares Comunitarios", 1, 1, 0, 0),
        ("Mejoramiento Socioeconómico de la Mujer", 1, 0, 1, 0)]
    assert result["total"] == {"total": 3, "accepted": 1, "rejected": 1, "pending": 1}
    # followed up where the family lives: Zacapa sees two, Jutiapa one
    assert figures.referrals(user=setting["zacapa"], start=YEAR[0], end=YEAR[1])["total"]["total"] == 2
    assert figures.referrals(user=setting["jutiapa"], start=YEAR[0], end=YEAR[1])["total"]["total"] == 1
    with pytest.raises(ApplicationError, match="anterior a la recepción"):
        reception_refer(reception=r1, member=m1["Beto"], date=dt.date(2024, 1, 1), reason="x", acting_user=central,
                        destination_program="childcare")
    with pytest.raises(ApplicationError, match="no pertenece"):
        reception_refer(reception=r1, member=m2["Julia"], date=day, reason="x", acting_user=central,
                        destination_program="women")


# --- API -------------------------------------------------------------------------------------


def test_api_create_list_get_refer_decide_follow_up_and_figures(setting):
    _token, key = ApiToken.issue(setting["guate"], "pruebas")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = {"date": "2024-03-05", "center_id": setting["fag"].pk, "arrival_mode": "aerea",
            "returned_from": "estados_unidos", "destination_municipality_id": MIXCO, "care": ["kit_higiene"],
            "members": [{"given_names": "Rosa", "first_surname": "Pérez", "sex": "F", "age_years": 30,
                         "relationship": "jefe"},
                        {"given_names": "Tito", "first_surname": "Pérez", "sex": "M", "age_years": 150}]}
    bad = api.post("/api/v1/migrantes/recepciones", json.dumps(body), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "members.1.age_years"
    assert Reception.all_objects.count() == 0
    body["members"][1]["age_years"] = 6
    created = api.post("/api/v1/migrantes/recepciones", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert [(m["full_name"], m["minor"]) for m in data["members"]] == [("Rosa Pérez", False), ("Tito Pérez", True)]
    assert data["care"] == ["kit_higiene"] and data["destination_department_id"] == GUATEMALA
    assert api.get("/api/v1/migrantes/recepciones").json()["count"] == 1
    assert api.get(f"/api/v1/migrantes/recepciones/{data['id']}").json()["id"] == data["id"]
    empty = dict(body, members=[])
    assert api.post("/api/v1/migrantes/recepciones", json.dumps(empty),
                    content_type="application/json").json()["detail"] == (
        "Registre al menos un integrante de la unidad familiar.")
    tito = data["members"][1]["person_id"]
    referral = api.post(f"/api/v1/migrantes/recepciones/{data['id']}/derivaciones", json.dumps(
        {"person_id": tito, "date": "2024-03-06", "reason": "Cuidado diario", "destination_program": "childcare"}),
        content_type="application/json")
    assert referral.status_code == 201, referral.content
    referral_id = referral.json()["id"]
    assert referral.json()["reception_id"] == data["id"]
    refused = api.post(f"/api/v1/migrantes/derivaciones/{referral_id}/respuesta", json.dumps(
        {"accepted": False, "date": "2024-03-10"}), content_type="application/json")
    assert refused.status_code == 400 and "motivo del rechazo" in refused.json()["detail"]
    accepted = api.post(f"/api/v1/migrantes/derivaciones/{referral_id}/respuesta", json.dumps(
        {"accepted": True, "date": "2024-03-10"}), content_type="application/json")
    assert accepted.json()["status"] == "aceptada"
    visit = api.post(f"/api/v1/migrantes/derivaciones/{referral_id}/seguimientos", json.dumps(
        {"date": "2024-03-20", "notes": "Asiste al CADI"}), content_type="application/json")
    assert visit.status_code == 201
    assert api.get("/api/v1/migrantes/derivaciones").json()["count"] == 1
    cifras = api.get("/api/v1/migrantes/cifras?desde=2024-01-01&hasta=2024-12-31").json()
    assert cifras["total"]["families"] == 1 and cifras["total"]["minors"] == 1
    assert cifras["referrals"]["total"]["accepted"] == 1
    assert cifras["by_destination"]["rows"][0]["label"] == "Guatemala"


# --- pages -----------------------------------------------------------------------------------


def _post_data(setting, rows, **extra):
    data = {"date": "2024-03-05", "center": setting["fag"].pk, "arrival_mode": "aerea",
            "returned_from": "mexico", "destination_municipality": MIXCO, "care": ["kit_higiene", "transporte"],
            "m-TOTAL_FORMS": "6", "m-INITIAL_FORMS": "6", "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "30"}
    for i in range(6):
        row = rows[i] if i < len(rows) else {}
        data[f"m-{i}-relationship"] = row.get("relationship", "jefe" if i == 0 else "hijo")
        for name in ("given_names", "first_surname", "second_surname", "sex", "age_years", "birth_date"):
            data[f"m-{i}-{name}"] = row.get(name, "")
    return data | extra


def test_fast_entry_page(setting):
    client = Client()
    client.force_login(setting["guate"])
    page = client.get("/migrantes/nueva/").content.decode()
    assert page.count('name="m-5-given_names"') == 1 and 'name="m-6-given_names"' not in page
    nobody = client.post("/migrantes/nueva/", _post_data(setting, []))
    assert "Registre al menos un integrante de la unidad familiar." in nobody.content.decode()
    rows = [{"given_names": "Rosa", "first_surname": "Caal", "sex": "F", "age_years": "30"},
            {"given_names": "Tito", "first_surname": "Caal", "sex": "M", "age_years": "abc"},
            {"given_names": "Ana", "first_surname": "", "sex": "F", "age_years": "4"}]
    bad = client.post("/migrantes/nueva/", _post_data(setting, rows)).content.decode()
    assert "Escriba la edad en años (número entero)." in bad and "Escriba el primer apellido." in bad
    assert "No se guardó nada" in bad and Reception.all_objects.count() == 0
    rows[1]["age_years"], rows[2]["first_surname"] = "150", "Caal"
    too_old = client.post("/migrantes/nueva/", _post_data(setting, rows)).content.decode()
    assert "Edad no válida" in too_old and Reception.all_objects.count() == 0
    more = client.post("/migrantes/nueva/", _post_data(setting, rows, agregar="1")).content.decode()
    assert 'name="m-6-given_names"' in more and Reception.all_objects.count() == 0
    rows[1]["age_years"] = "6"
    ok = client.post("/migrantes/nueva/", _post_data(setting, rows))
    assert ok.status_code == 302
    reception = Reception.objects.get()
    assert reception.members.count() == 3
    detail = client.get(ok["Location"]).content.decode()
    assert "Rosa Caal" in detail and "Kit de higiene" in detail
    # referral from the page, then answer and follow-up
    tito = reception.members.get(person__given_names="Tito")
    response = client.post(ok["Location"], {"member": tito.pk, "destination": "programa:childcare",
                                            "reason": "Cuidado diario", "date": "2024-03-06"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.source == f"migrants.Reception:{reception.pk}"
    listing = client.get("/migrantes/derivaciones/?desde=2024-01-01&hasta=2024-12-31").content.decode()
    assert "Tito Caal" in listing and "Pendiente" in listing
    url = f"/migrantes/derivaciones/{referral.pk}/"
    refused = client.post(url, {"responder": "1", "accepted": "no", "decided_on": "2024-03-08"}).content.decode()
    assert "motivo del rechazo" in refused
    client.post(url, {"responder": "1", "accepted": "no", "decided_on": "2024-03-08",
                      "decision_reason": "Sin cupo"})
    client.post(url, {"seguimiento": "1", "date": "2024-03-20", "kind": "visita", "notes": "Familia en casa"})
    referral.refresh_from_db()
    assert referral.status == "rechazada" and referral.follow_ups.count() == 1
    assert "Familia en casa" in client.get(url).content.decode()


def test_officer_without_reception_centers_cannot_open_fast_entry(setting):
    client = Client()
    client.force_login(setting["zacapa"])
    assert client.get("/migrantes/nueva/").status_code == 404


def test_demo_loader_small(setting):
    import random

    from tejido.demo.migrants import load_migrants_demo

    admin = setting["admin"]
    made = load_migrants_demo(admin, random.Random(5), families=6)
    assert made == 6 and Reception.objects.count() == 6
    assert load_migrants_demo(admin, random.Random(5), families=6) == 0


def test_departmental_officer_and_a_destination_outside_their_departments(setting):
    """An officer of the reception center's department registers a family going to Zacapa: the
    members live in Zacapa and are registered at the reception center (the registry admits people
    registered at a center of the officer's territory)."""
    reception = receive(setting["guate"], setting["fag"], dt.date(2024, 3, 5), ZACAPA_TOWN, FAMILY_OF_FIVE)
    assert reception.destination_department_id == 19
    assert set(reception.members.values_list("person__department_id", flat=True)) == {19}
    assert set(reception.members.values_list("person__registered_center_id", flat=True)) == {setting["fag"].pk}
