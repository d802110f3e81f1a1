"""Scope: every role tries to read, change, export and count records of another department
through pages, the API and exports. Missing and forbidden records answer the same."""

import json

import pytest
from django.test import Client

from tejido.accounts.models import ApiToken
from tejido.common.models import AccessEvent
from tejido.common.testing import (
    JUTIAPA_TOWN,
    ZACAPA_TOWN,
    make_household,
    make_person,
    verify_second_factor,
)
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):
    zacapa_child = make_person(ZACAPA_TOWN, given_names="Zoila", first_surname="Zacapeña",
                               registered_center=people["zacapa_cadi"])
    zacapa_adult = make_person(ZACAPA_TOWN, given_names="Zenón", first_surname="Zacapeño", sex="M")
    jutiapa_child = make_person(JUTIAPA_TOWN, given_names="Julia", first_surname="Jutiapaneca",
                                registered_center=people["jutiapa_cadi"])
    return {
        "zacapa_child": zacapa_child, "zacapa_adult": zacapa_adult, "jutiapa_child": jutiapa_child,
        "jutiapa_household": make_household(JUTIAPA_TOWN, [(jutiapa_child, "hijo")], name="Familia Jutiapaneca"),
        "zacapa_household": make_household(ZACAPA_TOWN, [(zacapa_child, "hijo")], name="Familia Zacapeña"),
    }


def _client(people, who):
    client = Client()
    if who == "admin":
        verify_second_factor(client, people[who])
    else:
        client.force_login(people[who])
    return client


def _api(people, who):
    _token, key = ApiToken.issue(people[who], "prueba")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


# --- A departmental officer of Zacapa against a Jutiapa child -------------------------------------


def test_officer_cannot_open_or_edit_another_departments_person_by_url(people, world):
    client = _client(people, "zacapa")
    target = world["jutiapa_child"].pk
    for url in [f"/personas/{target}/", f"/personas/{target}/modificar/", f"/personas/{target}/eliminar/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Julia" not in response.content.decode()
    response = client.post(f"/personas/{target}/modificar/", {"given_names": "Hackeada"})
    assert response.status_code == 404
    response = client.post(f"/personas/{target}/eliminar/", {"reason": "intento ajeno"})
    assert response.status_code == 404
    assert Person.objects.get(pk=target).given_names == "Julia"
    # a missing id answers exactly like a forbidden one: ids cannot be probed
    assert client.get("/personas/999999/").status_code == 404


def test_officer_lists_counts_and_exports_only_their_department(people, world):
    client = _client(people, "zacapa")
    page = client.get("/personas/").content.decode()
    assert "Zacapeña" in page and "Jutiapaneca" not in page
    assert "2 personas" in page
    page = client.get("/personas/?q=julia").content.decode()
    assert "0 personas" in page
    export = b"".join(client.get("/personas/exportar.csv").streaming_content).decode()
    assert "Zacapeña" in export and "Jutiapaneca" not in export
    assert client.get("/personas/?department=22").content.decode().count("Jutiapaneca") == 0
    households = client.get("/hogares/").content.decode()
    assert "Familia Zacapeña" in households and "Familia Jutiapaneca" not in households
    assert client.get(f"/hogares/{world['jutiapa_household'].pk}/").status_code == 404
    assert client.get(f"/centros/{people['jutiapa_cadi'].pk}/").status_code == 404
    centers_csv = b"".join(client.get("/centros/exportar.csv").streaming_content).decode()
    assert "CADI Zacapa" in centers_csv and "CADI Jutiapa" not in centers_csv


def test_officer_cannot_reach_another_department_through_the_api(people, world):
    api = _api(people, "zacapa")
    target = world["jutiapa_child"].pk
    assert api.get(f"/api/v1/personas/{target}").status_code == 404
    response = api.patch(f"/api/v1/personas/{target}", json.dumps({"given_names": "Hackeada"}),
                         content_type="application/json")
    assert response.status_code == 404
    assert Person.objects.get(pk=target).given_names == "Julia"
    listing = api.get("/api/v1/personas").json()
    assert listing["count"] == 2
    assert {p["first_surname"] for p in listing["items"]} == {"Zacapeña", "Zacapeño"}
    assert api.get("/api/v1/personas?departamento=22").json()["count"] == 0
    assert api.get(f"/api/v1/hogares/{world['jutiapa_household'].pk}").status_code == 404
    assert api.get(f"/api/v1/centros/{people['jutiapa_cadi'].pk}").status_code == 404
    assert api.get("/api/v1/centros").json()["count"] == 1
    # nor move a person of theirs into Jutiapa
    response = api.patch(f"/api/v1/personas/{world['zacapa_adult'].pk}",
                         json.dumps({"municipality_id": JUTIAPA_TOWN}), content_type="application/json")
    assert response.status_code == 400
    assert Person.objects.get(pk=world["zacapa_adult"].pk).municipality_id == ZACAPA_TOWN


def test_officer_cannot_add_a_foreign_person_to_their_household(people, world):
    client = _client(people, "zacapa")
    response = client.post(f"/hogares/{world['zacapa_household'].pk}/",
                           {"person_id": world["jutiapa_child"].pk, "relationship": "hijo"})
    assert "No existe una persona con ese número en su territorio" in response.content.decode()


# --- Center data-entry ------------------------------------------------------------------------------


def test_center_clerk_sees_only_people_registered_at_their_center(people, world):
    client = _client(people, "clerk")
    page = client.get("/personas/").content.decode()
    assert "Zacapeña" in page and "Zacapeño" not in page and "Jutiapaneca" not in page
    assert client.get(f"/personas/{world['zacapa_adult'].pk}/").status_code == 404
    assert client.get(f"/personas/{world['zacapa_child'].pk}/").status_code == 200
    api = _api(people, "clerk")
    assert api.get("/api/v1/personas").json()["count"] == 1
    assert api.get("/api/v1/hogares").json()["count"] == 0
    assert api.get("/api/v1/centros").json()["count"] == 1


# --- National roles -----------------------------------------------------------------------------------


def test_planner_sees_no_personal_data_anywhere(people, world):
    client = _client(people, "planner")
    assert client.get("/personas/").status_code == 403
    assert client.get(f"/personas/{world['zacapa_child'].pk}/").status_code == 403
    assert client.get("/personas/exportar.csv").status_code == 403
    assert client.get("/hogares/").status_code == 403
    api = _api(people, "planner")
    assert api.get("/api/v1/personas").json()["count"] == 0
    assert api.get(f"/api/v1/personas/{world['zacapa_child'].pk}").status_code == 404
    assert api.get("/api/v1/centros").json()["count"] == 2  # centers are not personal data


def test_auditor_reads_everything_but_changes_nothing(people, world):
    client = _client(people, "auditor")
    assert client.get(f"/personas/{world['jutiapa_child'].pk}/").status_code == 200
    assert client.get(f"/historial/persona/{world['jutiapa_child'].pk}/").status_code == 200
    assert client.get(f"/personas/{world['jutiapa_child'].pk}/modificar/").status_code == 403
    assert client.get("/personas/nueva/").status_code == 403
    api = _api(people, "auditor")
    assert api.get("/api/v1/personas").json()["count"] == 3
    response = api.post("/api/v1/personas", json.dumps({
        "given_names": "X", "first_surname": "Y", "sex": "F", "birth_date": "2000-01-01",
        "municipality_id": ZACAPA_TOWN}), content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Su rol es de solo lectura")


def test_central_staff_and_admin_see_the_whole_country(people, world):
    assert _api(people, "central").get("/api/v1/personas").json()["count"] == 3
    client = _client(people, "admin")
    assert client.get(f"/personas/{world['jutiapa_child'].pk}/").status_code == 200


def test_only_auditors_and_admins_read_history(people, world):
    for who in ("zacapa", "central", "clerk"):
        assert _client(people, who).get(f"/historial/persona/{world['zacapa_child'].pk}/").status_code == 403


def test_opening_a_record_is_logged(people, world):
    client = _client(people, "zacapa")
    client.get(f"/personas/{world['zacapa_child'].pk}/")
    _api(people, "zacapa").get(f"/api/v1/personas/{world['zacapa_adult'].pk}")
    client.get("/personas/exportar.csv")
    events = AccessEvent.objects.filter(user=people["zacapa"])
    assert events.filter(action="view", object_id=str(world["zacapa_child"].pk)).exists()
    assert events.filter(action="view", object_id=str(world["zacapa_adult"].pk)).exists()
    assert events.filter(action="export", model="registry.Person").exists()
