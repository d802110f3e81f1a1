"""A child whose record the duplicate review merged into another: the case stays where it was
until the officer decides (services.case_follow_merge), and only she can."""

import datetime as dt

import pytest

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.common.testing import make_person
from tejido.dedup import services as dedup
from tejido.dedup.models import ConfidentialMove, DuplicateCandidate
from tejido.protection import selectors, services

pytestmark = pytest.mark.django_db


def copy_of(child, **fields):
    return make_person(given_names=child.given_names, first_surname=child.first_surname, sex=child.sex,
                       birth_date=child.birth_date, **fields)


def merge(keep_person, away, user):
    a, b = sorted([keep_person, away], key=lambda p: p.pk)
    candidate = DuplicateCandidate.objects.create(person_a=a, person_b=b, probability=0.99)
    return dedup.person_merge(candidate=candidate, keep="a" if keep_person == a else "b", acting_user=user)


def test_only_the_officer_decides_and_refusals_are_logged(report, child, people, officer):
    case = report()
    survivor = copy_of(child)
    merge(survivor, child, people["central"])
    for name in ("admin", "central", "zacapa", "auditor"):
        with pytest.raises(NotFoundOrOutOfScope):
            services.case_follow_merge(case=case, acting_user=people[name])
        with pytest.raises(NotFoundOrOutOfScope):
            dedup.follow_merge(row=case, acting_user=people[name])  # the generic one refuses alike
        with pytest.raises(NotFoundOrOutOfScope):
            selectors.cases_to_move(user=people[name])
    assert AccessEvent.objects.filter(action="denied", model="protection.ProtectionCase").exists()
    assert not ConfidentialMove.objects.exists()
    case.refresh_from_db()
    assert case.child_id == child.pk


def test_a_decision_is_taken_once(report, child, people, officer):
    case = report()
    merge(copy_of(child), child, people["central"])
    services.case_follow_merge(case=case, acting_user=officer, keep=True)
    with pytest.raises(ApplicationError, match="pendiente de decisión"):
        services.case_follow_merge(case=case, acting_user=officer)
    case.refresh_from_db()
    assert case.child_id == child.pk


def test_a_chain_of_merges_is_followed_one_merge_at_a_time_and_undone_in_order(report, child, people, officer):
    case = report()
    second, third = copy_of(child), copy_of(child, second_surname="Caal")
    first_merge = merge(second, child, people["central"])
    services.case_follow_merge(case=case, acting_user=officer)
    second_merge = merge(third, second, people["central"])
    [pending] = selectors.cases_to_move(user=officer)
    assert pending.row == case and pending.merge == second_merge
    services.case_follow_merge(case=case, acting_user=officer)
    case.refresh_from_db()
    assert case.child_id == third.pk and selectors.cases_to_move(user=officer) == []

    dedup.merge_undo(merge=second_merge, acting_user=people["central"])
    case.refresh_from_db()
    assert case.child_id == second.pk
    dedup.merge_undo(merge=first_merge, acting_user=people["central"])
    case.refresh_from_db()
    assert case.child_id == child.pk
    reasons = list(case.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons[-4:] == [
        f"Fusión #{first_merge.pk}: movido del registro #{child.pk} al #{second.pk}",
        f"Fusión #{second_merge.pk}: movido del registro #{second.pk} al #{third.pk}",
        f"Fusión deshecha: #{second.pk} vuelve a separarse de #{third.pk}",
        f"Fusión deshecha: #{child.pk} vuelve a separarse de #{second.pk}",
    ]


def test_a_case_on_the_record_kept_is_never_pending(report, child, people, officer):
    report()
    merge(child, copy_of(child), people["central"])
    assert selectors.cases_to_move(user=officer) == []


def test_a_moved_case_keeps_its_report_date_and_center(report, child, people, officer):
    case = report(reported_on=dt.date(2023, 5, 2))
    merge(copy_of(child), child, people["zacapa"])
    services.case_follow_merge(case=case, acting_user=officer)
    case.refresh_from_db()
    assert case.reported_on == dt.date(2023, 5, 2) and case.center == people["zacapa_cadi"]
