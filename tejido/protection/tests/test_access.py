"""Confidentiality: only the protection officer role lists, opens, creates or changes a case.
Everyone else, administrators included, gets the same "not found" as for a missing id, and
the attempt is logged. Every opening and listing by the officer is logged too."""

import datetime as dt
import re

import pytest
from django.test import Client

from tejido.accounts.models import Role
from tejido.common.models import AccessEvent
from tejido.common.testing import make_user, verify_second_factor
from tejido.protection.access import is_protection_officer
from tejido.protection.models import CaseAction, ProtectionCase

pytestmark = pytest.mark.django_db
OUTSIDERS = ["admin", "central", "auditor", "zacapa", "jutiapa", "clerk", "planner"]
MODEL = "protection.ProtectionCase"


def normalised(response, path: str) -> str:
    """The page minus what differs by nature: CSRF tokens (masked afresh every time) and
    the page's own address (in the language form)."""
    page = response.content.decode().replace(path, "PATH")
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", page)


def client_for(user) -> Client:
    client = Client()
    if user.needs_second_factor:
        verify_second_factor(client, user)  # otherwise they would only see the 2FA redirect
    else:
        client.force_login(user)
    return client


@pytest.fixture
def case(report):
    return report()


def urls(pk):
    base = f"/proteccion/{pk}/"
    return {"list": "/proteccion/", "report": "/proteccion/nuevo/", "detail": base, "action": f"{base}acciones/",
            "refer": f"{base}referir/", "close": f"{base}cerrar/"}


def posts(child, center):
    return {
        "report": {"child_id": child.pk, "center_id": center.pk, "reported_on": "2023-05-02",
                   "reporter_role": "docente", "suspicion": "fisica", "description": "Golpes."},
        "action": {"accion-date": "2023-03-05", "accion-kind": "entrevista", "accion-done_by": "X"},
        "refer": {"referencia-date": "2023-03-05", "referencia-authority": "mp", "referencia-done_by": "X"},
        "close": {"cierre-closed_on": "2023-03-06", "cierre-closing_summary": "Concluido."},
    }


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_everyone_else_gets_the_same_not_found(people, case, child, persona):
    user = people[persona]
    client = client_for(user)
    missing = normalised(client.get("/proteccion/999999/"), "/proteccion/999999/")
    assert "No se encontró el registro" in missing
    for name, url in urls(case.pk).items():
        response = client.get(url)
        assert response.status_code == 404, (persona, name)
        # Same page as for an id that does not exist: nothing to tell cases apart.
        assert normalised(response, url) == missing, (persona, name)
        assert case.description.encode() not in response.content
    for name, data in posts(child, people["zacapa_cadi"]).items():
        assert client.post(urls(case.pk)[name], data).status_code == 404, (persona, name)
    case.refresh_from_db()
    assert case.status == "abierto" and case.closed_on is None
    assert ProtectionCase.objects.count() == 1 and CaseAction.objects.count() == 0
    denied = AccessEvent.objects.filter(user=user, model=MODEL, action=AccessEvent.Action.DENIED)
    assert denied.filter(object_id=str(case.pk)).count() == 7  # detail, then its 3 forms by GET and by POST
    assert not AccessEvent.objects.filter(user=user, model=MODEL).exclude(action=AccessEvent.Action.DENIED).exists()


def test_a_superuser_is_an_administrator_here_whatever_the_role(people, case):
    boss = make_user("jefa", Role.PROTECTION_OFFICER)
    boss.is_superuser = True
    boss.save()
    assert not is_protection_officer(boss)
    assert client_for(boss).get(f"/proteccion/{case.pk}/").status_code == 404


def test_an_inactive_officer_sees_nothing(officer):
    officer.is_active = False
    assert not is_protection_officer(officer)


def test_the_officer_lists_and_opens_and_each_time_it_is_logged(officer, case):
    client = client_for(officer)
    listing = client.get("/proteccion/?estado=abierto")
    assert listing.status_code == 200 and "Cruz Caal, Lucía" in listing.content.decode()
    search = AccessEvent.objects.get(user=officer, action=AccessEvent.Action.SEARCH, model=MODEL)
    assert search.detail == {"status": "abierto"}
    for _ in range(2):
        page = client.get(f"/proteccion/{case.pk}/")
        assert page.status_code == 200 and case.description in page.content.decode()
    views = AccessEvent.objects.filter(user=officer, action=AccessEvent.Action.VIEW, model=MODEL,
                                       object_id=str(case.pk))
    assert views.count() == 2


def test_the_case_does_not_leak_through_the_childs_page_or_history_or_admin(people, case, child):
    for persona in ("admin", "central", "auditor"):
        client = client_for(people[persona])
        page = client.get(f"/personas/{child.pk}/")
        assert page.status_code == 200
        assert case.description not in page.content.decode() and "/proteccion/" not in page.content.decode()
    admin = client_for(people["admin"])
    assert admin.get("/configuracion/protection/protectioncase/").status_code == 404
    assert admin.get(f"/historial/caso/{case.pk}/").status_code == 404


def test_the_list_costs_the_same_queries_for_one_case_or_many(officer, report, django_assert_max_num_queries):
    client = client_for(officer)
    report()
    client.get("/proteccion/")  # warm the session and user caches
    with django_assert_max_num_queries(12) as few:
        client.get("/proteccion/")
    for day in range(2, 12):
        report(reported_on=dt.date(2023, 3, day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/proteccion/")
