"""Issue 16 item 5: a person is searched for wherever one is asked for (scoped and logged), and
after registering a new person from an enrolment or request page the officer comes back to that
page with the person already chosen (?next= only to a path of this site)."""

import datetime as dt

import pytest

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, client_for, make_person
from tejido.registry.models import Person
from tejido.web.returning import with_person

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {"given_names": "Lucía Fernanda", "first_surname": "Pineda", "second_surname": "Oliva", "sex": "F",
            "birth_date": (dt.date.today() - dt.timedelta(days=3 * 365)).isoformat(), "pueblo": "ladino",
            "language_community": "espanol", "disability": "ninguna", "poverty_status": "pobreza",
            "municipality": str(ZACAPA_TOWN)}
    data.update(overrides)
    return data


@pytest.mark.parametrize("next_url", [
    "https://evil.example/primera-infancia/", "//evil.example/x", "http:/evil.example", "/\\evil.example",
    "javascript:alert(1)", "primera-infancia/centros/1/",
])
def test_a_next_that_is_not_a_path_of_this_site_is_ignored(people, next_url):
    officer = client_for(people["zacapa"])
    page = officer.get("/personas/nueva/", {"next": next_url}).content.decode()
    assert 'type="hidden" name="next"' not in page
    response = officer.post("/personas/nueva/", _form(next=next_url))
    person = Person.objects.get(first_surname="Pineda")
    assert response.status_code == 302 and response["Location"] == f"/personas/{person.pk}/"


def test_register_from_the_enrolment_page_comes_back_with_the_person_chosen(people):
    officer = client_for(people["zacapa"])
    center = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/"
    page = officer.get(center).content.decode()
    assert f'href="/personas/nueva/?next={center}"' in page
    form = officer.get("/personas/nueva/", {"next": center}).content.decode()
    assert f'type="hidden" name="next" value="{center}"' in form
    response = officer.post("/personas/nueva/", _form(next=center))
    person = Person.objects.get(first_surname="Pineda")
    assert response.status_code == 302 and response["Location"] == f"{center}?persona={person.pk}"
    back = officer.get(response["Location"]).content.decode()
    assert f'name="person_id" value="{person.pk}"' in back
    assert f"Persona elegida: Lucía Fernanda Pineda Oliva (n.º {person.pk})" in back
    # and the enrolment goes through with that number
    enrolled = officer.post(center, {"person_id": person.pk, "start": dt.date.today().isoformat(),
                                     "attended_by_teacher": "1"})
    assert enrolled.status_code == 302 and person.enrolments.count() == 1


def test_a_returned_number_outside_the_scope_preselects_nothing(people):
    stranger = make_person(JUTIAPA_TOWN, given_names="Secreta", first_surname="Ajena")
    officer = client_for(people["zacapa"])
    page = officer.get(f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/", {"persona": stranger.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Secreta" not in html and f'name="person_id" value="{stranger.pk}"' not in html
    assert "Persona elegida" not in html
    assert officer.get(f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/", {"persona": "x"}).status_code == 200


def test_the_support_request_comes_back_with_the_person_chosen(people):
    officer = client_for(people["zacapa"])
    page = officer.get("/servicio-social/solicitudes/nueva/").content.decode()
    assert 'href="/personas/nueva/?next=/servicio-social/solicitudes/nueva/"' in page
    response = officer.post("/personas/nueva/", _form(next="/servicio-social/solicitudes/nueva/",
                                                      birth_date="1980-01-01"))
    person = Person.objects.get(first_surname="Pineda")
    assert response["Location"] == f"/servicio-social/solicitudes/nueva/?persona={person.pk}"
    back = officer.get(response["Location"]).content.decode()
    assert f'name="person_id" value="{person.pk}"' in back


def test_with_person_replaces_an_earlier_choice_and_keeps_the_rest():
    assert with_person("/a/?fecha=2026-01-02&persona=3", 9) == "/a/?fecha=2026-01-02&persona=9"


@pytest.mark.parametrize("url", ["/primera-infancia/centros/{cadi}/buscar/?q={q}",
                                 "/servicio-social/buscar-persona/?q={q}"])
def test_person_search_shows_only_people_in_scope_and_is_logged(people, url):
    mine = make_person(ZACAPA_TOWN, given_names="Lucía", first_surname="Pineda",
                       birth_date=dt.date.today() - dt.timedelta(days=3 * 365))
    other = make_person(JUTIAPA_TOWN, given_names="Lucía", first_surname="Pineda",
                        birth_date=dt.date.today() - dt.timedelta(days=3 * 365))
    hidden = make_person(JUTIAPA_TOWN, given_names="Zoraida", first_surname="Quintanilla",
                         birth_date=dt.date.today() - dt.timedelta(days=3 * 365))
    officer = client_for(people["zacapa"])
    cadi = people["zacapa_cadi"].pk
    html = officer.get(url.format(cadi=cadi, q="lucia pineda")).content.decode()
    assert html.count("Elegir") == 1 and f'data-value="{mine.pk}"' in html and f'data-value="{other.pk}"' not in html
    event = AccessEvent.objects.filter(user=people["zacapa"], action=AccessEvent.Action.SEARCH).latest("pk")
    assert event.detail["shown"] == [mine.pk]
    # an out-of-scope name, a number or a CUI fragment: nothing
    for q in ("zoraida quintanilla", "quintanilla", str(hidden.pk)):
        html = officer.get(url.format(cadi=cadi, q=q)).content.decode()
        assert "Elegir" not in html and "Zoraida" not in html, q


@pytest.mark.parametrize("page", ["household", "caregivers"])
def test_other_pages_that_ask_for_a_person_search_and_come_back_with_the_person(people, page):
    from tejido.common.testing import make_household

    path = {"household": lambda: f"/hogares/{make_household().pk}/",
            "caregivers": lambda: f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/personal/"}[page]()
    officer = client_for(people["zacapa"])
    html = officer.get(path).content.decode()
    assert 'id="buscar-persona"' in html and f'href="/personas/nueva/?next={path}"' in html
    response = officer.post("/personas/nueva/", _form(next=path, birth_date="1980-01-01"))
    person = Person.objects.get(first_surname="Pineda")
    assert response["Location"] == f"{path}?persona={person.pk}"
    back = officer.get(response["Location"]).content.decode()
    assert f'name="person_id" value="{person.pk}"' in back and "Persona elegida" in back


def test_the_search_fills_the_field_named_and_nothing_else(people):
    make_person(ZACAPA_TOWN, given_names="Lucía", first_surname="Pineda")
    officer = client_for(people["zacapa"])
    html = officer.get("/servicio-social/buscar-persona/", {"q": "lucia", "campo": "id_person_id",
                                                              "foco": "id_relationship"}).content.decode()
    assert 'data-pick="id_person_id"' in html and 'data-focus="id_relationship"' in html
    html = officer.get("/servicio-social/buscar-persona/", {"q": "lucia", "campo": '"><script>x',
                                                              "foco": "a b"}).content.decode()
    assert 'data-pick="id_person_id"' in html and "data-focus" not in html and "<script>x" not in html


def test_a_center_clerk_registers_with_her_center_and_its_municipality_preset(people):
    import re

    html = client_for(people["clerk"]).get("/personas/nueva/").content.decode()
    center = re.search(r'<select name="registered_center".*?</select>', html, re.S).group(0)
    municipality = re.search(r'<select name="municipality".*?</select>', html, re.S).group(0)
    assert f'<option value="{people["zacapa_cadi"].pk}" selected>' in center
    assert f'<option value="{ZACAPA_TOWN}" selected>' in municipality
    # a departmental officer picks among her own municipalities, nothing preset
    html = client_for(people["zacapa"]).get("/personas/nueva/").content.decode()
    selected = re.findall(r'<option value="(\d*)" selected>', re.search(r'<select name="municipality".*?</select>',
                                                                         html, re.S).group(0))
    assert selected == [""]


def test_the_teacher_post_has_its_own_search_and_comes_back_with_the_teacher_chosen(people):
    """The CADI staff page asks for two people (caregiver, teacher): each field has its own search, and
    a teacher registered from the teacher's «Registrar persona» comes back in the teacher field."""
    path = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/personal/"
    officer = client_for(people["zacapa"])
    html = officer.get(path).content.decode()
    assert 'id="buscar-persona"' in html and 'id="buscar-persona-docente"' in html
    assert 'hx-target="#resultados-persona-docente"' in html and "campo=docente_teacher_id" in html
    assert html.count('id="id_start"') == 1 and 'id="docente_start"' in html  # one id per field
    back_to = f"{path}?para=docente"
    assert f'href="/personas/nueva/?next={path}%3Fpara%3Ddocente"' in html
    response = officer.post("/personas/nueva/", _form(next=back_to, birth_date="1990-01-01"))
    teacher = Person.objects.get(first_surname="Pineda")
    assert response["Location"] == f"{back_to}&persona={teacher.pk}"
    back = officer.get(response["Location"]).content.decode()
    assert f'name="teacher_id" value="{teacher.pk}"' in back and f'name="person_id" value="{teacher.pk}"' not in back
    saved = officer.post(path, {"form": "teacher", "source": "mineduc_sosep", "teacher_id": teacher.pk,
                                "start": "2026-01-05"})
    assert saved.status_code == 302
    assert people["zacapa_cadi"].teacher_posts.get().teacher == teacher
