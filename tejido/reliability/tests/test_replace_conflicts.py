"""Forms that save "the" row of a key (create or replace), decisions taken once (a duplicate pair,
undoing a merge, revoking an API token) and the daily attendance list: two officers load the same
page, the first saves, the second is told what is already there and nothing of the first's is lost
(docs/reliability.md, «Conflictos de edición»).

Create-or-replace: the second's save is refused with the existing row described next to the key
field, a «Reemplazar el registro existente» checkbox and the row's version in the hidden «version»;
a replace confirmed against a version that is no longer current is refused with the conflict
message; confirmed at the current version, it replaces."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from tejido.accounts.models import Role
from tejido.common.testing import client_for, make_user
from tejido.dedup.models import DuplicateCandidate, PersonMerge
from tejido.dedup.tests.conftest import registry  # noqa: F401 (fixture)
from tejido.planning.models import BudgetLine
from tejido.planning.tests.conftest import plan  # noqa: F401 (fixture)
from tejido.registry.models import Person
from tejido.women import services as women
from tejido.women.models import FairSale, IncomeReport
from tejido.women.tests.conftest import women as women_data  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

CONFLICT = ("Otra persona modificó este registro mientras usted lo editaba: revise los datos actuales y "
            "vuelva a guardar.")
REPLACE = "Reemplazar el registro existente"


def _once(response) -> str:
    return re.search(r'name="once" value="([^"]+)"', response.content.decode()).group(1)


def _version(response) -> str:
    return re.search(r'name="version" value="([^"]+)"', response.content.decode()).group(1)


def _text(response) -> str:
    """The page with the quotes Django escapes put back, to compare with the Spanish messages."""
    return response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")


def _replace_race(first, second, page: str, data_first: dict, data_second: dict, data_third: dict):
    """Both load `page`; the first saves; the second's save finds the row (the notice, the box, the
    version); the first replaces it knowingly; the second's replace, confirmed against the version
    it was shown, is refused with the conflict message and the row as it is now; confirmed again at
    that version, it replaces. Returns the three refusals/pages to check the texts."""
    once_first, once_second = _once(first.get(page)), _once(second.get(page))
    saved = first.post(page, {**data_first, "once": once_first})
    assert saved.status_code == 302, _text(saved)[:3000]
    found = second.post(page, {**data_second, "once": once_second})
    assert found.status_code == 200 and REPLACE in _text(found), _text(found)[:3000]
    seen = _version(found)
    # The first officer corrects the row: the same steps (the notice, then the box at its version).
    again = first.post(page, {**data_third, "once": _once(first.get(page))})
    assert REPLACE in _text(again)
    replaced = first.post(page, {**data_third, "once": _once(again), "replace": "on", "version": _version(again)})
    assert replaced.status_code == 302, _text(replaced)[:3000]
    stale = second.post(page, {**data_second, "once": once_second, "replace": "on", "version": seen})
    assert stale.status_code == 200 and CONFLICT in _text(stale), _text(stale)[:3000]
    assert _version(stale) != seen  # it now carries the current version
    return found, stale


@pytest.fixture
def zacapa_pair(people):
    second = make_user("zacapa2", Role.DEPARTMENT_OFFICER, departments=[people["zacapa"].departments.get()])
    return client_for(people["zacapa"]), client_for(second)


def _who(user) -> str:
    return user.get_full_name() or user.get_username()


def test_income_report(people, women_data, zacapa_pair):  # noqa: F811
    rosa = women_data["person"]["rosa"]
    first, second = zacapa_pair
    page = "/mujer/ingresos/"
    data = {"person_id": rosa.pk, "month": "2023-05", "fair_sales": "0"}
    found, stale = _replace_race(first, second, page, {**data, "own_sales": "1250"}, {**data, "own_sales": "900"},
                                 {**data, "own_sales": "1300"})
    assert (f"Ya existe un reporte de ingresos de {rosa.full_name} para mayo de 2023 (registrado por "
            f"{_who(people['zacapa'])} el ") in _text(found)
    assert ("): Q1,250.00 (ventas propias Q1,250.00, eventos comerciales Q0.00). Para reemplazarlo, marque "
            "«Reemplazar el registro existente» y guarde de nuevo.") in _text(found)
    assert "): Q1,300.00 (ventas propias Q1,300.00" in _text(stale)  # the row as it is now
    report = IncomeReport.objects.get(person=rosa)
    assert report.own_sales == Decimal("1300.00") and report.history.count() == 2
    # Confirmed at the version it was shown last, the second officer's replace goes through.
    done = second.post(page, {**data, "own_sales": "900", "once": _once(stale), "replace": "on",
                              "version": _version(stale)})
    assert done.status_code == 302
    assert IncomeReport.objects.get(person=rosa).own_sales == Decimal("900.00")


def test_income_report_box_without_the_version_does_not_replace(people, women_data, zacapa_pair):  # noqa: F811
    """Ticking the box is not enough: the version of the row the user was shown must come with it."""
    rosa = women_data["person"]["rosa"]
    women.income_report_save(acting_user=people["zacapa"], person=rosa, month=dt.date(2023, 5, 1), own_sales="10")
    _first, second = zacapa_pair
    refused = second.post("/mujer/ingresos/", {"person_id": rosa.pk, "month": "2023-05", "own_sales": "99",
                                               "replace": "on"})
    assert "Ya existe un reporte de ingresos" in _text(refused)
    assert IncomeReport.objects.get(person=rosa).own_sales == Decimal("10.00")


def test_fair_sale(people, women_data, zacapa_pair):  # noqa: F811
    rosa, ana = women_data["person"]["rosa"], women_data["person"]["ana"]
    fair = women.fair_create(acting_user=people["zacapa"], topic="Feria de Zacapa",
                             municipality=women_data["zacapa"].municipality, start=dt.date(2023, 5, 10),
                             end=dt.date(2023, 5, 11), sales=[(rosa, "300")])
    first, second = zacapa_pair
    page = f"/mujer/comercializacion/{fair.pk}/"
    found, stale = _replace_race(first, second, page, {"person_id": ana.pk, "amount": "120.25"},
                                 {"person_id": ana.pk, "amount": "80"}, {"person_id": ana.pk, "amount": "150"})
    assert (f"Ya existe una venta de {ana.full_name} en este evento (registrado por {_who(people['zacapa'])} el "
            in _text(found))
    assert "): Q120.25. Para reemplazarlo" in _text(found) and "): Q150.00. Para reemplazarlo" in _text(stale)
    assert FairSale.objects.get(fair=fair, person=ana).amount == Decimal("150.00")


def test_budget_line(people, plan):  # noqa: F811
    planner2 = make_user("planner2", Role.PLANNER)
    first, second = client_for(people["planner"]), client_for(planner2)
    activity = plan.activities.get(code="mujer")
    page = f"/planificacion/{plan.year}/presupuesto/"
    data = {"action": "line", "activity": activity.pk, "group": "200", "month": 3, "assigned": "300",
            "current": "320"}
    found, stale = _replace_race(first, second, page, {**data, "executed": "80"}, {**data, "executed": "95"},
                                 {**data, "executed": "85"})
    assert (f"Ya existe una línea de presupuesto de {activity.name}, grupo 200, marzo (registrado por "
            f"{_who(people['planner'])} el ") in _text(found)
    assert "): asignado Q300.00, vigente Q320.00, ejecutado Q80.00. Para reemplazarlo" in _text(found)
    assert "ejecutado Q85.00. Para reemplazarlo" in _text(stale)
    line = BudgetLine.objects.get(activity=activity, group="200", month=3)
    assert line.executed == Decimal("85.00") and line.updated_by == people["planner"]


# --- duplicate pairs: decided once ------------------------------------------------------------

@pytest.fixture
def candidate(registry):  # noqa: F811
    return DuplicateCandidate.objects.create(person_a=registry["maria"], person_b=registry["maria_again"],
                                             probability=0.99)


def _pair_version(response) -> str:
    return re.search(r'name="version" value="([^"]*)"', response.content.decode()).group(1)


def _decided(user) -> str:
    return f"Este par ya fue decidido por {_who(user)} el "


@pytest.mark.parametrize("second_action", ["merge", "reject"])
def test_duplicate_pair_decided_by_another_officer(people, zacapa_pair, candidate, second_action):
    first, second = zacapa_pair
    page = f"/duplicados/{candidate.pk}/"
    version = _pair_version(first.get(page))
    assert _pair_version(second.get(page)) == version
    assert first.post(f"{page}rechazar/", {"reason": "Son hermanas", "version": version}).status_code == 302
    if second_action == "merge":
        refused = second.post(f"{page}fusionar/", {"keep": "b", "version": version})
    else:
        refused = second.post(f"{page}rechazar/", {"reason": "Otro motivo", "version": version})
    assert refused.status_code == 200 and _decided(people["zacapa"]) in _text(refused), _text(refused)[:3000]
    assert "(no son la misma persona); no se cambió nada." in _text(refused)
    candidate.refresh_from_db()
    assert (candidate.status, candidate.reason, candidate.reviewed_by) == (
        DuplicateCandidate.Status.REJECTED, "Son hermanas", people["zacapa"])
    assert not PersonMerge.objects.exists() and Person.objects.filter(pk=candidate.person_b_id).exists()


def test_duplicate_pair_merged_twice_is_one_merge(people, zacapa_pair, candidate):
    first, second = zacapa_pair
    page = f"/duplicados/{candidate.pk}/"
    version = _pair_version(first.get(page))
    assert first.post(f"{page}fusionar/", {"keep": "a", "version": version}).status_code == 302
    refused = second.post(f"{page}fusionar/", {"keep": "b", "version": version})
    assert _decided(people["zacapa"]) in _text(refused)
    merge = PersonMerge.objects.get()
    assert (merge.survivor_id, merge.merged_by) == (candidate.person_a_id, people["zacapa"])


def test_duplicate_pair_undone_meanwhile_is_not_merged_on_a_stale_page(people, zacapa_pair, candidate):
    """The first merges and undoes: the pair is pending again, but the second's page was loaded
    before all that and is refused (its version is the pair's decision time)."""
    first, second = zacapa_pair
    page = f"/duplicados/{candidate.pk}/"
    stale = _pair_version(second.get(page))
    assert first.post(f"{page}fusionar/", {"keep": "a", "version": _pair_version(first.get(page))}).status_code == 302
    merge = PersonMerge.objects.get()
    assert first.post(f"/duplicados/fusiones/{merge.pk}/deshacer/").status_code == 302
    refused = second.post(f"{page}fusionar/", {"keep": "b", "version": stale})
    assert "Este par cambió mientras usted lo revisaba" in _text(refused)
    assert PersonMerge.objects.count() == 1 and Person.objects.filter(pk=candidate.person_b_id).exists()
    fresh = _pair_version(second.get(page))  # reviewed again: now it can be decided
    assert second.post(f"{page}fusionar/", {"keep": "b", "version": fresh}).status_code == 302
    assert PersonMerge.objects.count() == 2


def test_merge_undone_by_another_officer(people, zacapa_pair, candidate):
    from tejido.dedup.services import person_merge

    merge = person_merge(candidate=candidate, keep="a", acting_user=people["zacapa"])
    first, second = zacapa_pair
    url = f"/duplicados/fusiones/{merge.pk}/deshacer/"
    for client in (first, second):
        assert "Deshacer la fusión" in client.get(f"/duplicados/fusiones/{merge.pk}/").content.decode()
    assert first.post(url).status_code == 302
    undone_at = PersonMerge.objects.get().undone_at
    refused = second.post(url, HTTP_REFERER=f"/duplicados/fusiones/{merge.pk}/", follow=True)
    assert f"Esta fusión ya fue deshecha por {_who(people['zacapa'])} el " in _text(refused)
    merge.refresh_from_db()
    assert (merge.undone_at, merge.undone_by) == (undone_at, people["zacapa"])


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_on_a_pair_cannot_both_pass(people, candidate):
    """PostgreSQL: the first decision holds the pair's row lock (select_for_update) until it
    commits; the second, started meanwhile in another connection, waits, then reads the decision
    and is refused. Without the lock it would read «pending» and merge over the rejection."""
    import threading
    import time

    from django.db import connection, connections, transaction

    from tejido.common.errors import ApplicationError
    from tejido.dedup.services import candidate_reject, person_merge

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises whole write transactions (BEGIN IMMEDIATE): no row locks to test")
    outcome = {}

    def second():
        try:
            person_merge(candidate=DuplicateCandidate.objects.get(pk=candidate.pk), keep="b",
                         acting_user=people["central"])
            outcome["second"] = "merged"
        except ApplicationError as error:
            outcome["second"] = error.message
        finally:
            connections.close_all()

    with transaction.atomic():
        candidate_reject(candidate=candidate, reason="Son hermanas", acting_user=people["zacapa"])
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(1.5)  # the second is now waiting for the row
        assert "second" not in outcome
    thread.join(20)
    assert outcome["second"].startswith(_decided(people["zacapa"]))
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.REJECTED and not PersonMerge.objects.exists()


# --- API tokens: revoked once -----------------------------------------------------------------

def test_api_token_revoked_in_another_session_keeps_its_first_date(people):
    from tejido.accounts.models import ApiToken

    token, _key = ApiToken.issue(people["zacapa"], "Tableta")
    first, second = client_for(people["zacapa"]), client_for(people["zacapa"])  # two tabs or devices
    for client in (first, second):
        assert f"/cuenta/tokens/{token.pk}/revocar/" in client.get("/cuenta/tokens/").content.decode()
    assert first.post(f"/cuenta/tokens/{token.pk}/revocar/").status_code == 302
    revoked_at = ApiToken.objects.get(pk=token.pk).revoked_at
    again = second.post(f"/cuenta/tokens/{token.pk}/revocar/", follow=True)
    assert "Este token ya fue revocado el " in _text(again) and "Token revocado." not in _text(again)
    assert ApiToken.objects.get(pk=token.pk).revoked_at == revoked_at


# --- the daily attendance list ----------------------------------------------------------------

def test_daily_attendance_list(people):
    from tejido.common.testing import make_person
    from tejido.programs.models import RollCall
    from tejido.programs.services import enrolment_create

    cadi = people["zacapa_cadi"]
    kids = [enrolment_create(person=make_person(given_names=name, birth_date=dt.date(2021, 1, 10)), center=cadi,
                             program="childcare", start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
            for name in ("Ana", "Beto", "Cata")]
    first, second = client_for(people["zacapa"]), client_for(people["clerk"])
    url = f"/primera-infancia/centros/{cadi.pk}/asistencia/"
    page = f"{url}?fecha=2023-03-06"
    version = _pair_version(first.get(page))
    assert version == "" and _pair_version(second.get(page)) == ""  # no list yet
    saved = first.post(url, {"fecha": "2023-03-06", "presente": [kids[0].pk, kids[1].pk], "version": version})
    assert saved.status_code == 302
    refused = second.post(url, {"fecha": "2023-03-06", "presente": [kids[2].pk], "version": version})
    assert refused.status_code == 200 and CONFLICT in _text(refused)
    roll = RollCall.objects.get(center=cadi, date=dt.date(2023, 3, 6))
    assert set(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == {kids[0].pk, kids[1].pk}
    assert roll.taken_by == people["zacapa"]
    assert _text(refused).count("checked") == 2  # the page shows the first's list, with its version
    # A correction of the saved list by the first officer changes the version too (the marks count).
    current = _pair_version(refused)
    assert first.post(url, {"fecha": "2023-03-06", "presente": [kids[0].pk], "version": current}).status_code == 302
    assert CONFLICT in _text(second.post(url, {"fecha": "2023-03-06", "presente": [kids[2].pk],
                                              "version": current}))
    latest = _pair_version(second.get(page))
    assert second.post(url, {"fecha": "2023-03-06", "presente": [kids[2].pk], "version": latest}).status_code == 302
    assert list(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[2].pk]


# --- API: a PATCH that changes nothing writes nothing -----------------------------------------

@pytest.mark.parametrize("body", [{}, "same"])
def test_empty_patch_writes_no_history(people, body):
    from tejido.common.testing import ZACAPA_TOWN, api_client_for, make_household, make_person

    api = api_client_for(people["zacapa"])
    person = make_person(ZACAPA_TOWN, given_names="Rosa", first_surname="Caal")
    household = make_household(ZACAPA_TOWN, name="Familia Caal")
    cases = ((f"/api/v1/personas/{person.pk}", person, {"given_names": "Rosa", "first_surname": "Caal"}),
             (f"/api/v1/hogares/{household.pk}", household, {"name": "Familia Caal", "address": ""}))
    for url, record, same in cases:
        before = api.get(url).json()["version"]
        history = record.history.count()
        response = api.patch(url, same if body == "same" else body, content_type="application/json",
                             HTTP_IF_MATCH=f'"{before}"')
        assert response.status_code == 200, response.content
        assert response.json()["version"] == before
        record.refresh_from_db()
        assert record.updated_at.isoformat() == before and record.history.count() == history
    changed = api.patch(f"/api/v1/hogares/{household.pk}", {"address": "Barrio El Centro"},
                        content_type="application/json")
    assert changed.json()["version"] != before and household.history.count() == history + 1
