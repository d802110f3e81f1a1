import datetime as dt

import pytest
from django.test import Client

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person, valid_cui
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {"given_names": "Rosa Amalia", "first_surname": "Ortiz", "second_surname": "Lemus", "sex": "F",
            "birth_date": "1985-07-21", "pueblo": "ladino", "language_community": "espanol",
            "disability": "ninguna", "poverty_status": "pobreza", "municipality": str(ZACAPA_TOWN)}
    data.update(overrides)
    return data


@pytest.fixture
def officer(people):
    client = Client()
    client.force_login(people["zacapa"])
    return client


def _error_next_to(html: str, field: str) -> str:
    """The text of the error list rendered right after the field's input."""
    marker = f'id="id_{field}_error"'
    assert marker in html, f"no error next to {field}"
    start = html.index(marker)
    return html[start:html.index("</ul>", start)]


def test_wrong_cui_shows_spanish_error_next_to_the_field_and_saves_nothing(officer):
    response = officer.post("/personas/nueva/", _form(cui="1234567801901"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "dígito verificador" in _error_next_to(html, "cui")
    assert "No se guardó nada" in html
    assert not Person.objects.filter(first_surname="Ortiz").exists()
    # the rest of what the user typed is still there
    assert 'value="Rosa Amalia"' in html


def test_right_cui_registers_and_redirects_to_the_person(officer):
    cui = valid_cui(ZACAPA_TOWN)
    response = officer.post("/personas/nueva/", _form(cui=cui))
    person = Person.objects.get(cui=cui)
    assert response.status_code == 302 and response["Location"] == f"/personas/{person.pk}/"
    page = officer.get(response["Location"]).content.decode()
    assert "Rosa Amalia Ortiz Lemus" in page and cui in page


@pytest.mark.parametrize("overrides, field, text", [
    ({"birth_date": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "birth_date", "futuro"),
    ({"birth_date": "1800-01-01"}, "birth_date", "Edad imposible"),
    ({"birth_date": "31/02/2020"}, "birth_date", "Fecha no válida"),
    ({"municipality": "9999"}, "municipality", "Elija un municipio de la lista"),
    ({"municipality": str(JUTIAPA_TOWN)}, "municipality", "los de su territorio"),
    ({"given_names": "x" * 81}, "given_names", "80"),
    ({"first_surname": ""}, "first_surname", "primer apellido"),
])
def test_bad_input_errors_sit_beside_their_field(officer, overrides, field, text):
    html = officer.post("/personas/nueva/", _form(**overrides)).content.decode()
    assert text in _error_next_to(html, field)
    assert not Person.objects.filter(first_surname="Ortiz").exists()


def test_duplicate_cui_is_refused_on_the_form(officer):
    cui = valid_cui(ZACAPA_TOWN)
    make_person(cui=cui)
    html = officer.post("/personas/nueva/", _form(cui=cui)).content.decode()
    assert "ya pertenece a otra persona" in _error_next_to(html, "cui")


def test_edit_then_history_shows_old_and_new_values(people, officer):
    officer.post("/personas/nueva/", _form())
    person = Person.objects.get(first_surname="Ortiz")
    response = officer.post(f"/personas/{person.pk}/modificar/", _form(first_surname="Orellana"))
    assert response.status_code == 302
    auditor = Client()
    auditor.force_login(people["auditor"])
    html = auditor.get(f"/historial/persona/{person.pk}/").content.decode()
    assert "Ortiz → Orellana" in html
    assert "zacapa1" in html


def test_delete_asks_a_reason_and_hides_the_person(officer):
    person = make_person()
    html = officer.post(f"/personas/{person.pk}/eliminar/", {"reason": ""}).content.decode()
    assert "Explique el motivo" in html
    assert Person.objects.filter(pk=person.pk).exists()
    officer.post(f"/personas/{person.pk}/eliminar/", {"reason": "Registro duplicado"})
    assert not Person.objects.filter(pk=person.pk).exists()
    assert officer.get(f"/personas/{person.pk}/").status_code == 404


def test_search_page_finds_partial_unaccented_names_and_htmx_returns_rows_only(officer):
    make_person(given_names="Máximo", first_surname="Ramírez", second_surname="Toj", sex="M")
    make_person(given_names="Ana", first_surname="Pérez")
    page = officer.get("/personas/?q=maxi+ramir").content.decode()
    assert "Ramírez Toj, Máximo" in page and "Ana" not in page and "1 persona" in page
    partial = officer.get("/personas/?q=maxi", HTTP_HX_REQUEST="true").content.decode()
    assert "Ramírez Toj, Máximo" in partial and "<html" not in partial


def test_export_neutralises_spreadsheet_formulas(officer):
    make_person(given_names="=HYPERLINK(\"http://x\")", first_surname="@SUM(A1)")
    export = b"".join(officer.get("/personas/exportar.csv").streaming_content).decode()
    assert "'=HYPERLINK" in export and "'@SUM(A1)" in export


def test_place_dropdown_lists_only_the_chosen_municipalitys_places(people, officer):
    officer.post(f"/territorio/municipios/{ZACAPA_TOWN}/", {"name": "Santa Lucía", "kind": "aldea"})
    html = officer.get(f"/territorio/lugares/opciones/?municipality={ZACAPA_TOWN}").content.decode()
    assert "Aldea Santa Lucía" in html
    assert "Santa Lucía" not in officer.get("/territorio/lugares/opciones/?municipality=101").content.decode()


def test_list_page_query_count_does_not_grow_with_rows(officer, django_assert_max_num_queries):
    for i in range(30):
        make_person(given_names=f"Persona {i}")
    # session, user, scope, count, page ids, page rows (+ the access log): never one per row
    with django_assert_max_num_queries(11):
        officer.get("/personas/")


def test_auditor_sees_history_of_deleted_records_and_households(people, officer):
    person = make_person()
    officer.post(f"/personas/{person.pk}/eliminar/", {"reason": "Registro duplicado"})
    auditor = Client()
    auditor.force_login(people["auditor"])
    html = auditor.get(f"/historial/persona/{person.pk}/").content.decode()
    assert "Registro eliminado" in html and "Registro duplicado" in html
    officer.post("/hogares/nuevo/", {"name": "Familia Toj", "kind": "hogar", "municipality": str(ZACAPA_TOWN)})
    from tejido.registry.models import Household

    household = Household.objects.get(name="Familia Toj")
    html = auditor.get(f"/historial/hogar/{household.pk}/").content.decode()
    assert "zacapa1" in html and "Creación" in html
    assert auditor.get("/historial/desconocido/1/").status_code == 404


def test_pages_move_forward_and_back_without_counting_everything(officer):
    for i in range(30):
        make_person(given_names=f"Persona {i:02d}", first_surname="Alfa")
    first = officer.get("/personas/?q=alfa").content.decode()
    assert "30 personas" in first and "Siguiente" in first and "Anterior" not in first
    second = officer.get("/personas/?q=alfa&page=2").content.decode()
    assert second.count("Alfa Caal, Persona") == 5
    assert "Anterior" in second and "Siguiente" not in second
    assert officer.get("/personas/?page=abc").status_code == 200


def test_member_leaves_household_with_a_reason(people, officer):
    from tejido.common.testing import make_household
    from tejido.registry.models import HouseholdMember

    child = make_person(given_names="Tomás", sex="M")
    household = make_household(members=[(child, "hijo")])
    member = HouseholdMember.objects.get(household=household, person=child)
    url = f"/hogares/{household.pk}/miembros/{member.pk}/quitar/"
    assert "Explique el motivo" in officer.post(url, {"reason": ""}).content.decode()
    assert officer.post(url, {"reason": "Se mudó con su abuela"}).status_code == 302
    assert not HouseholdMember.objects.filter(pk=member.pk).exists()
    assert HouseholdMember.all_objects.get(pk=member.pk).deletion_reason == "Se mudó con su abuela"
    assert Person.objects.filter(pk=child.pk).exists()
    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert jutiapa.get(url).status_code == 404
