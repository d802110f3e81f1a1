"""New registrations warn about likely existing people before saving."""

import datetime as dt

import pytest
from django.urls import reverse

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, api_client_for, client_for, make_person, post_json
from tejido.dedup.matches import likely_matches
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db

FORM = {"given_names": "Maria Jose", "first_surname": "Caal", "second_surname": "Perez", "sex": "F",
        "birth_date": "1990-05-18", "municipality": ZACAPA_TOWN, "pueblo": "no_indica",
        "language_community": "no_indica", "disability": "no_indica", "poverty_status": "sin_estudio"}


@pytest.fixture
def maria(territory):
    return make_person(ZACAPA_TOWN, given_names="María José", first_surname="Pérez", second_surname="Caal",
                       birth_date=dt.date(1990, 5, 17))


def _match(user, **fields):
    data = {"given_names": "Maria Jose", "first_surname": "Caal", "second_surname": "Perez",
            "birth_date": dt.date(1990, 5, 18), "sex": "F", "municipality": ZACAPA_TOWN, **fields}
    return likely_matches(user=user, **data)


def test_scorer_finds_accents_swapped_surnames_and_a_day_off(maria, people):
    (match,) = _match(people["zacapa"])
    assert match.person == maria
    # names 3 + surnames in other order 3 + birth within a month 2 + same municipality 1
    assert match.score == 9
    assert "apellidos en otro orden" in match.reasons


def test_scorer_leaves_out_twins_and_other_years_and_other_scope(maria, people):
    assert _match(people["zacapa"], given_names="Ana Lucía", birth_date=maria.birth_date) == []
    assert _match(people["zacapa"], birth_date=dt.date(1992, 5, 17)) == []
    assert _match(people["jutiapa"]) == []  # Maria lives in Zacapa: not listed to Jutiapa


def test_form_warns_then_saves_only_with_confirmation(maria, people):
    client = client_for(people["zacapa"])
    page = client.post(reverse("person_create"), FORM)
    assert page.status_code == 200 and Person.objects.count() == 1
    html = page.content.decode()
    assert "¿Ya está registrada?" in html and f"#{maria.pk}" in html
    assert "Es una persona distinta, registrar de todos modos" in html
    saved = client.post(reverse("person_create"), {**FORM, "es_distinta": "1"})
    assert saved.status_code == 302 and Person.objects.count() == 2


def test_form_without_matches_saves_at_once(maria, people):
    client = client_for(people["zacapa"])
    saved = client.post(reverse("person_create"), {**FORM, "given_names": "Lucía", "first_surname": "Tzoc"})
    assert saved.status_code == 302 and Person.objects.count() == 2


def test_api_answers_409_with_the_matches_until_confirmed(maria, people):
    api = api_client_for(people["zacapa"])
    payload = {"given_names": "Maria Jose", "first_surname": "Caal", "second_surname": "Perez", "sex": "F",
               "birth_date": "1990-05-18", "municipality_id": ZACAPA_TOWN}
    warned = post_json(api, "/api/v1/personas", payload)
    assert warned.status_code == 409
    assert warned.json()["field"] == "confirm_distinct"
    assert [m["id"] for m in warned.json()["matches"]] == [maria.pk]
    assert Person.objects.count() == 1
    assert post_json(api, "/api/v1/personas", {**payload, "confirm_distinct": True}).status_code == 201


def test_api_does_not_reveal_people_outside_scope(maria, people):
    api = api_client_for(people["jutiapa"])
    payload = {"given_names": "Maria Jose", "first_surname": "Caal", "second_surname": "Perez", "sex": "F",
               "birth_date": "1990-05-18", "municipality_id": JUTIAPA_TOWN}
    assert post_json(api, "/api/v1/personas", payload).status_code == 201
