"""Issue 16 item 6: the same returned family entered twice warns before creating duplicate people;
the officer sees which member matches whom and confirms (new people) or uses the registered ones.
Nothing is saved until every matching member has a decision. Only people in the officer's scope
are compared (a warning is no oracle for anyone else)."""

import datetime as dt

import pytest
from django.test import Client

from tejido.accounts.models import Role
from tejido.common.errors import ApplicationError
from tejido.common.models import AccessEvent
from tejido.common.testing import make_center, make_person, make_user
from tejido.migrants.models import Reception, ReceptionMember
from tejido.migrants.services import MemberData, reception_create
from tejido.registry.models import Person
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
GUATEMALA, MIXCO = 1, 108
DAY = "2024-03-05"

FAMILY = [
    {"given_names": "Rosa Amelia", "first_surname": "Caal", "second_surname": "Xol", "sex": "F", "age_years": "34",
     "relationship": "jefe"},
    {"given_names": "Juan Carlos", "first_surname": "Choc", "second_surname": "Pop", "sex": "M", "age_years": "36",
     "relationship": "conyuge"},
    {"given_names": "Ana María", "first_surname": "Choc", "second_surname": "Caal", "sex": "F", "age_years": "12"},
    {"given_names": "Luis", "first_surname": "Choc", "second_surname": "Caal", "sex": "M", "age_years": "7"},
    {"given_names": "Sofía", "first_surname": "Choc", "second_surname": "Caal", "sex": "F",
     "birth_date": "2022-06-01"},
]
OTHERS = [
    {"given_names": "Marta Lidia", "first_surname": "Tzul", "second_surname": "Ajú", "sex": "F", "age_years": "29",
     "relationship": "jefe"},
    {"given_names": "Pedro", "first_surname": "Ixcoy", "second_surname": "Tzul", "sex": "M", "age_years": "9"},
]


@pytest.fixture
def setting(people):
    fag = make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, FAG")
    zacapa_center = make_center(1901, kind="migrant_reception", name="Recepción de Zacapa")
    guate = make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[GUATEMALA])
    return {"fag": fag, "zacapa_center": zacapa_center, "guate": guate, **people}


def _post_data(center, rows, destination=MIXCO, **extra):
    data = {"date": DAY, "center": center.pk, "arrival_mode": "aerea", "returned_from": "mexico",
            "destination_municipality": destination, "m-TOTAL_FORMS": "6", "m-INITIAL_FORMS": "6",
            "m-MIN_NUM_FORMS": "0", "m-MAX_NUM_FORMS": "30"}
    for i in range(6):
        row = rows[i] if i < len(rows) else {}
        data[f"m-{i}-relationship"] = row.get("relationship", "jefe" if i == 0 else "hijo")
        for name in ("given_names", "first_surname", "second_surname", "sex", "age_years", "birth_date"):
            data[f"m-{i}-{name}"] = row.get(name, "")
    return data | extra


def _client(user):
    client = Client()
    client.force_login(user)
    return client


WARNING = '<h2 id="family-matches-title">¿Esta familia ya está registrada?</h2>'  # not the offline box's copy


def _warning(html: str) -> str:
    assert WARNING in html, "no warning"
    start = html.index(WARNING)
    return html[start:html.index("</article>", start)]


def test_the_same_family_twice_warns_and_saves_nothing_until_confirmed(setting):
    officer = _client(setting["guate"])
    first = officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY))
    assert first.status_code == 302 and Person.objects.count() == 5

    again = officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY))
    html = again.content.decode()
    warning = _warning(html)
    assert again.status_code == 200 and "No se guardó nada" in html
    assert Reception.objects.count() == 1 and Person.objects.count() == 5
    rosa = Person.objects.get(given_names="Rosa Amelia")
    sofia = Person.objects.get(given_names="Sofía")
    # which member matches whom, and why
    assert "Integrante 1: Rosa Amelia Caal Xol" in warning and f'name="usar-m-0" value="{rosa.pk}"' in warning
    assert "Integrante 5: Sofía Choc Caal" in warning and f'name="usar-m-4" value="{sofia.pk}"' in warning
    assert "misma fecha de nacimiento" in warning and "ya recibida el mismo día" in warning
    assert warning.count('value="nueva"') == 5
    event = AccessEvent.objects.filter(user=setting["guate"], action=AccessEvent.Action.SEARCH).latest("pk")
    assert rosa.pk in event.detail["shown"] and event.detail["posibles_duplicados"] == "recepcion"

    # deciding only some members is not enough: the warning again, nothing saved
    partly = officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY, **{"usar-m-0": str(rosa.pk)}))
    assert WARNING in partly.content.decode()
    assert Reception.objects.count() == 1 and Person.objects.count() == 5

    # confirmed as different people: a second reception with five new people
    confirmed = officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY, es_distinta="1"))
    assert confirmed.status_code == 302
    assert Reception.objects.count() == 2 and Person.objects.count() == 10


def test_using_the_registered_people_creates_a_reception_and_no_new_people(setting):
    officer = _client(setting["guate"])
    officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY))
    first = Reception.objects.get()
    ids = [m.person_id for m in first.members.order_by("position")]
    choices = {f"usar-m-{i}": str(pk) for i, pk in enumerate(ids)}
    choices["usar-m-4"] = "nueva"  # the baby is someone else after all
    response = officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY, **choices))
    assert response.status_code == 302
    second = Reception.objects.exclude(pk=first.pk).get()
    again = [m.person_id for m in second.members.order_by("position")]
    assert again[:4] == ids[:4] and again[4] != ids[4]
    assert Person.objects.count() == 6
    assert [m.age_years for m in second.members.order_by("position")] == [34, 36, 12, 7, 1]


def test_a_family_with_other_names_does_not_warn(setting):
    officer = _client(setting["guate"])
    officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY))
    other = officer.post("/migrantes/nueva/", _post_data(setting["fag"], OTHERS))
    assert other.status_code == 302 and Reception.objects.count() == 2 and Person.objects.count() == 7


def test_people_outside_the_scope_are_never_matched_nor_named(setting):
    # The family was received in Zacapa and lives in Zacapa: nothing the Guatemala officer may see.
    zacapa = _client(setting["zacapa"])
    assert zacapa.post("/migrantes/nueva/", _post_data(setting["zacapa_center"], FAMILY,
                                                       destination=1901)).status_code == 302
    hidden = list(Person.objects.values_list("pk", flat=True))
    officer = _client(setting["guate"])
    response = officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY, destination=1901))
    assert response.status_code == 302  # no warning: saved as new people
    assert Person.objects.count() == 10
    # a forged choice of someone out of scope is not taken: warning (own family now in scope), nothing saved
    forged = _post_data(setting["fag"], FAMILY, destination=1901, **{f"usar-m-{i}": str(pk)
                                                                   for i, pk in enumerate(hidden)})
    html = officer.post("/migrantes/nueva/", forged).content.decode()
    warning = _warning(html)
    assert all(f'" value="{pk}"' not in warning.replace('name="es_distinta" value="1"', "") for pk in hidden)
    assert warning.count('name="usar-m-0"') == 2  # the officer's own Rosa Amelia, and «Es otra persona»
    assert Reception.objects.count() == 2 and Person.objects.count() == 10


def test_the_destination_officer_sees_the_family_received_elsewhere(setting):
    # Received in Guatemala, going to Zacapa: the Zacapa officer sees that reception and is warned.
    officer = _client(setting["guate"])
    assert officer.post("/migrantes/nueva/", _post_data(setting["fag"], FAMILY, destination=1901)).status_code == 302
    zacapa = _client(setting["zacapa"])
    html = zacapa.post("/migrantes/nueva/", _post_data(setting["zacapa_center"], FAMILY, destination=1901))
    assert "Integrante 1: Rosa Amelia Caal Xol" in _warning(html.content.decode())
    assert Person.objects.count() == 5


def test_the_service_refuses_an_existing_person_outside_the_scope(setting):
    stranger = make_person(1901, given_names="Ana", first_surname="Choc", birth_date=dt.date(2012, 1, 1))
    with pytest.raises(ApplicationError, match="Esa persona no está en su territorio.") as error:
        reception_create(acting_user=setting["guate"], date=dt.date(2024, 3, 5), center=setting["fag"],
                         arrival_mode="aerea", returned_from="mexico",
                         destination_municipality=Municipality.objects.get(pk=MIXCO),
                         members=[MemberData(given_names="Ana", first_surname="Choc", sex="F", age_years=12,
                                             relationship="jefe", person=stranger)])
    assert error.value.field == "members.0.given_names"
    assert Reception.all_objects.count() == 0 and ReceptionMember.objects.count() == 0
