"""Pages and API: the main path by HTTP, Spanish errors next to the field with nothing saved,
scope (a Jutiapa officer can neither see nor change a Zacapa shelter), planners count without names."""

import json

import pytest

from tejido.common.models import AccessEvent
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.registry.models import Person
from tejido.shelters.models import Shelter, Stay, Supply
from tejido.shelters.services import family_register

from .conftest import day, member

pytestmark = pytest.mark.django_db




def _post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def family(people, shelters):
    return family_register(shelter=shelters["school"], acting_user=people["zacapa"], check_in=day(3),
                           members=[member("Carla", "F", 30, "jefe", surname="Zacapaneca"), member("Beto", "M", 8)])


def test_open_register_supply_close_by_pages(people, shelters):
    client = _client(people["zacapa"])
    home = client.get("/albergues/?desde=" + day(0).isoformat())
    assert home.status_code == 200 and "Escuela Oficial Rural" in home.content.decode()
    assert "Salón comunal Jutiapa" not in home.content.decode()
    bad = client.post("/albergues/abrir/", {"event": "tormenta", "opened_on": day(1).isoformat(), "capacity": "",
                                            "name": "", "municipality": ""})
    assert "Escriba el nombre del lugar" in bad.content.decode() and Shelter.objects.count() == 3
    created = client.post("/albergues/abrir/", {"event": "otro", "event_other": "Deslave", "opened_on":
                                                day(1).isoformat(), "capacity": "3", "name": "Salón parroquial",
                                                "municipality": "1901"})
    shelter = Shelter.objects.get(name="Salón parroquial")
    assert created.status_code == 302 and created.url == f"/albergues/{shelter.pk}/"
    rows = {"m-TOTAL_FORMS": "3", "m-INITIAL_FORMS": "0", "check_in": day(2).isoformat(),
            "m-0-given_names": "Rosa", "m-0-first_surname": "Caal", "m-0-sex": "F", "m-0-age_years": "34",
            "m-0-relationship": "jefe", "m-1-given_names": "Luis", "m-1-first_surname": "Caal", "m-1-sex": "M",
            "m-1-age_years": "4", "m-1-relationship": "hijo",
            "m-2-given_names": "Ana", "m-2-first_surname": "Caal", "m-2-sex": "F", "m-2-age_years": "",
            "m-2-relationship": "hijo", "m-3-given_names": "Tito", "m-3-first_surname": "Caal", "m-3-sex": "M",
            "m-3-age_years": "9", "m-3-relationship": "hijo"}
    url = f"/albergues/{shelter.pk}/familia/"
    missing_age = client.post(url, rows)
    assert "Escriba la edad en años o la fecha de nacimiento." in missing_age.content.decode()
    rows["m-2-age_years"] = "12"
    rows["m-TOTAL_FORMS"] = "4"
    over = client.post(url, rows)
    html = over.content.decode()
    assert "tendría 4 personas" in html and "Confirmo que se supera la capacidad" in html
    assert not Stay.objects.filter(shelter=shelter).exists()
    rows["confirm_over_capacity"] = "on"
    assert client.post(url, rows).status_code == 302
    assert Stay.objects.filter(shelter=shelter).count() == 4
    detail = client.get(f"/albergues/{shelter.pk}/").content.decode()
    assert "Rosa Caal" in detail and "Deslave" in detail
    assert '>1</span></span>persona sobre la capacidad' in detail and ">-1<" not in detail  # not «-1 sobre…»
    assert AccessEvent.objects.filter(model="shelters.Shelter", object_id=str(shelter.pk)).exists()
    supply = client.post(f"/albergues/{shelter.pk}/insumos/", {"item": "kit_higiene", "quantity": "0",
                                                               "date": day(2).isoformat()})
    assert supply.status_code == 400 and "La cantidad debe ser al menos 1." in supply.content.decode()
    assert client.post(f"/albergues/{shelter.pk}/insumos/", {"item": "kit_higiene", "quantity": "4",
                                                             "date": day(2).isoformat()}).status_code == 302
    closing = client.post(f"/albergues/{shelter.pk}/cerrar/", {"closed_on": day(0).isoformat()})
    assert closing.status_code == 400
    assert "Un albergue no puede cerrarse antes de abrir" in closing.content.decode()
    shelter.refresh_from_db()
    assert shelter.closed_on is None
    assert client.post(f"/albergues/{shelter.pk}/cerrar/", {"closed_on": day(4).isoformat()}).status_code == 302
    assert set(Stay.objects.filter(shelter=shelter).values_list("check_out", flat=True)) == {day(4)}
    status = client.get(f"/albergues/{shelter.pk}/estado/?fecha={day(3).isoformat()}").content.decode()
    assert "Estado diario del albergue" in status and "Kit de higiene personal" in status
    assert "Rosa" not in status  # the printable status has counts only
    assert "Salón parroquial" in client.get("/albergues/cuadro/?desde=" + day(0).isoformat()).content.decode()
    assert "Zacapa" in client.get(f"/albergues/coe/?fecha={day(3).isoformat()}").content.decode()


def test_jutiapa_officer_cannot_see_or_change_a_zacapa_shelter(people, shelters, family):
    school = shelters["school"]
    client = _client(people["jutiapa"])
    assert "Escuela Oficial Rural" not in client.get("/albergues/?desde=" + day(0).isoformat()).content.decode()
    for url in (f"/albergues/{school.pk}/", f"/albergues/{school.pk}/estado/"):
        assert client.get(url).status_code == 404
    for url, data in ((f"/albergues/{school.pk}/familia/", {}), (f"/albergues/{school.pk}/cerrar/",
                                                                  {"closed_on": day(5).isoformat()}),
                      (f"/albergues/{school.pk}/insumos/", {"item": "frazada", "quantity": 1,
                                                             "date": day(5).isoformat()})):
        assert client.post(url, data).status_code == 404
    api = _api(people["jutiapa"])
    assert api.get(f"/api/v1/albergues/{school.pk}").status_code == 404
    assert api.get(f"/api/v1/albergues/{school.pk}/estado").status_code == 404
    assert [s["name"] for s in api.get("/api/v1/albergues/").json()["items"]] == ["Salón comunal Jutiapa"]
    body = {"check_in": day(5).isoformat(), "members": [{"given_names": "X", "first_surname": "Y", "sex": "F",
                                                         "age_years": 3}]}
    assert _post_json(api, f"/api/v1/albergues/{school.pk}/familias", body).status_code == 404
    assert _post_json(api, f"/api/v1/albergues/{school.pk}/cierre", {"closed_on": day(5).isoformat()}).status_code \
        == 404
    school.refresh_from_db()
    assert school.closed_on is None and Stay.objects.filter(shelter=school).count() == 2 and not Supply.objects.exists()


def test_planner_sees_counts_not_names(people, shelters, family):
    school = shelters["school"]
    client = _client(people["planner"])
    html = client.get(f"/albergues/{school.pk}/").content.decode()
    assert "Zacapaneca" not in html and "cifras agregadas" in html and "Escuela Oficial Rural" in html
    assert client.get(f"/albergues/{school.pk}/familia/").status_code == 403
    api = _api(people["planner"])
    detail = api.get(f"/api/v1/albergues/{school.pk}").json()
    assert detail["families"] is None and detail["name"] == "Escuela Oficial Rural"
    assert api.get(f"/api/v1/albergues/{school.pk}/estado?fecha={day(4).isoformat()}").json()["present"] == 2
    assert api.get(f"/api/v1/albergues/totales?fecha={day(4).isoformat()}").json()["total"]["persons"] == 2


def test_auditor_reads_but_cannot_open_or_close(people, shelters):
    client = _client(people["auditor"])
    assert client.get(f"/albergues/{shelters['school'].pk}/").status_code == 200
    assert client.get("/albergues/abrir/").status_code == 404
    assert client.post(f"/albergues/{shelters['school'].pk}/cerrar/",
                       {"closed_on": day(5).isoformat()}).status_code == 404


def test_api_main_path(people, territory):
    api = _api(people["zacapa"])
    bad = _post_json(api, "/api/v1/albergues/", {"event": "tormenta", "opened_on": day(1).isoformat(),
                                                 "capacity": 0, "municipality_id": 1901, "name": "Escuela"})
    assert bad.status_code == 400 and bad.json()["field"] == "capacity" and not Shelter.objects.exists()
    opened = _post_json(api, "/api/v1/albergues/", {"event": "erupcion", "opened_on": day(1).isoformat(),
                                                    "capacity": 20, "municipality_id": 1901, "name": "Escuela",
                                                    "address": "Zona 1"})
    assert opened.status_code == 201, opened.content
    pk = opened.json()["id"]
    body = {"check_in": day(2).isoformat(), "members": [
        {"given_names": "Rosa", "first_surname": "Caal", "sex": "F", "age_years": 34, "relationship": "jefe"},
        {"given_names": "Luis", "first_surname": "Caal", "sex": "M", "age_years": 4}]}
    family = _post_json(api, f"/api/v1/albergues/{pk}/familias", body)
    assert family.status_code == 201, family.content
    members = family.json()["members"]
    assert [(m["full_name"], m["age_years"]) for m in members] == [("Rosa Caal", 34), ("Luis Caal", 4)]
    assert Person.objects.get(pk=members[0]["person_id"]).birth_date_estimated is True
    supply = _post_json(api, f"/api/v1/albergues/{pk}/insumos", {"item": "colchoneta", "quantity": 2,
                                                                  "date": day(2).isoformat(),
                                                                  "family_id": family.json()["id"]})
    assert supply.status_code == 201
    out = _post_json(api, f"/api/v1/albergues/{pk}/salidas", {"stay_ids": [members[1]["stay_id"]],
                                                               "check_out": day(3).isoformat()})
    assert out.json()["checked_out"] == 1
    status = api.get(f"/api/v1/albergues/{pk}/estado?fecha={day(2).isoformat()}").json()
    assert (status["present"], status["families"], status["capacity_left"]) == (2, 1, 18)
    assert status["supplies"] == [{"item": "colchoneta", "label": "Colchoneta", "today": 2, "so_far": 2}]
    before = _post_json(api, f"/api/v1/albergues/{pk}/cierre", {"closed_on": day(0).isoformat()})
    assert before.status_code == 400 and before.json()["field"] == "closed_on"
    assert before.json()["detail"].startswith("Un albergue no puede cerrarse antes de abrir")
    closed = _post_json(api, f"/api/v1/albergues/{pk}/cierre", {"closed_on": day(4).isoformat()})
    assert closed.status_code == 200 and closed.json()["closed_on"] == day(4).isoformat()
    detail = api.get(f"/api/v1/albergues/{pk}").json()
    assert [m["check_out"] for m in detail["families"][0]["members"]] == [day(4).isoformat(), day(3).isoformat()]
    assert api.get("/api/v1/albergues/?estado=cerrado").json()["count"] == 1
