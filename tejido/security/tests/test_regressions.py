"""One test per 500 found by the matrix or the fuzzer (each was a real bug)."""

import pytest

from tejido.common.testing import api_client_for, make_center

pytestmark = pytest.mark.django_db


def test_export_of_a_list_without_per_record_form_is_404_not_500(people):
    center = make_center()
    client = api_client_for(people["central"])
    assert client.get(f"/api/v1/exportaciones/personas/{center.pk}").status_code == 404
    assert client.get(f"/api/v1/exportaciones/personas/{center.pk}/X1").status_code == 404
    # and the other way round: a per-center list asked for without its center
    assert client.get("/api/v1/exportaciones/inscripciones-childcare").status_code == 404
    assert client.get(f"/api/v1/exportaciones/inscripciones-childcare/{center.pk}").status_code == 200


def test_id_beyond_64_bits_is_4xx_not_500(people):
    """Found by schemathesis: SQLite raised OverflowError for /jornadas/<huge id>/entregas. Since the
    API's ids are bounded (tejido/api/types.py), such an id is refused as malformed (422) before any
    query; one in range that names nothing is still 404."""
    from tejido.common.testing import post_json

    client = api_client_for(people["central"])
    huge = 60419790065872010215424
    response = post_json(client, f"/api/v1/servicio-social/jornadas/{huge}/entregas", {"product": "X", "quantity": 1})
    assert response.status_code == 422
    assert response.json()["field"] == "event_id"
    assert client.get(f"/api/v1/personas/{huge}").status_code == 422
    assert client.get(f"/api/v1/personas/{2**63 - 1}").status_code == 404


def test_plan_of_an_impossible_year_is_4xx_not_500(people):
    """Found by schemathesis: dt.date(year, 1, 1) overflowed for a huge year."""
    client = api_client_for(people["planner"])
    assert client.get("/api/v1/planificacion/planes/60419790065872010215424").status_code == 422  # bounded type
    assert client.get("/api/v1/planificacion/planes/2147483647").status_code == 404
    assert client.get("/api/v1/planificacion/planes/10000").status_code == 404


@pytest.mark.parametrize("opens_at", ["08:00:00+02:00", "08:00Z", "08:00:00-06:00"])
def test_opening_hour_with_a_time_zone_is_422_in_spanish_not_500(people, opens_at):
    """Found by an outside test: a zone offset reached the database (SQLite refuses aware times;
    comparing it with a naive closing hour raised TypeError). Opening hours are Guatemala's wall
    clock: an offset is refused (converting would store an hour nobody typed)."""
    from tejido.centers.models import Center
    from tejido.common.testing import ZACAPA_TOWN, post_json

    client = api_client_for(people["zacapa"])
    response = post_json(client, "/api/v1/centros", {"name": "CADI Horario", "kind": "cadi",
                                                     "municipality_id": ZACAPA_TOWN, "opens_at": opens_at,
                                                     "closes_at": "16:00"})
    assert response.status_code == 422
    assert response.json()["field"] == "opens_at"
    assert "sin zona horaria" in response.json()["detail"]
    assert not Center.objects.filter(name="CADI Horario").exists()
    # the same hour without an offset is accepted
    response = post_json(client, "/api/v1/centros", {"name": "CADI Horario", "kind": "cadi",
                                                     "municipality_id": ZACAPA_TOWN, "opens_at": opens_at[:5],
                                                     "closes_at": "16:00"})
    assert response.status_code == 201, response.content


def test_history_of_a_person_without_history_rows_is_200_not_500(people):
    """Found by an outside test: /historial/persona/<id>/ of a bulk-imported person (created before
    imports wrote history rows) was a 500 (zip(strict=True) of an empty history)."""
    import datetime as dt

    from tejido.common.testing import client_for
    from tejido.registry.models import Person
    from tejido.territory.models import Municipality

    town = Municipality.objects.get(pk=1901)
    [person] = Person.objects.bulk_create([Person(given_names="Sin", first_surname="Historia", sex="F",
                                                  birth_date=dt.date(1990, 1, 1), municipality=town,
                                                  department_id=town.department_id, search_name="sin historia")])
    assert not person.history.exists()
    response = client_for(people["auditor"]).get(f"/historial/persona/{person.pk}/")
    assert response.status_code == 200
    assert "Sin Historia" in response.content.decode()
