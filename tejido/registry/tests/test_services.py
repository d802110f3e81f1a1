import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.errors import ApplicationError, PermissionDenied
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person, valid_cui
from tejido.registry import services
from tejido.registry.models import Household, HouseholdMember, Person
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db


def _new(user, **overrides):
    data = dict(acting_user=user, municipality=Municipality.objects.get(pk=ZACAPA_TOWN), given_names="Ana Lucía",
                first_surname="Xol", second_surname="Caal", sex="F", birth_date=dt.date(1988, 3, 1))
    data.update(overrides)
    return services.person_create(**data)


def test_create_derives_department_and_search_name_and_records_history(people):
    person = _new(people["zacapa"], given_names="  José   Ángel ", first_surname="Pérez", second_surname="Cúmes",
                  sex="M")
    assert person.department_id == 19
    assert person.given_names == "José Ángel"
    assert person.search_name == "jose angel perez cumes"
    history = list(person.history.all())
    assert len(history) == 1 and history[0].history_user == people["zacapa"]


@pytest.mark.parametrize("overrides, field, message", [
    ({"birth_date": timezone.localdate() + dt.timedelta(days=2)}, "birth_date", "futuro"),  # survives midnight
    ({"birth_date": dt.date(1890, 1, 1)}, "birth_date", "Edad imposible"),
    ({"cui": "1234567801901"}, "cui", "dígito verificador"),
    ({"given_names": ""}, "given_names", "nombre"),
    ({"first_surname": "x" * 51}, "first_surname", "50 caracteres"),
    ({"sex": "X"}, "sex", "sexo"),
    ({"pueblo": "marciano"}, "pueblo", "pueblo"),
    ({"married_surname": "López", "sex": "M"}, "married_surname", "solo aplica a mujeres"),
    ({"phone": "llámame"}, "phone", "teléfono"),
])
def test_bad_input_is_refused_with_spanish_message_and_nothing_saved(people, overrides, field, message):
    before = Person.all_objects.count()
    with pytest.raises(ApplicationError) as error:
        _new(people["zacapa"], **overrides)
    assert error.value.field == field
    assert message.lower() in error.value.message.lower()
    assert Person.all_objects.count() == before


def test_a_cui_belongs_to_one_person_even_if_the_first_was_deleted(people):
    cui = valid_cui(ZACAPA_TOWN)
    first = _new(people["zacapa"], cui=cui)
    services.person_soft_delete(person=first, reason="registro de prueba", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="ya pertenece"):
        _new(people["zacapa"], cui=cui, given_names="Otra")


def test_officer_cannot_register_outside_their_department(people):
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        _new(people["zacapa"], municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))


def test_read_only_roles_cannot_register(people):
    for role in ("auditor", "planner"):
        with pytest.raises(PermissionDenied):
            _new(people[role])


def test_center_clerk_registers_only_at_their_center(people):
    with pytest.raises(ApplicationError, match="centros que usted atiende"):
        _new(people["clerk"])
    with pytest.raises(ApplicationError, match="centros que usted atiende"):
        _new(people["clerk"], registered_center=people["jutiapa_cadi"])
    person = _new(people["clerk"], registered_center=people["zacapa_cadi"])
    assert person.registered_center == people["zacapa_cadi"]


def test_update_keeps_old_and_new_values_in_history(people):
    person = _new(people["zacapa"])
    services.person_update(person=person, acting_user=people["zacapa"], first_surname="Choc")
    newest, older = person.history.all()[:2]
    delta = newest.diff_against(older)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("first_surname", "Xol", "Choc")]


def test_soft_delete_needs_a_reason_hides_the_person_and_keeps_the_row(people):
    person = _new(people["zacapa"])
    with pytest.raises(ApplicationError, match="motivo"):
        services.person_soft_delete(person=person, reason="", acting_user=people["zacapa"])
    services.person_soft_delete(person=person, reason="Duplicado del registro 12", acting_user=people["zacapa"])
    assert not Person.objects.filter(pk=person.pk).exists()
    kept = Person.all_objects.get(pk=person.pk)
    assert kept.deletion_reason == "Duplicado del registro 12" and kept.deleted_by == people["zacapa"]
    assert kept.history.first().history_change_reason.startswith("Eliminado")


def test_household_has_one_head_and_no_repeated_member(people):
    officer = people["zacapa"]
    household = services.household_create(acting_user=officer, name="Familia Xol Caal",
                                          municipality=Municipality.objects.get(pk=ZACAPA_TOWN))
    mother, child = make_person(), make_person(given_names="Luis", sex="M", birth_date=dt.date(2020, 1, 1))
    services.household_add_member(household=household, person=mother, relationship="jefe", acting_user=officer)
    services.household_add_member(household=household, person=child, relationship="hijo", acting_user=officer)
    with pytest.raises(ApplicationError, match="ya tiene jefe"):
        services.household_add_member(household=household, person=make_person(given_names="Otro"),
                                      relationship="jefe", acting_user=officer)
    with pytest.raises(ApplicationError, match="ya es miembro"):
        services.household_add_member(household=household, person=child, relationship="nieto", acting_user=officer)
    assert HouseholdMember.objects.filter(household=household).count() == 2


def test_household_outside_territory_is_refused(people):
    with pytest.raises(ApplicationError):
        services.household_create(acting_user=people["zacapa"], name="Familia Ajena",
                                  municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))
    assert not Household.objects.filter(name="Familia Ajena").exists()
