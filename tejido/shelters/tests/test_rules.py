"""The rules of a shelter: open, register families (partial identity, capacity needs
confirmation), check out, supplies, close; every bad input answers in Spanish and saves nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.errors import ApplicationError
from tejido.common.testing import ZACAPA_TOWN, make_center
from tejido.registry.models import Person
from tejido.shelters.models import Shelter, ShelterFamily, Stay, Supply
from tejido.shelters.services import (
    family_register,
    occupancy_on,
    shelter_close,
    shelter_open,
    stay_check_out,
    supply_record,
)
from tejido.territory.models import Municipality

from .conftest import day, member

pytestmark = pytest.mark.django_db


def _family(shelter, user, on, *members, confirm=False):
    return family_register(shelter=shelter, acting_user=user, check_in=on, members=list(members),
                           confirm_over_capacity=confirm)


def test_open_at_a_center_takes_its_name_place_and_capacity(people, shelters):
    s = shelters["at_center"]
    assert (s.name, s.capacity, s.department_id, s.center_id) == ("Albergue Municipal Zacapa", 6, 19,
                                                                  shelters["center"].pk)
    assert shelters["school"].location == "Barrio El Centro, Zacapa, Zacapa"


@pytest.mark.parametrize("kwargs, field, message", [
    ({"capacity": 0}, "capacity", "capacidad"),
    ({"event": "huracan"}, "event", "Elija el evento"),
    ({"event": "otro"}, "event_other", "Describa el evento"),
    ({"name": ""}, "name", "Escriba el nombre del lugar"),
    ({"municipality": None}, "municipality", "Elija un centro de albergue"),
    # Three days ahead, not one: parameters are computed when the tests are collected, and a run
    # that crosses midnight in Guatemala would turn «tomorrow» into today.
    ({"opened_on": timezone.localdate() + dt.timedelta(days=3)}, "opened_on", "futuro"),
])
def test_open_bad_input(people, kwargs, field, message):
    data = {"acting_user": people["zacapa"], "event": "tormenta", "opened_on": day(0), "capacity": 10,
            "municipality": Municipality.objects.get(pk=ZACAPA_TOWN), "name": "Escuela"}
    data.update(kwargs)
    with pytest.raises(ApplicationError, match=message) as error:
        shelter_open(**data)
    assert error.value.field == field
    assert not Shelter.objects.exists()


def test_open_at_a_center_of_another_kind_or_twice_or_out_of_scope(people, shelters):
    with pytest.raises(ApplicationError, match="tipo albergue temporal"):
        shelter_open(acting_user=people["zacapa"], event="tormenta", opened_on=day(0), capacity=5,
                     center=people["zacapa_cadi"])
    with pytest.raises(ApplicationError, match="ya tiene un albergue abierto"):
        shelter_open(acting_user=people["zacapa"], event="tormenta", opened_on=day(3), capacity=5,
                     center=shelters["center"])
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        shelter_open(acting_user=people["jutiapa"], event="tormenta", opened_on=day(3), capacity=5,
                     center=make_center(ZACAPA_TOWN, kind="shelter", name="Otro albergue"))
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        shelter_open(acting_user=people["jutiapa"], event="tormenta", opened_on=day(3), capacity=5,
                     municipality=Municipality.objects.get(pk=ZACAPA_TOWN), name="Escuela")
    with pytest.raises(ApplicationError, match="solo lectura"):
        shelter_open(acting_user=people["auditor"], event="tormenta", opened_on=day(3), capacity=5,
                     municipality=Municipality.objects.get(pk=ZACAPA_TOWN), name="Escuela")
    assert Shelter.objects.count() == 3


def test_family_with_partial_identity_becomes_registry_people(people, shelters):
    family = _family(shelters["school"], people["zacapa"], day(3), member("Carla", "F", 30, "jefe"),
                     member("Beto", "M", 8))
    stays = list(family.stays.select_related("person").order_by("position"))
    assert [(s.person.given_names, s.age_years, s.person.birth_date_estimated, s.person.cui) for s in stays] == [
        ("Carla", 30, True, None), ("Beto", 8, True, None)]
    assert all(s.check_in == day(3) and s.check_out is None for s in stays)
    assert stays[0].person.municipality_id == ZACAPA_TOWN


@pytest.mark.parametrize("on, members, field, message", [
    (day(1), [member("Ana", "F", 30, "jefe")], "check_in", "abrió el"),
    (timezone.localdate() + dt.timedelta(days=3), [member("Ana", "F", 30)], "check_in", "futuro"),  # see above
    (day(3), [], "members", "al menos una persona"),
    (day(3), [member("Ana", "F", None)], "members.0.age_years", "edad en años"),
    (day(3), [member("Ana", "F", 30), member("Juan", "X", 30)], "members.1.sex", "Indique el sexo"),
    (day(3), [member("Ana", "F", 30, "jefe"), member("Juan", "M", 30, "jefe")], "members.1.relationship",
     "una sola persona"),
    (day(3), [member("Ana", "F", 30), member("", "M", 3)], "members.1.given_names", "nombre"),
    (day(3), [member("Ana", "F", 150)], "members.0.age_years", "Edad no válida"),
])
def test_family_bad_input_saves_nothing(people, shelters, on, members, field, message):
    before = Person.objects.count()
    with pytest.raises(ApplicationError, match=message) as error:
        _family(shelters["school"], people["zacapa"], on, *members)
    assert error.value.field == field
    assert Person.objects.count() == before and not ShelterFamily.objects.exists() and not Stay.objects.exists()


def test_over_capacity_needs_confirmation(people, shelters):
    shelter = shelters["at_center"]  # capacity 6
    _family(shelter, people["zacapa"], day(1), *[member(f"P{i}", "F", 20 + i) for i in range(4)])
    # Someone arrives later too: the peak is looked for on every later check-in day.
    _family(shelter, people["zacapa"], day(4), member("Late", "M", 40), member("Late2", "M", 41))
    before = Person.objects.count()
    with pytest.raises(ApplicationError, match="tendría 7 personas el .* capacidad es de 6") as error:
        _family(shelter, people["zacapa"], day(2), member("Eva", "F", 25, "jefe"))
    assert error.value.field == "confirm_over_capacity" and Person.objects.count() == before
    assert error.value.message.endswith("marque «Confirmo que se supera la capacidad».")
    _family(shelter, people["zacapa"], day(2), member("Eva", "F", 25, "jefe"), confirm=True)
    assert [occupancy_on(shelter, day(n)) for n in range(0, 6)] == [0, 4, 5, 5, 7, 7]


def test_check_out_rules(people, shelters):
    family = _family(shelters["school"], people["zacapa"], day(3), member("Carla", "F", 30, "jefe"))
    stays = list(family.stays.all())
    with pytest.raises(ApplicationError, match="anterior al ingreso"):
        stay_check_out(shelter=shelters["school"], stays=stays, check_out=day(2), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="no está en este albergue"):
        stay_check_out(shelter=shelters["at_center"], stays=stays, check_out=day(4), acting_user=people["zacapa"])
    assert stay_check_out(shelter=shelters["school"], stays=stays, check_out=day(4), acting_user=people["zacapa"]) == 1
    with pytest.raises(ApplicationError, match="ya tiene salida"):
        stay_check_out(shelter=shelters["school"], stays=stays, check_out=day(5), acting_user=people["zacapa"])
    # Present on the night of day 3 only.
    assert [occupancy_on(shelters["school"], day(n)) for n in (2, 3, 4)] == [0, 1, 0]


def test_same_day_stay_counts_that_day(people, shelters):
    family = _family(shelters["school"], people["zacapa"], day(3), member("Carla", "F", 30, "jefe"))
    stay_check_out(shelter=shelters["school"], stays=family.stays.all(), check_out=day(3),
                   acting_user=people["zacapa"])
    assert [occupancy_on(shelters["school"], day(n)) for n in (2, 3, 4)] == [0, 1, 0]


@pytest.mark.parametrize("kwargs, field, message", [
    ({"quantity": 0}, "quantity", "entre 1 y 100,000"),
    ({"item": "tv"}, "item", "Elija qué se entregó"),
    ({"date": day(1)}, "date", "abrió el"),
    ({"item": "otro"}, "note", "Describa el insumo"),
])
def test_supply_bad_input(people, shelters, kwargs, field, message):
    data = {"shelter": shelters["school"], "item": "kit_higiene", "quantity": 3, "date": day(3),
            "acting_user": people["zacapa"]}
    data.update(kwargs)
    with pytest.raises(ApplicationError, match=message) as error:
        supply_record(**data)
    assert error.value.field == field and not Supply.objects.exists()


def test_a_shelter_closed_before_it_opened_is_refused_and_nothing_saved(people, shelters):
    shelter = shelters["school"]  # opened day 2
    family = _family(shelter, people["zacapa"], day(5), member("Carla", "F", 30, "jefe"))
    with pytest.raises(ApplicationError, match="no puede cerrarse antes de abrir: abrió el") as error:
        shelter_close(shelter=shelter, closed_on=day(1), acting_user=people["zacapa"])
    assert error.value.field == "closed_on"
    with pytest.raises(ApplicationError, match="ingresaron el"):
        shelter_close(shelter=shelter, closed_on=day(4), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="futuro"):
        shelter_close(shelter=shelter, closed_on=timezone.localdate() + dt.timedelta(days=1),
                      acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        shelter_close(shelter=shelter, closed_on=day(6), acting_user=people["jutiapa"])
    shelter.refresh_from_db()
    assert shelter.closed_on is None and family.stays.get().check_out is None


def test_closing_checks_out_everyone_still_present(people, shelters):
    shelter = shelters["school"]
    family = _family(shelter, people["zacapa"], day(3), member("Carla", "F", 30, "jefe"), member("Beto", "M", 8))
    stay_check_out(shelter=shelter, stays=family.stays.filter(person__given_names="Beto"), check_out=day(4),
                   acting_user=people["zacapa"])
    shelter_close(shelter=shelter, closed_on=day(6), acting_user=people["zacapa"])
    shelter.refresh_from_db()
    assert shelter.closed_on == day(6)
    assert sorted((s.person.given_names, s.check_out) for s in family.stays.all()) == [
        ("Beto", day(4)), ("Carla", day(6))]
    with pytest.raises(ApplicationError, match="ya está cerrado"):
        shelter_close(shelter=shelter, closed_on=day(7), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="cerrado desde"):
        _family(shelter, people["zacapa"], day(6), member("Tarde", "F", 30))
    # The center may host a new shelter once the previous one closed.
    shelter_close(shelter=shelters["at_center"], closed_on=day(3), acting_user=people["zacapa"])
    shelter_open(acting_user=people["zacapa"], event="erupcion", opened_on=day(4), capacity=None,
                 center=shelters["center"])
