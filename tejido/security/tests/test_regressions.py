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


def test_id_beyond_64_bits_is_404_not_500(people):
    """Found by schemathesis: SQLite raised OverflowError for /jornadas/<huge id>/entregas."""
    from tejido.common.testing import post_json

    client = api_client_for(people["central"])
    huge = 60419790065872010215424
    response = post_json(client, f"/api/v1/servicio-social/jornadas/{huge}/entregas", {"product": "X", "quantity": 1})
    assert response.status_code == 404
    assert client.get(f"/api/v1/personas/{huge}").status_code == 404


def test_plan_of_an_impossible_year_is_404_not_500(people):
    """Found by schemathesis: dt.date(year, 1, 1) overflowed for a huge year."""
    client = api_client_for(people["planner"])
    assert client.get("/api/v1/planificacion/planes/60419790065872010215424").status_code == 404
    assert client.get("/api/v1/planificacion/planes/10000").status_code == 404
