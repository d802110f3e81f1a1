"""The queue, pair pages and API through the scope rules: a Zacapa officer never sees, opens,
decides or guesses a pair with a Jutiapa person; every page with people is logged."""

import pytest
from django.urls import reverse

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, api_client_for, client_for, make_person, post_json
from tejido.dedup.models import DedupRun, DuplicateCandidate, PersonMerge
from tejido.registry.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pairs(registry):
    zacapa = DuplicateCandidate.objects.create(person_a=registry["maria"], person_b=registry["maria_again"],
                                               probability=0.99, matched_on=["apellidos invertidos"])
    jutiapa_twin = make_person(JUTIAPA_TOWN, given_names="Maria Jose", first_surname="Perez",
                               second_surname="Caal", birth_date=registry["maria_jutiapa"].birth_date)
    jutiapa = DuplicateCandidate.objects.create(person_a=registry["maria_jutiapa"], person_b=jutiapa_twin,
                                                probability=0.98)
    across = DuplicateCandidate.objects.create(person_a=registry["jose"], person_b=jutiapa_twin, probability=0.91)
    return {"zacapa": zacapa, "jutiapa": jutiapa, "across": across}


def test_officer_lists_only_pairs_with_both_people_in_scope(pairs, people):
    page = client_for(people["zacapa"]).get(reverse("dedup_queue"))
    assert page.status_code == 200
    assert list(page.context["page"].object_list) == [pairs["zacapa"]]
    national = client_for(people["central"]).get(reverse("dedup_queue"))
    assert set(national.context["page"].object_list) == set(pairs.values())
    event = AccessEvent.objects.filter(user=people["zacapa"], model="dedup.DuplicateCandidate").get()
    assert event.detail["ids"] == [pairs["zacapa"].pk]


@pytest.mark.parametrize("name", ["jutiapa", "across"])
def test_officer_cannot_open_or_decide_a_pair_outside_scope(pairs, people, name):
    client, pk = client_for(people["zacapa"]), pairs[name].pk
    assert client.get(reverse("dedup_pair", args=[pk])).status_code == 404
    client.post(reverse("dedup_merge_pair", args=[pk]), {"keep": "a"})
    client.post(reverse("dedup_reject", args=[pk]), {"reason": "no son la misma"})
    api = api_client_for(people["zacapa"])
    assert api.get(f"/api/v1/duplicados/{pk}").status_code == 404
    assert post_json(api, f"/api/v1/duplicados/{pk}/fusionar", {"keep": "a"}).status_code == 404
    assert post_json(api, f"/api/v1/duplicados/{pk}/rechazar", {"reason": "no son la misma"}).status_code == 404
    assert [c["id"] for c in api.get("/api/v1/duplicados/").json()["items"]] == [pairs["zacapa"].pk]
    pairs[name].refresh_from_db()
    assert pairs[name].status == DuplicateCandidate.Status.PENDING
    assert not PersonMerge.objects.exists()


def test_pair_page_shows_both_records_side_by_side_and_logs_both(pairs, people):
    pair = pairs["zacapa"]
    page = client_for(people["zacapa"]).get(reverse("dedup_pair", args=[pair.pk]))
    html = page.content.decode()
    assert "María José" in html and "MARIA JOSE" in html
    differing = {row.name for row in page.context["rows"] if row.differs}
    assert differing == {"given_names", "first_surname", "second_surname", "cui"}
    assert 'class="differs"' in html and "Fusionar" in html
    viewed = set(AccessEvent.objects.filter(user=people["zacapa"], action="view", model="registry.Person")
                 .values_list("object_id", flat=True))
    assert viewed == {str(pair.person_a_id), str(pair.person_b_id)}


def test_officer_merges_and_undoes_through_the_pages(pairs, people):
    client, pair = client_for(people["zacapa"]), pairs["zacapa"]
    response = client.post(reverse("dedup_merge_pair", args=[pair.pk]), {"keep": "b", "campo_cui": "a"})
    merge = PersonMerge.objects.get()
    assert response.url == reverse("dedup_merge", args=[merge.pk])
    assert Person.objects.get(pk=pair.person_b_id).cui == merge.field_changes["survivor"]["cui"][1]
    assert client.get(reverse("dedup_merge", args=[merge.pk])).status_code == 200
    client.post(reverse("dedup_undo", args=[merge.pk]))
    merge.refresh_from_db()
    assert merge.undone_at is not None and Person.objects.filter(pk=pair.person_a_id).exists()


def test_clerk_auditor_and_planner(pairs, people):
    pk = pairs["zacapa"].pk
    auditor = client_for(people["auditor"])
    page = auditor.get(reverse("dedup_pair", args=[pk]))
    assert page.status_code == 200 and not page.context["can_decide"]
    auditor.post(reverse("dedup_merge_pair", args=[pk]), {"keep": "a"})
    assert not PersonMerge.objects.exists()
    assert client_for(people["planner"]).get(reverse("dedup_queue")).status_code in (403, 302)
    assert api_client_for(people["planner"]).get("/api/v1/duplicados/").status_code == 403
    # The clerk sees only people registered at her CADI: none of these.
    assert list(client_for(people["clerk"]).get(reverse("dedup_queue")).context["page"].object_list) == []


def test_reject_error_is_shown_next_to_the_reason(pairs, people):
    page = client_for(people["zacapa"]).post(reverse("dedup_reject", args=[pairs["zacapa"].pk]), {"reason": "no"})
    assert 'id="id_reason_error"' in page.content.decode()
    pairs["zacapa"].refresh_from_db()
    assert pairs["zacapa"].status == DuplicateCandidate.Status.PENDING


def test_api_merge_conflict_is_a_spanish_400_and_undo_works(pairs, people):
    api, pair = api_client_for(people["central"]), pairs["zacapa"]
    bad = post_json(api, f"/api/v1/duplicados/{pair.pk}/fusionar", {"keep": "a", "take_from_other": ["color"]})
    assert bad.status_code == 400 and "Campos desconocidos" in bad.json()["detail"]
    done = post_json(api, f"/api/v1/duplicados/{pair.pk}/fusionar", {"keep": "a"})
    assert done.status_code == 201
    merge_id = done.json()["id"]
    assert api.get("/api/v1/duplicados/fusiones").json()["count"] == 1
    undone = post_json(api, f"/api/v1/duplicados/fusiones/{merge_id}/deshacer", {})
    assert undone.status_code == 200 and undone.json()["undone_at"]


def test_only_central_staff_start_a_search(registry, people):
    officer = api_client_for(people["zacapa"])
    assert post_json(officer, "/api/v1/duplicados/busquedas", {}).status_code == 403
    central = api_client_for(people["central"])
    started = post_json(central, "/api/v1/duplicados/busquedas", {"threshold": 0.9})
    assert started.status_code == 201 and started.json()["status"] == DedupRun.Status.DONE
    assert started.json()["pairs_found"] == 3
    assert central.get(f"/api/v1/duplicados/busquedas/{started.json()['id']}").json()["pairs_new"] == 3
    assert post_json(central, "/api/v1/duplicados/busquedas", {"threshold": 2}).status_code == 400


def test_merge_refusal_is_shown_on_the_pair_page(pairs, people):
    from tejido.common.testing import make_household

    pair = pairs["zacapa"]
    make_household(members=[(pair.person_a, "jefe"), (pair.person_b, "hijo")], name="Familia doble")
    page = client_for(people["zacapa"]).post(reverse("dedup_merge_pair", args=[pair.pk]), {"keep": "a"})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="merge_error"' in html
    assert "No se puede fusionar" in html and "Familia doble" in html
    assert not PersonMerge.objects.exists()
