"""Mis Años Dorados: enrolment 60+, the shared roll, integral care by axis and table 18,
against hand-computed figures."""

import datetime as dt

import pytest
from django.test import Client

from tejido.common.errors import ApplicationError
from tejido.common.testing import make_person
from tejido.elderly import figures
from tejido.programs.services import enrolment_create, event_create, roll_call_save

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_only_people_60_or_older(people, elderly):
    younger = make_person(given_names="Joven", birth_date=dt.date(1970, 1, 1))
    with pytest.raises(ApplicationError, match="el programa atiende desde 60 años"):
        enrolment_create(person=younger, center=elderly["day_center"], program="elderly",
                         start=dt.date(2023, 2, 1), acting_user=people["central"])
    with pytest.raises(ApplicationError, match="no pertenece a este programa"):
        enrolment_create(person=younger, center=people["zacapa_cadi"], program="elderly",
                         start=dt.date(2023, 2, 1), acting_user=people["central"])


def test_table_18_by_department(people, elderly):
    table = figures.elderly_by_department(user=people["central"], start=YEAR[0], end=YEAR[1])
    assert [(r["department__name"], r["municipalities"], r["centers_elderly_day"],
             r["centers_elderly_residential"], r["male"], r["female"], r["people"]) for r in table["rows"]] == [
        ("Jutiapa", 1, 0, 1, 0, 1, 1), ("Zacapa", 1, 1, 0, 1, 1, 2)]
    assert table["total"]["people"] == 3 and table["total"]["centers_elderly_day"] == 1
    zacapa = figures.elderly_by_department(user=people["zacapa"], start=YEAR[0], end=YEAR[1])
    assert [r["department__name"] for r in zacapa["rows"]] == ["Zacapa"]


def test_care_by_axis_and_intergenerational_events(people, elderly):
    center = elderly["day_center"]

    def activity(kind, category, n, day=dt.date(2023, 5, 3)):
        event_create(program="elderly", kind=kind, category=category, topic="Actividad", audience="adultos_mayores",
                     date=day, municipality=center.municipality, center=center, unnamed_participants=n,
                     acting_user=people["zacapa"])

    activity("atencion", "salud", 20)
    activity("atencion", "salud", 15)
    activity("atencion", "ludico", 12)
    activity("intergeneracional", "", 40)
    care = figures.care_by_axis(user=people["central"], start=YEAR[0], end=YEAR[1])
    rows = {label: (n, reached) for label, n, reached in care["rows"]}
    assert rows["Salud"] == (2, 35) and rows["Lúdico"] == (1, 12) and rows["Cultural"] == (0, 0)
    assert (care["activities"], care["people"]) == (3, 47)
    assert (care["intergenerational"], care["intergenerational_people"]) == (1, 40)


def test_shared_pages_work_for_the_elderly_program(people, elderly):
    client = Client()
    client.force_login(people["zacapa"])
    assert "Centro Diurno Zacapa" in client.get("/adulto-mayor/").content.decode()
    assert "CAP Jutiapa" not in client.get("/adulto-mayor/").content.decode()
    roster = client.get(f"/adulto-mayor/centros/{elderly['day_center'].pk}/").content.decode()
    assert "Rosa" in roster and "Pedro" in roster and "2 personas inscritas" in roster
    assert client.get(f"/adulto-mayor/centros/{elderly['residence'].pk}/").status_code == 404
    assert client.get(f"/adulto-mayor/centros/{people['zacapa_cadi'].pk}/").status_code == 404  # not this program
    url = f"/adulto-mayor/centros/{elderly['day_center'].pk}/asistencia/"
    response = client.post(url, {"fecha": "2023-05-03", "presente": [str(elderly["enrol"]["rosa"].pk)]})
    assert response.status_code == 302
    search = client.get(f"/adulto-mayor/centros/{elderly['day_center'].pk}/buscar/?q=rosa").content.decode()
    assert "Elegir" in search
    bad = client.post("/adulto-mayor/actividades/", {"kind": "atencion", "category": "", "topic": "Caminata",
                                                      "date": "2023-05-03", "center": elderly["day_center"].pk,
                                                      "unnamed_participants": 10})
    assert "Elija el eje" in bad.content.decode()
    ok = client.post("/adulto-mayor/actividades/", {"kind": "atencion", "category": "fisico_recreativo",
                                                     "topic": "Caminata", "date": "2023-05-03",
                                                     "center": elderly["day_center"].pk, "unnamed_participants": 10})
    assert ok.status_code == 302
    html = client.get("/adulto-mayor/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Físico recreativo" in html and "Zacapa" in html


def test_roll_marks_are_kept_for_the_elderly(people, elderly):
    from tejido.programs.models import Attendance

    roll_call_save(center=elderly["day_center"], program="elderly", day=dt.date(2023, 5, 3),
                   present_ids={elderly["enrol"]["rosa"].pk}, acting_user=people["zacapa"])
    assert dict(Attendance.objects.values_list("enrolment__person__given_names", "present")) == {
        "Rosa": True, "Pedro": False}


def test_elderly_api_enrol_roll_and_figures(people, elderly):
    import json

    from tejido.accounts.models import ApiToken

    _token, key = ApiToken.issue(people["zacapa"], "pruebas")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    elder = make_person(given_names="Tomasa", birth_date=dt.date(1950, 1, 1))
    response = api.post("/api/v1/adulto-mayor/inscripciones", json.dumps(
        {"person_id": elder.pk, "center_id": elderly["day_center"].pk, "start": "2023-03-01"}),
        content_type="application/json")
    assert response.status_code == 201, response.content
    wrong_program = api.post("/api/v1/adulto-mayor/inscripciones", json.dumps(
        {"person_id": elder.pk, "center_id": people["zacapa_cadi"].pk, "start": "2023-03-01"}),
        content_type="application/json")
    assert wrong_program.status_code == 404
    body = {"center_id": elderly["day_center"].pk, "date": "2023-05-03",
            "present_enrolment_ids": [response.json()["id"]]}
    roll = api.post("/api/v1/adulto-mayor/asistencia", json.dumps(body), content_type="application/json")
    assert roll.status_code == 201 and roll.json() == {"roll_id": roll.json()["roll_id"], "marks": 3, "present": 1,
                                                       "version": roll.json()["version"]}
    assert roll.json()["version"]  # the day's list version, for If-Match on a correction
    assert api.get("/api/v1/adulto-mayor/inscripciones").json()["count"] == 3  # Rosa, Pedro, Tomasa (not Juana)
    body = api.get("/api/v1/adulto-mayor/cifras?desde=2023-01-01&hasta=2023-12-31").json()
    assert body["by_department"]["total"]["people"] == 3
    # the daycare API does not show elderly enrolments
    assert api.get("/api/v1/primera-infancia/inscripciones").json()["count"] == 0
