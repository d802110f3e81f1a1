"""Confidential relations (issue 15, item 2): a child's protection case must never show in the
duplicate review, nor move with a merge, for anyone but the protection officer. The rule is the
model's own declaration (tejido.common.confidential), not a special case of this app."""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from tejido.accounts.models import Role
from tejido.common.confidential import is_confidential, may_read
from tejido.common.testing import api_client_for, make_person, make_user, post_json, verify_second_factor
from tejido.dedup import services
from tejido.dedup.models import DuplicateCandidate, PersonMerge
from tejido.dedup.relations import person_links
from tejido.dedup.selectors import related_counts
from tejido.programs.models import Enrolment
from tejido.protection import selectors as protection_selectors
from tejido.protection import services as protection_services
from tejido.protection.models import CaseAction, ProtectionCase

pytestmark = pytest.mark.django_db
OUTSIDERS = ["central", "zacapa", "auditor", "admin"]
EVERYONE = [*OUTSIDERS, "officer"]


@pytest.fixture
def officer(people):
    return make_user("proteccion1", Role.PROTECTION_OFFICER)


@pytest.fixture
def users(people, officer):
    return {**people, "officer": officer}


def web(user) -> Client:
    client = Client()
    if user.needs_second_factor:
        verify_second_factor(client, user)  # administrators and the protection officer
    else:
        client.force_login(user)
    return client


@pytest.fixture
def protected(people, officer):
    """A child with a protection case (`child`, person A) and her second record (`again`, B)."""
    child = make_person(given_names="Lucía Fernanda", first_surname="Cruz", second_surname="Ramírez",
                        birth_date=dt.date(2019, 4, 2))
    again = make_person(given_names="Lucia Fernanda", first_surname="Cruz", second_surname="Ramirez",
                        birth_date=dt.date(2019, 4, 2))
    cadi = people["zacapa_cadi"]
    Enrolment.objects.create(person=again, program="childcare", center=cadi, department_id=cadi.department_id,
                             start=dt.date(2023, 1, 9))
    case = protection_services.case_report(
        child=child, center=cadi, reported_on=dt.date(2023, 3, 1), reporter_role="docente", suspicion="fisica",
        description="Moretones en los brazos al llegar al centro.", acting_user=officer)
    candidate = DuplicateCandidate.objects.create(person_a=child, person_b=again, probability=0.99)
    assert candidate.person_a_id == child.pk
    return {"child": child, "again": again, "case": case, "candidate": candidate}


def leaks(text: str, case: ProtectionCase) -> list[str]:
    """What would tell that a child has a protection case."""
    low = text.lower()
    words = ["protecci", "protection", str(ProtectionCase._meta.verbose_name).lower(),
             str(ProtectionCase._meta.verbose_name_plural).lower(), str(CaseAction._meta.verbose_name_plural).lower()]
    return [word for word in words if word in low]


def moved_ids(moves, label: str) -> list[int]:
    return [pk for move in moves if move["model"] == label for pk in move["ids"]]


# --- The declaration, general rule -------------------------------------------------------------------


def test_every_model_that_declares_itself_confidential_is_left_out_of_the_walk():
    declared = [model for model in apps.get_models(include_auto_created=True) if is_confidential(model)]
    assert ProtectionCase in declared and CaseAction in declared
    walked = {link.model for link in person_links(include_confidential=False)}
    assert walked and not walked & set(declared)
    assert "protection.ProtectionCase.child" in {link.label for link in person_links(include_confidential=True)}
    assert "protection.ProtectionCase.child" not in {link.label for link in person_links()}  # hidden by default


@pytest.fixture
def new_models():
    """Two models added later by another app, one of them declaring itself confidential; removed after."""
    class SecretNote(models.Model):
        confidential = True
        person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
        witnesses = models.ManyToManyField("registry.Person", related_name="+")

        class Meta:
            app_label = "protection"

    class PlainNote(models.Model):
        person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "protection"

    yield SecretNote, PlainNote
    for model in (SecretNote, SecretNote.witnesses.through, PlainNote):
        apps.all_models["protection"].pop(model._meta.model_name, None)
    apps.clear_cache()


def test_a_new_model_that_declares_itself_confidential_is_hidden_without_touching_dedup(new_models, people):
    secret, plain = new_models
    through = secret.witnesses.through
    assert is_confidential(secret) and is_confidential(through) and not is_confidential(plain)
    hidden = {link.model for link in person_links()}
    assert plain in hidden and secret not in hidden and through not in hidden
    every = {link.model for link in person_links(include_confidential=True)}
    assert {secret, through, plain} <= every
    # Nobody reads a confidential model that does not say who may: not even an administrator.
    assert not may_read(people["admin"], secret) and may_read(people["admin"], plain)


# --- Pair page and API ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", EVERYONE)
def test_pair_page_and_api_mention_the_case_only_to_the_officer(protected, users, role):
    user, case, pk = users[role], protected["case"], protected["candidate"].pk
    page = web(user).get(reverse("dedup_pair", args=[pk]))
    assert page.status_code == 200
    html = page.content.decode()
    body = api_client_for(user).get(f"/api/v1/duplicados/{pk}")
    assert body.status_code == 200
    kinds_a = [item["kind"] for item in body.json()["related_a"]]
    if role == "officer":
        assert "1 casos de protección" in html
        assert kinds_a == ["casos de protección"]
    else:
        assert leaks(html, case) == [] and leaks(body.content.decode(), case) == []
        assert page.context["counts_a"] == [] and kinds_a == []
    assert body.json()["related_b"] == [{"kind": "inscripciones", "count": 1}]


def test_related_counts_hide_every_confidential_kind_from_non_readers(protected, users):
    names = {str(model._meta.verbose_name_plural) for model in apps.get_models() if is_confidential(model)}
    for role in OUTSIDERS:
        assert not names & {kind for kind, _n in related_counts(protected["child"], user=users[role])}
    assert ("casos de protección", 1) in related_counts(protected["child"], user=users["officer"])


# --- Merge and undo by others ----------------------------------------------------------------------------


def test_merge_by_a_delegate_leaves_the_case_where_it_is_and_says_nothing(protected, users):
    child, again, case = protected["child"], protected["again"], protected["case"]
    api = api_client_for(users["zacapa"])
    done = post_json(api, f"/api/v1/duplicados/{protected['candidate'].pk}/fusionar", {"keep": "b"})
    assert done.status_code == 201
    assert leaks(done.content.decode(), case) == []
    case.refresh_from_db()
    assert case.child_id == child.pk  # stays on the record merged away
    merge = PersonMerge.objects.get()
    assert merge.duplicate_id == child.pk and merge.survivor_id == again.pk
    assert "protection" not in json.dumps(merge.moves) and moved_ids(merge.moves, "protection.ProtectionCase") == []
    assert not case.history.filter(history_change_reason__icontains="fusi").exists()
    for role in OUTSIDERS:
        assert leaks(web(users[role]).get(reverse("dedup_merge", args=[merge.pk])).content.decode(), case) == []
        client = api_client_for(users[role])
        assert leaks(client.get(f"/api/v1/duplicados/fusiones/{merge.pk}").content.decode(), case) == []
        assert leaks(client.get("/api/v1/duplicados/fusiones").content.decode(), case) == []
    # The survivor's counts, seen by others, still say nothing.
    assert leaks(web(users["central"]).get(reverse("dedup_pair", args=[protected["candidate"].pk]))
                 .content.decode(), case) == []

    undone = post_json(api, f"/api/v1/duplicados/fusiones/{merge.pk}/deshacer", {})
    assert undone.status_code == 200 and leaks(undone.content.decode(), case) == []
    case.refresh_from_db()
    child.refresh_from_db()
    assert case.child_id == child.pk and not child.is_deleted


def test_merge_through_the_page_reports_only_what_others_may_see(protected, users):
    client = web(users["zacapa"])
    response = client.post(reverse("dedup_merge_pair", args=[protected["candidate"].pk]), {"keep": "b"}, follow=True)
    html = response.content.decode()
    assert "con 0 datos movidos" in html  # the case neither moved nor counted
    assert leaks(html, protected["case"]) == []
    protected["case"].refresh_from_db()
    assert protected["case"].child_id == protected["child"].pk


def test_keeping_the_child_with_the_case_changes_nothing_for_the_case(protected, users):
    merge = services.person_merge(candidate=protected["candidate"], keep="a", acting_user=users["central"])
    protected["case"].refresh_from_db()
    assert protected["case"].child_id == protected["child"].pk
    assert moved_ids(merge.moves, "programs.Enrolment")
    assert protection_selectors.cases_to_move(user=users["officer"]) == []


# --- The officer decides -----------------------------------------------------------------------------------


def test_officer_sees_the_pending_move_moves_the_case_and_undo_brings_it_back(protected, users):
    child, again, case = protected["child"], protected["again"], protected["case"]
    merge = services.person_merge(candidate=protected["candidate"], keep="b", acting_user=users["zacapa"])
    api = api_client_for(users["zacapa"])
    version = api.get(f"/api/v1/duplicados/fusiones/{merge.pk}").json()["version"]

    officer = web(users["officer"])
    listing = officer.get(reverse("protection_case_list")).content.decode()
    assert f"fue fusionado en el registro #{again.pk}" in listing
    detail = officer.get(reverse("protection_case_detail", args=[case.pk])).content.decode()
    assert f"fue fusionado en el registro #{again.pk}" in detail and "¿Mover el caso" in detail

    # Nobody else can move it (the same "not found" as for any case).
    url = reverse("protection_case_follow_merge", args=[case.pk])
    for role in OUTSIDERS:
        assert web(users[role]).post(url).status_code == 404
        assert web(users[role]).get(url).status_code == 404
    assert officer.get(url).status_code == 302  # only a POST decides
    case.refresh_from_db()
    assert case.child_id == child.pk

    response = officer.post(reverse("protection_case_follow_merge", args=[case.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.child_id == again.pk
    last = case.history.order_by("-history_id").first()
    assert last.history_user == users["officer"] and f"#{merge.pk}" in last.history_change_reason
    assert "fue fusionado en el registro" not in officer.get(reverse("protection_case_list")).content.decode()

    # What others read about the merge did not change, not even its version.
    after = api.get(f"/api/v1/duplicados/fusiones/{merge.pk}")
    assert after.json()["version"] == version and leaks(after.content.decode(), case) == []
    for role in OUTSIDERS:
        assert leaks(web(users[role]).get(reverse("dedup_merge", args=[merge.pk])).content.decode(), case) == []
    merge.refresh_from_db()
    assert "protection" not in json.dumps(merge.moves)
    # The officer sees it on the merge page.
    assert "caso de protección" in officer.get(reverse("dedup_merge", args=[merge.pk])).content.decode().lower()

    # Undo by the delegate puts everything back where it was before the merge, the case included.
    undone = post_json(api, f"/api/v1/duplicados/fusiones/{merge.pk}/deshacer", {})
    assert undone.status_code == 200 and leaks(undone.content.decode(), case) == []
    case.refresh_from_db()
    child.refresh_from_db()
    assert case.child_id == child.pk and not child.is_deleted
    assert Enrolment.objects.get().person_id == again.pk
    assert protection_selectors.cases_to_move(user=users["officer"]) == []


def test_officer_may_leave_the_case_where_it_is(protected, users):
    merge = services.person_merge(candidate=protected["candidate"], keep="b", acting_user=users["central"])
    case = protected["case"]
    officer = web(users["officer"])
    response = officer.post(reverse("protection_case_follow_merge", args=[case.pk]), {"decision": "keep"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.child_id == protected["child"].pk
    assert protection_selectors.cases_to_move(user=users["officer"]) == []
    # Undo is still whole, and the kept case is not touched.
    services.merge_undo(merge=merge, acting_user=users["central"])
    case.refresh_from_db()
    assert case.child_id == protected["child"].pk


def test_merges_made_before_the_fix_are_cleaned_and_still_undo(protected, users):
    """A merge made before issue 15 moved the case and listed it in `moves`: the migration takes it
    out of what others read, and undo still brings the case back."""
    from importlib import import_module

    migration = import_module("tejido.dedup.migrations.0002_confidential_move")
    child, again, case = protected["child"], protected["again"], protected["case"]
    merge = services.person_merge(candidate=protected["candidate"], keep="b", acting_user=users["central"])
    ProtectionCase.all_objects.filter(pk=case.pk).update(child=again)  # what the old merge did
    merge.moves = [*merge.moves, {"model": "protection.ProtectionCase", "field": "child", "ids": [case.pk]}]
    merge.save()

    migration.split_confidential_moves(apps, None)
    merge.refresh_from_db()
    assert "protection" not in json.dumps(merge.moves)
    body = api_client_for(users["central"]).get(f"/api/v1/duplicados/fusiones/{merge.pk}").content.decode()
    assert leaks(body, case) == []
    assert moved_ids(api_client_for(users["officer"]).get(f"/api/v1/duplicados/fusiones/{merge.pk}").json()["moves"],
                     "protection.ProtectionCase") == [case.pk]
    services.merge_undo(merge=merge, acting_user=users["central"])
    case.refresh_from_db()
    assert case.child_id == child.pk
