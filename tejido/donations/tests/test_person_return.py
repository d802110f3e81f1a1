"""Issue 16 item 5: the donation's beneficiary is searched by name (in scope, logged) and a person
registered from the distribution page comes back chosen."""

import pytest

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, client_for, make_person
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db


def test_distribution_asks_for_the_beneficiary_with_a_search_and_comes_back_with_the_new_one(people, don):
    officer = client_for(people["zacapa"])
    path = f"/donaciones/{don['taiwan'].pk}/distribuir/"
    html = officer.get(path).content.decode()
    assert 'id="buscar-persona"' in html and f'href="/personas/nueva/?next={path}"' in html
    make_person(ZACAPA_TOWN, given_names="Herminia", first_surname="Lemus")
    make_person(JUTIAPA_TOWN, given_names="Herminia", first_surname="Lemus")
    found = officer.get("/servicio-social/buscar-persona/", {"q": "herminia lemus", "foco": "id_date"}).content.decode()
    assert found.count("Elegir") == 1
    assert AccessEvent.objects.filter(user=people["zacapa"], action=AccessEvent.Action.SEARCH,
                                      model="registry.Person").exists()
    response = officer.post("/personas/nueva/", {
        "given_names": "Mario", "first_surname": "Pineda", "sex": "M", "birth_date": "1950-01-01",
        "pueblo": "ladino", "language_community": "espanol", "disability": "ninguna", "poverty_status": "pobreza",
        "municipality": str(ZACAPA_TOWN), "next": path})
    person = Person.objects.get(first_surname="Pineda")
    assert response["Location"] == f"{path}?persona={person.pk}"
    back = officer.get(response["Location"]).content.decode()
    assert f'name="person_id" value="{person.pk}"' in back and "Persona elegida: Mario Pineda" in back
