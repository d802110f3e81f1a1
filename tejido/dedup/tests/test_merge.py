"""Merging two records moves everything, undo restores exactly, conflicts are refused whole."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.errors import ApplicationError
from tejido.common.testing import ZACAPA_TOWN, make_center, make_household
from tejido.dedup import services
from tejido.dedup.models import DuplicateCandidate, PersonMerge
from tejido.dedup.relations import person_links
from tejido.programs.models import Delivery, Enrolment, Event
from tejido.registry.models import HouseholdMember, Person
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db


def snapshot(person) -> dict:
    """Every row pointing at the person, by table: what a merge must move and undo restore."""
    return {link.label: sorted(link.rows_of(person.pk).values_list("pk", flat=True)) for link in person_links()
            if link.rows_of(person.pk).exists()}


def enrol(person, center, program="childcare", end=None):
    return Enrolment.objects.create(person=person, program=program, center=center,
                                    department_id=center.department_id, start=dt.date(2024, 1, 8), end=end,
                                    exit_reason="otro" if end else "")


def event_with(*people):
    town = Municipality.objects.get(pk=ZACAPA_TOWN)
    event = Event.objects.create(program="women", kind="capacitacion", topic="Costura", audience="beneficiarios",
                                 date=dt.date(2024, 3, 1), municipality=town, department_id=town.department_id)
    event.participants.set(people)
    return event


def deliver(person):
    town = Municipality.objects.get(pk=ZACAPA_TOWN)
    return Delivery.objects.create(program="social_service", item="silla_ruedas", date=dt.date(2024, 2, 1),
                                   person=person, municipality=town, department_id=town.department_id)


@pytest.fixture
def pair(registry, people):
    keep, dup = registry["maria"], registry["maria_again"]
    cadi = people["zacapa_cadi"]
    make_household(members=[(keep, "jefe")], name="Familia Pérez")
    make_household(members=[(dup, "jefe")], name="Familia Caal")
    enrol(keep, cadi, program="women")
    enrol(dup, cadi, program="childcare")
    enrol(dup, cadi, program="women", end=dt.date(2023, 12, 1))  # an old, closed enrolment: no conflict
    deliver(dup)
    event_with(dup)
    candidate = DuplicateCandidate.objects.create(person_a=keep, person_b=dup, probability=0.99)
    return candidate, keep, dup


def test_merge_moves_every_row_and_soft_deletes_the_duplicate(pair, people):
    candidate, keep, dup = pair
    before_keep, before_dup = snapshot(keep), snapshot(dup)
    assert before_dup == {
        "programs.Delivery.person": [Delivery.objects.get(person=dup).pk],
        "programs.Enrolment.person": sorted(Enrolment.objects.filter(person=dup).values_list("pk", flat=True)),
        "programs.Event_participants.person": [Event.participants.through.objects.get(person=dup).pk],
        "registry.HouseholdMember.person": [HouseholdMember.objects.get(person=dup).pk],
    }
    merge = services.person_merge(candidate=candidate, keep="a", acting_user=people["zacapa"])

    after_keep = snapshot(keep)
    assert snapshot(dup) == {}
    for table in set(before_keep) | set(before_dup):
        assert after_keep[table] == sorted(before_keep.get(table, []) + before_dup.get(table, []))
    assert Enrolment.objects.filter(person=keep).count() == 3
    assert keep.households.count() == 2
    dup = Person.all_objects.get(pk=dup.pk)
    assert dup.is_deleted and dup.deletion_reason == f"fusionado con #{keep.pk}"
    assert merge.moved_count == 5
    assert {m["model"] for m in merge.moves} == {"programs.Delivery", "programs.Enrolment",
                                                  "programs.Event_participants", "registry.HouseholdMember"}
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.CONFIRMED and candidate.reviewed_by == people["zacapa"]
    # History: the moved enrolment says who moved it and why.
    moved = Enrolment.objects.filter(person=keep, program="childcare").get()
    latest = moved.history.first()
    assert latest.history_user == people["zacapa"] and "Fusión" in latest.history_change_reason


def test_undo_restores_every_row_and_the_duplicate_exactly(pair, people):
    candidate, keep, dup = pair
    before_keep, before_dup = snapshot(keep), snapshot(dup)
    merge = services.person_merge(candidate=candidate, keep="a", acting_user=people["zacapa"])
    services.merge_undo(merge=merge, acting_user=people["zacapa"])

    assert snapshot(keep) == before_keep
    assert snapshot(dup) == before_dup
    dup = Person.objects.get(pk=dup.pk)  # live again
    assert dup.deletion_reason == "" and dup.deleted_by is None
    merge.refresh_from_db()
    assert merge.undone_by == people["zacapa"]
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.PENDING
    with pytest.raises(ApplicationError, match="ya fue deshecha"):
        services.merge_undo(merge=merge, acting_user=people["zacapa"])


def test_values_chosen_from_the_other_record_and_the_cui_follow_and_come_back(pair, people):
    candidate, keep, dup = pair  # keep has the CUI; keep B (dup, no CUI) and take A's CUI and names
    cui = keep.cui
    merge = services.person_merge(candidate=candidate, keep="b", take_from_other=["cui", "given_names",
                                                                                  "first_surname", "second_surname"],
                                  acting_user=people["central"])
    survivor, gone = Person.all_objects.get(pk=dup.pk), Person.all_objects.get(pk=keep.pk)
    assert survivor.cui == cui and gone.cui is None and gone.is_deleted
    assert survivor.full_name == "María José Pérez Caal"
    assert survivor.search_name == "maria jose perez caal"
    assert merge.field_changes["survivor"]["cui"] == [None, cui]

    services.merge_undo(merge=merge, acting_user=people["central"])
    survivor, gone = Person.objects.get(pk=dup.pk), Person.objects.get(pk=keep.pk)
    assert (survivor.cui, survivor.given_names, survivor.first_surname) == (None, "MARIA JOSE", "Caal")
    assert (gone.cui, gone.given_names) == (cui, "María José")


def _nothing_saved(candidate, keep, dup, before):
    assert (snapshot(keep), snapshot(dup)) == before
    assert not PersonMerge.objects.exists()
    assert Person.objects.filter(pk=dup.pk).exists()
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.PENDING


def test_two_active_enrolments_in_one_program_are_refused_with_nothing_saved(pair, people):
    candidate, keep, dup = pair
    enrol(dup, make_center(name="Otro CADI"), program="women")  # active women's enrolment on both sides
    before = (snapshot(keep), snapshot(dup))
    with pytest.raises(ApplicationError) as refused:
        services.person_merge(candidate=candidate, keep="a", take_from_other=["cui"], acting_user=people["central"])
    assert "No se puede fusionar" in refused.value.message
    assert len(refused.value.extra["conflicts"]) == 1 and "inscripción" in refused.value.extra["conflicts"][0]
    _nothing_saved(candidate, keep, dup, before)


def test_same_household_and_same_event_are_refused(pair, people):
    candidate, keep, dup = pair
    household = make_household(members=[(keep, "jefe"), (dup, "hijo")], name="Familia repetida")
    event_with(keep, dup)
    before = (snapshot(keep), snapshot(dup))
    with pytest.raises(ApplicationError) as refused:
        services.person_merge(candidate=candidate, keep="a", acting_user=people["central"])
    conflicts = refused.value.extra["conflicts"]
    assert len(conflicts) == 2
    assert any(household.name in c for c in conflicts) and any("Costura" in c for c in conflicts)
    _nothing_saved(candidate, keep, dup, before)


def test_invalid_chosen_values_roll_back_everything(pair, people):
    candidate, keep, dup = pair
    dup.sex = "M"  # keeping the man's sex with the woman's married surname breaks a registry rule
    dup.save()
    keep.married_surname = "Ramos"
    keep.save()
    before = (snapshot(keep), snapshot(dup))
    with pytest.raises(ApplicationError, match="apellido de casada"):
        services.person_merge(candidate=candidate, keep="b", take_from_other=["married_surname"],
                              acting_user=people["central"])
    _nothing_saved(candidate, keep, dup, before)


def test_reject_needs_a_reason_and_closes_the_pair(pair, people):
    candidate, _keep, _dup = pair
    with pytest.raises(ApplicationError) as refused:
        services.candidate_reject(candidate=candidate, reason=" ", acting_user=people["central"])
    assert refused.value.field == "reason"
    services.candidate_reject(candidate=candidate, reason="Hermanas distintas", acting_user=people["central"])
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.REJECTED
    with pytest.raises(ApplicationError, match="ya fue decidido por"):
        services.person_merge(candidate=candidate, keep="a", acting_user=people["central"])


def test_every_table_pointing_at_a_person_is_found_including_hidden_relations():
    labels = {link.label for link in person_links(include_confidential=True)}
    # related_name="+" (fair sales, income reports, protection cases) and automatic many-to-many
    # tables (event participants) are found as well as ordinary reverse relations.
    assert {"women.FairSale.person", "women.IncomeReport.person", "protection.ProtectionCase.child",
            "programs.Event_participants.person", "programs.Enrolment.person", "registry.HouseholdMember.person",
            "migrants.ReceptionMember.person", "shelters.Stay.person", "childcare.NutritionScreening.person",
            "programs.Referral.person"} <= labels
    # History rows keep what they pointed at back then; this app's own rows are not part of a person.
    assert not any(".Historical" in label or label.startswith("dedup.") for label in labels)


def test_undo_is_refused_once_the_survivor_was_merged_again(pair, people):
    candidate, keep, dup = pair
    merge = services.person_merge(candidate=candidate, keep="a", acting_user=people["central"])
    third = Person.objects.get(pk=keep.pk)
    third.deleted_at = timezone.now()
    third.save()
    with pytest.raises(ApplicationError, match="deshaga eso primero"):
        services.merge_undo(merge=merge, acting_user=people["central"])
    assert Person.all_objects.get(pk=dup.pk).is_deleted
