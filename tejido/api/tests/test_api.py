import json

import pytest
from django.test import Client
from django.utils import timezone

from tejido.accounts.models import ApiToken
from tejido.common.testing import ZACAPA_TOWN, make_household, make_person, valid_cui
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(people):
    _token, key = ApiToken.issue(people["zacapa"], "pruebas")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def _person(**overrides):
    body = {"given_names": "Cristóbal", "first_surname": "Ical", "second_surname": "Pop", "sex": "M",
            "birth_date": "2019-04-02", "pueblo": "maya", "language_community": "qeqchi",
            "municipality_id": ZACAPA_TOWN}
    body.update(overrides)
    return body


def test_openapi_schema_and_docs_are_served(api):
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Tejido API"
    assert "/api/v1/personas" in schema["paths"] and "/api/v1/hogares" in schema["paths"]
    assert "/api/v1/centros" in schema["paths"] and "/api/v1/territorio/municipios" in schema["paths"]
    assert Client().get("/api/v1/docs").status_code == 200


def test_no_token_or_revoked_token_is_refused(people):
    assert Client().get("/api/v1/personas").status_code == 401
    token, key = ApiToken.issue(people["zacapa"], "x")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/personas").status_code == 200
    token.revoked_at = timezone.now()
    token.save()
    response = client.get("/api/v1/personas")
    assert response.status_code == 401 and "token" in response.json()["detail"]


def test_only_the_hash_of_a_token_is_stored(people):
    token, key = ApiToken.issue(people["zacapa"], "x")
    assert key not in token.key_hash and token.key_hash == ApiToken.hash_key(key)


def test_create_person_and_read_it_back(api):
    response = _post(api, "/api/v1/personas", _person(cui=valid_cui()))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["department_id"] == 19 and body["given_names"] == "Cristóbal"
    assert api.get(f"/api/v1/personas/{body['id']}").json()["first_surname"] == "Ical"


@pytest.mark.parametrize("overrides, status, field, text", [
    ({"cui": "1234567801901"}, 400, "cui", "dígito verificador"),
    ({"birth_date": "2999-01-01"}, 400, "birth_date", "futuro"),
    ({"municipality_id": 9999}, 400, "municipality_id", "Municipio desconocido"),
    ({"sex": "X"}, 422, "sex", "Valor no permitido"),
    ({"birth_date": "ayer"}, 422, "birth_date", "Fecha no válida"),
    ({"given_names": "x" * 81}, 422, "given_names", "demasiado largo"),
])
def test_bad_input_answers_in_spanish_naming_the_field(api, overrides, status, field, text):
    response = _post(api, "/api/v1/personas", _person(**overrides))
    assert response.status_code == status
    body = response.json()
    assert body["field"] == field and text in body["detail"]
    assert not Person.objects.filter(first_surname="Ical").exists()


def test_missing_field_is_named(api):
    body = _person()
    del body["first_surname"]
    response = _post(api, "/api/v1/personas", body)
    assert response.status_code == 422 and response.json()["field"] == "first_surname"


def test_pagination_and_filters(api):
    for i in range(7):
        make_person(given_names=f"Niña {i}", birth_date=timezone.localdate().replace(year=2021))
    make_person(given_names="Otra", first_surname="Distinta", municipality_id=1904)
    page = api.get("/api/v1/personas?page_size=5").json()
    assert page["count"] == 8 and len(page["items"]) == 5
    assert len(api.get("/api/v1/personas?page_size=5&page=2").json()["items"]) == 3
    assert api.get("/api/v1/personas?municipio=1904").json()["count"] == 1
    assert api.get("/api/v1/personas?q=nina").json()["count"] == 7
    assert api.get("/api/v1/personas?sexo=M").json()["count"] == 0
    today = timezone.localdate().isoformat()
    assert api.get(f"/api/v1/personas?registrado_desde={today}").json()["count"] == 8
    assert api.get("/api/v1/personas?registrado_hasta=2000-01-01").json()["count"] == 0


def test_patch_person_records_history(api, people):
    person = make_person()
    response = api.patch(f"/api/v1/personas/{person.pk}", json.dumps({"phone": "5555-1234"}),
                         content_type="application/json")
    assert response.status_code == 200 and response.json()["phone"] == "5555-1234"
    assert person.history.first().history_user == people["zacapa"]


def test_households_with_members(api):
    mother = make_person()
    response = _post(api, "/api/v1/hogares", {"name": "Familia Ical", "municipality_id": ZACAPA_TOWN})
    assert response.status_code == 201
    household_id = response.json()["id"]
    assert _post(api, f"/api/v1/hogares/{household_id}/miembros",
                 {"person_id": mother.pk, "relationship": "jefe"}).status_code == 201
    detail = api.get(f"/api/v1/hogares/{household_id}").json()
    assert detail["members"] == [{"person_id": mother.pk, "relationship": "jefe"}]
    assert api.get("/api/v1/hogares?q=ical").json()["count"] == 1
    other = make_household(name="Familia Vecina")
    assert api.get(f"/api/v1/hogares/{other.pk}").status_code == 200


def test_territory_endpoints(api):
    departments = api.get("/api/v1/territorio/departamentos").json()
    assert len(departments) == 22
    assert {d["name"]: d["municipality_count"] for d in departments}["Zacapa"] == 11
    assert len(api.get("/api/v1/territorio/municipios?departamento=19").json()) == 11


def test_centers_create_with_bad_dates(api):
    response = _post(api, "/api/v1/centros", {"name": "CADI Nuevo", "kind": "cadi", "municipality_id": ZACAPA_TOWN,
                                              "opens_at": "16:00", "closes_at": "08:00"})
    assert response.status_code == 400 and response.json()["field"] == "closes_at"
    response = _post(api, "/api/v1/centros", {"name": "CADI Nuevo", "kind": "cadi", "municipality_id": ZACAPA_TOWN,
                                              "code": "999-19", "opens_at": "08:00", "closes_at": "16:00"})
    assert response.status_code == 201
    assert api.get("/api/v1/centros?q=999-19").json()["count"] == 1


def test_counts_stop_at_the_cap(api, monkeypatch):
    from tejido.api import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    for i in range(5):
        make_person(given_names=f"Niño {i}")
    body = api.get("/api/v1/personas?page_size=2").json()
    assert body["count"] == 3 and body["count_capped"] is True and len(body["items"]) == 2
    assert api.get("/api/v1/personas?page_size=2&page=3").json()["items"][0]["given_names"].startswith("Niño")
    assert api.get("/api/v1/personas?page_size=500").status_code == 422
