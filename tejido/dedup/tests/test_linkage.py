"""The Splink pipeline on a registry whose duplicates are known."""

import pytest
from django.core.management import call_command

from tejido.common.testing import ZACAPA, make_person
from tejido.dedup.models import DedupRun, DuplicateCandidate
from tejido.dedup.pipeline import new_run, run_dedup

from .conftest import pair_of

pytestmark = pytest.mark.django_db

EXPECTED = {("maria", "maria_again"), ("jose", "jose_again"), ("ana", "ana_again")}


def _found() -> set:
    return set(DuplicateCandidate.objects.values_list("person_a_id", "person_b_id"))


def test_finds_the_planted_duplicates_and_nothing_else(registry):
    run = run_dedup(new_run())
    assert run.status == DedupRun.Status.DONE, run.error
    assert run.people == 11
    assert _found() == {pair_of(registry[a], registry[b]) for a, b in EXPECTED}


def test_twins_with_other_given_names_and_different_cuis_are_not_paired(registry):
    run_dedup(new_run(threshold=0.8))  # below the default 0.9 too
    found = _found()
    assert pair_of(registry["twin_1"], registry["twin_2"]) not in found
    assert pair_of(registry["rosa_1"], registry["rosa_2"]) not in found
    assert pair_of(registry["maria"], registry["maria_jutiapa"]) not in found


def test_summary_says_what_matched(registry):
    run_dedup(new_run())
    pair = DuplicateCandidate.objects.get(person_a=registry["maria"], person_b=registry["maria_again"])
    assert "apellidos invertidos" in pair.matched_on
    assert "nombres iguales" in pair.matched_on
    assert "nacimiento igual" in pair.matched_on
    assert pair.probability > 0.99


def test_rerun_keeps_one_row_per_pair_and_never_reopens_a_rejected_pair(registry):
    run_dedup(new_run())
    rejected = DuplicateCandidate.objects.get(person_a=registry["jose"])
    rejected.status, rejected.reason = DuplicateCandidate.Status.REJECTED, "hermanos"
    rejected.save()
    second = run_dedup(new_run())
    assert second.pairs_found == 3 and second.pairs_new == 0
    assert DuplicateCandidate.objects.count() == 3
    rejected.refresh_from_db()
    assert rejected.status == DuplicateCandidate.Status.REJECTED and rejected.reason == "hermanos"


def test_soft_deleted_people_are_not_compared(registry):
    from django.utils import timezone

    registry["ana_again"].deleted_at = timezone.now()
    registry["ana_again"].save()
    run = run_dedup(new_run())
    assert run.people == 10
    assert pair_of(registry["ana"], registry["ana_again"]) not in _found()


def test_command_limited_to_one_department(registry):
    make_person(2201, given_names="Maria Jose", first_surname="Perez", second_surname="Caal",
                birth_date=registry["maria_jutiapa"].birth_date)
    call_command("find_duplicates", "--department", str(ZACAPA), "--threshold", "0.9")
    run = DedupRun.objects.get()
    assert run.department_id == ZACAPA and run.people == 10
    assert len(_found()) == 3  # the Jutiapa pair was not looked at
    call_command("find_duplicates")
    assert len(_found()) == 4


def test_command_refuses_a_bad_threshold(territory):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="entre 0 y 1"):
        call_command("find_duplicates", "--threshold", "1.5")
