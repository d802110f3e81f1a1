"""Enrolment.lives_elsewhere, the denormalised flag the department scope reads to admit people
served there but living elsewhere: it must follow every way an enrolment or a person changes,
or a served child would vanish from the officer's search."""

import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.dedup import services as dedup
from tejido.dedup.models import DuplicateCandidate
from tejido.programs.models import Enrolment
from tejido.programs.services import enrolment_create
from tejido.registry.models import Person
from tejido.registry.selectors import person_list
from tejido.registry.services import person_update
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2023, 3, 6)


def flags() -> dict[int, bool]:
    """What each enrolment holds, against the truth computed from the person's department now."""
    held = dict(Enrolment.all_objects.values_list("pk", "lives_elsewhere"))
    truth = {e.pk: e.person.department_id != e.department_id for e in Enrolment.all_objects.select_related("person")}
    assert held == truth
    return held


def _child(town, name):
    return make_person(town, birth_date=dt.date(2020, 1, 15), given_names=name)


def test_flag_follows_enrolment_and_moves_and_scope_follows_the_flag(people):
    child = _child(JUTIAPA_TOWN, "Viajera")
    enrolment = enrolment_create(person=child, center=people["zacapa_cadi"], program="childcare", start=MONDAY,
                                 acting_user=people["zacapa"])
    assert flags() == {enrolment.pk: True}
    assert person_list(user=people["zacapa"], q="viajera").count() == 1  # served in Zacapa

    person_update(person=Person.objects.get(pk=child.pk), acting_user=people["central"],
                  municipality=Municipality.objects.get(pk=ZACAPA_TOWN))
    assert flags() == {enrolment.pk: False}  # moved to Zacapa: now a resident there
    assert person_list(user=people["zacapa"], q="viajera").count() == 1
    assert person_list(user=people["jutiapa"], q="viajera").count() == 0

    person_update(person=Person.objects.get(pk=child.pk), acting_user=people["central"],
                  municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))
    assert flags() == {enrolment.pk: True}  # back in Jutiapa, still served in Zacapa
    assert person_list(user=people["zacapa"], q="viajera").count() == 1
    assert person_list(user=people["jutiapa"], q="viajera").count() == 1


def test_a_merge_and_its_undo_recompute_the_flag(people):
    """The duplicate living in Zacapa is enrolled there; the survivor lives in Jutiapa, so after the
    merge the moved enrolment is lived elsewhere, and the undo puts it back."""
    survivor, duplicate = _child(JUTIAPA_TOWN, "Rosa"), _child(ZACAPA_TOWN, "Rosa")
    enrolment = enrolment_create(person=duplicate, center=people["zacapa_cadi"], program="childcare",
                                 start=MONDAY, acting_user=people["zacapa"])
    assert flags() == {enrolment.pk: False}
    candidate = DuplicateCandidate.objects.create(person_a=survivor, person_b=duplicate, probability=0.99)
    merge = dedup.person_merge(candidate=candidate, keep="a", acting_user=people["central"])
    assert flags() == {enrolment.pk: True}
    assert person_list(user=people["zacapa"], q="rosa").get().pk == survivor.pk  # still found where served
    dedup.merge_undo(merge=merge, acting_user=people["central"])
    assert flags() == {enrolment.pk: False}
