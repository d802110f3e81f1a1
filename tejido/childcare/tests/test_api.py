import datetime as dt
import json

import pytest

from tejido.common.testing import api_client_for as _api
from tejido.common.testing import make_person

pytestmark = pytest.mark.django_db



def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_enrol_roll_screen_and_figures_through_the_api(people):
    api = _api(people["zacapa"])
    child = make_person(given_names="Mateo", sex="M", birth_date=dt.date(2021, 3, 1))
    cadi = people["zacapa_cadi"].pk
    response = _post(api, "/api/v1/primera-infancia/inscripciones",
                     {"person_id": child.pk, "center_id": cadi, "start": "2022-01-10", "attended_by_teacher": True})
    assert response.status_code == 201, response.content
    enrolment_id = response.json()["id"]
    again = _post(api, "/api/v1/primera-infancia/inscripciones",
                  {"person_id": child.pk, "center_id": cadi, "start": "2022-02-10"})
    assert again.status_code == 400 and "ya está inscrit" in again.json()["detail"]

    roll = _post(api, "/api/v1/primera-infancia/asistencia",
                 {"center_id": cadi, "date": "2022-03-01", "present_enrolment_ids": [enrolment_id]})
    assert roll.status_code == 201 and roll.json()["present"] == 1

    screening = _post(api, "/api/v1/primera-infancia/tamizajes",
                      {"enrolment_id": enrolment_id, "measured_on": "2022-03-01", "weight_kg": "6.4",
                       "height_cm": "69.0", "measured": "L"})
    assert screening.status_code == 201, screening.content
    body = screening.json()
    assert body["acute_class"] == "dpc_severa" and body["zwfh"] < -3 and body["reference"] == "who2006"
    bad = _post(api, "/api/v1/primera-infancia/tamizajes",
                {"enrolment_id": enrolment_id, "measured_on": "2022-03-01", "weight_kg": "400"})
    assert bad.status_code in (400, 422)

    figures = api.get("/api/v1/primera-infancia/cifras?desde=2022-01-01&hasta=2022-12-31").json()
    assert figures["children_by_department"]["total"]["children"] == 1
    assert figures["nutrition_status"]["tables"][0]["total"] == 1


def test_childcare_api_respects_scope(people):
    child = make_person(given_names="Lejana", birth_date=dt.date(2021, 3, 1))
    zacapa = _api(people["zacapa"])
    response = _post(zacapa, "/api/v1/primera-infancia/inscripciones",
                     {"person_id": child.pk, "center_id": people["zacapa_cadi"].pk, "start": "2022-01-10"})
    enrolment_id = response.json()["id"]
    jutiapa = _api(people["jutiapa"])
    assert jutiapa.get("/api/v1/primera-infancia/inscripciones").json()["count"] == 0
    assert _post(jutiapa, f"/api/v1/primera-infancia/inscripciones/{enrolment_id}/egreso",
                 {"end": "2022-06-30", "exit_reason": "traslado"}).status_code == 404
    assert _post(jutiapa, "/api/v1/primera-infancia/tamizajes",
                 {"enrolment_id": enrolment_id, "measured_on": "2022-03-01", "weight_kg": "9"}).status_code == 404
    planner = _api(people["planner"])
    assert planner.get("/api/v1/primera-infancia/tamizajes").json()["count"] == 0
    assert planner.get("/api/v1/primera-infancia/cifras?desde=2022-01-01&hasta=2022-12-31").json()[
        "children_by_department"]["total"]["children"] == 1
