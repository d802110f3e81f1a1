"""The auditor's questions: each filter of the access log returns exactly the expected events;
readable names; links only inside the reader's scope; protection cases by number only; the API
with the same filters, and 403 for everyone else; the append-only trigger on PostgreSQL."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from tejido.common import access_records
from tejido.common.access_log import AccessFilters, access_events, describe, may_read
from tejido.common.models import AccessEvent, AccessEventPerson
from tejido.common.testing import JUTIAPA, ZACAPA, api_client_for, verify_second_factor

from .access_world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(people):
    return build(people)


@pytest.fixture
def auditor(people, world):
    return people["auditor"]


@pytest.fixture
def found(world):
    def run(reader, **filters) -> set[str]:
        """Names (in access_world) of the events the filters return."""
        names = {event.pk: name for name, event in vars(world.events).items()}
        return {names.get(pk, f"#{pk}") for pk in access_events(user=reader, filters=AccessFilters(**filters))
                .events.values_list("pk", flat=True)}
    return run


ALL = {"view_child", "export_child", "api_enrolment", "view_household", "view_other", "view_case", "search",
       "denied", "last_of_march", "old"}


def test_without_filters_the_auditor_sees_every_event_newest_first(auditor, world, found):
    assert found(auditor) == ALL
    ordered = list(access_events(user=auditor, filters=AccessFilters()).events)
    assert ordered == sorted(ordered, key=lambda e: (e.at, e.pk), reverse=True)


def test_person_finds_views_exports_and_api_reads_of_the_child_not_her_protection_case(auditor, world, found):
    expected = {"view_child", "export_child", "api_enrolment", "view_household", "old"}
    assert found(auditor, person="Lucía Cruz") == expected
    assert found(auditor, person="lucia cruz tzul") == expected  # accents and case, as the registry search
    assert found(auditor, person=world.child.cui) == expected  # by CUI
    assert found(auditor, person=str(world.child.pk)) == expected  # by registry number
    assert found(auditor, person=f"#{world.child.pk}") == expected
    assert found(auditor, person="Pedro Ajú") == {"view_other"}
    assert found(auditor, person="Nadie Nunca") == set()


def test_a_person_with_more_events_than_the_cap_gets_the_newest(auditor, world, found, monkeypatch):
    from tejido.common import access_log

    monkeypatch.setattr(access_log, "PERSON_EVENT_CAP", 2)
    query = access_events(user=auditor, filters=AccessFilters(person="Lucía Cruz"))
    assert query.events_capped and query.events.count() == 2
    html = Client()
    html.force_login(auditor)
    assert "solo se consideran sus 2 accesos más recientes" in html.get("/auditoria/accesos/",
                                                                       {"persona": "Lucía Cruz"}).content.decode()


def test_user_and_user_in_a_month(auditor, world, found):
    assert found(auditor, user="zacapa1") == {"view_child", "view_household", "old"}
    assert found(auditor, user="Zoila Xitumul") == {"view_child", "view_household", "old"}  # by name
    assert found(auditor, user="zacapa1", start=dt.date(2026, 4, 1), end=dt.date(2026, 4, 30)) == {"view_household"}
    assert found(auditor, user="nadie") == set()


def test_kind_of_access(auditor, world, found):
    assert found(auditor, action="export") == {"export_child"}
    assert found(auditor, action="api") == {"api_enrolment"}
    assert found(auditor, action="denied") == {"denied"}
    assert found(auditor, action="search") == {"search"}


def test_date_range_is_inclusive_in_guatemala_time(auditor, world, found):
    march = {"view_child", "export_child", "api_enrolment", "view_case", "last_of_march"}
    assert found(auditor, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)) == march
    assert found(auditor, start=dt.date(2026, 4, 1)) == {"view_household", "view_other", "denied"}
    assert found(auditor, end=dt.date(2026, 2, 27)) == {"search", "old"}


def test_department_channel_address_and_record(auditor, world, found):
    assert found(auditor, department=JUTIAPA) == {"view_other"}
    assert found(auditor, department=ZACAPA) == {"view_child", "api_enrolment", "view_household", "view_case",
                                                 "last_of_march"}
    assert found(auditor, channel="api") == {"api_enrolment"}
    assert found(auditor, channel="export") == {"export_child", "denied"}
    assert found(auditor, ip="203.0.113.5") == {"view_other"}
    assert found(auditor, ip="no-es-una-ip") == set()
    assert found(auditor, kind="caso-proteccion") == {"view_case"}
    assert found(auditor, kind="caso-proteccion", number=str(world.case.pk)) == {"view_case"}
    assert found(auditor, kind="persona", number=str(world.child.pk)) == {"view_child", "old"}
    assert found(auditor, kind="desconocido") == set()


def test_filters_combine(auditor, world, found):
    assert found(auditor, person="Lucía Cruz", channel="web", start=dt.date(2026, 1, 1)) == {"view_child",
                                                                                            "view_household"}
    assert found(auditor, person="Lucía Cruz", department=ZACAPA, action="api") == {"api_enrolment"}


def test_readable_rows(auditor, world, found):
    rows = {row.id: row for row in describe(access_events(user=auditor, filters=AccessFilters()).events, auditor)}
    e = world.events
    child = rows[e.view_child.pk]
    assert child.record_label == f"Persona: Lucía Cruz Tzul (registro {world.child.pk})"
    assert child.record_url == f"/personas/{world.child.pk}/"
    assert child.user_display == "Zoila Xitumul (zacapa1)"
    assert (child.action_label, child.department) == ("consulta", "Zacapa")
    assert child.where == "página web · Firefox 128 · Windows"
    assert child.kind == "persona"
    enrolment = rows[e.api_enrolment.pk]
    assert enrolment.record_label == "Inscripción: Lucía Cruz Tzul — CADI Zacapa"
    assert enrolment.record_url is None  # its page depends on the program
    assert enrolment.where == "API · token «RENAP (tj_abcd1…)» · curl 8"
    assert rows[e.view_household.pk].record_url == f"/hogares/{world.household.pk}/"
    export = rows[e.export_child.pk]
    assert export.record_label == "Lista «Personas»"
    assert export.detail == "XLSX; 1 persona; filtros: q=cruz"
    assert rows[e.search.pk].record_label == "Personas"
    assert rows[e.search.pk].detail == "búsqueda «Cruz»"
    assert rows[e.last_of_march.pk].record_label == "Centro: CADI Zacapa"
    old = rows[e.old.pk]
    assert (old.ip_address, old.where, old.department) == (None, "—", "")


def test_a_protection_case_is_named_by_number_only_and_never_linked(auditor, world, found):
    (row,) = describe([world.events.view_case], auditor)
    assert row.record_label == f"Caso de protección {world.case.pk}"
    assert row.record_url is None and row.protected
    text = " ".join(str(v) for v in vars(row).values())
    assert "Lucía" not in text and "Cruz" not in text and world.child.cui not in text


def test_links_only_inside_the_readers_scope(people, world):
    child, other = str(world.child.pk), str(world.other.pk)
    officer = people["zacapa"]  # a department officer: her scope is Zacapa
    assert access_records.record_links("registry.Person", [child, other], officer) == {child: f"/personas/{child}/"}
    assert access_records.record_links("registry.Person", [child, other], people["auditor"]).keys() == {child, other}
    assert access_records.record_links("registry.Person", [child], people["planner"]) == {}  # no personal data
    assert access_records.record_links("protection.ProtectionCase", [str(world.case.pk)], world.protection) == {}
    world.other.deleted_at = world.child.created_at
    world.other.save(update_fields=["deleted_at"])
    assert access_records.record_links("registry.Person", [other], people["auditor"]) == {}  # deleted: no page
    assert access_records.record_names("registry.Person", [other])[other].startswith("Persona: Pedro Ajú")


def test_every_link_opens_for_the_auditor(people, world):
    client = Client()
    client.force_login(people["auditor"])
    rows = describe(access_events(user=people["auditor"], filters=AccessFilters()).events, people["auditor"])
    urls = {row.record_url for row in rows if row.record_url}
    assert len(urls) >= 4
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_only_the_auditor_and_a_verified_administrator_read_the_log(people):
    assert may_read(people["auditor"])
    for persona in ("central", "zacapa", "jutiapa", "clerk", "planner"):
        assert not may_read(people[persona])
    assert not may_read(people["admin"])  # without the second factor (a token, say)


def test_every_logged_label_has_a_readable_name():
    """Writers name records by label; a new label the log cannot name would reach the auditor raw."""
    root = Path(__file__).resolve().parents[2]
    labels = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        labels |= set(re.findall(r'model=f?"([a-z]+\.[A-Z]\w*)', path.read_text(encoding="utf-8")))
    assert len(labels) > 15
    for label in labels:
        named = access_records.model_for(label) or any(
            label == p or label.startswith(p + ".") for p in access_records.OTHER_LABELS)
        assert named, label
        assert "." not in access_records.kind_name(label), label
    for label in access_records.LOGGED_RECORDS:
        assert access_records.model_for(label) is not None, label
    for slug, label in access_records.KIND_SLUGS.items():
        assert access_records.model_for(label) is not None, slug


# --- API -----------------------------------------------------------------------------------

def test_api_with_filters_and_pagination(auditor, world, found):
    api = api_client_for(auditor)
    answer = api.get("/api/v1/auditoria/accesos", {"persona": "Lucía Cruz", "page_size": 2})
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 5 and not body["count_capped"] and len(body["items"]) == 2
    first = body["items"][0]
    assert first["id"] == world.events.view_household.pk
    assert first["record_label"] == "Hogar: Familia Cruz Tzul"
    assert first["user_name"] == "Zoila Xitumul" and first["department"] == "Zacapa"
    assert "registry." not in answer.content.decode()
    april = api.get("/api/v1/auditoria/accesos", {"usuario": "zacapa1", "desde": "2026-04-01", "hasta": "2026-04-30"})
    assert [i["id"] for i in april.json()["items"]] == [world.events.view_household.pk]
    assert [i["id"] for i in api.get("/api/v1/auditoria/accesos", {"accion": "export"}).json()["items"]] == [
        world.events.export_child.pk]
    assert [i["id"] for i in api.get("/api/v1/auditoria/accesos", {"departamento": JUTIAPA}).json()["items"]] == [
        world.events.view_other.pk]
    case = api.get("/api/v1/auditoria/accesos", {"registro": "caso-proteccion"}).json()["items"]
    assert [(i["record_label"], i["record_url"]) for i in case] == [(f"Caso de protección {world.case.pk}", None)]
    assert api.get("/api/v1/auditoria/accesos", {"accion": "borrar"}).status_code == 422
    assert api.get("/api/v1/auditoria/accesos", {"ip": "no-es-ip"}).json()["count"] == 0


def test_api_searches_are_logged_after_the_answer(auditor, world, found):
    api = api_client_for(auditor)
    body = api.get("/api/v1/auditoria/accesos", {"usuario": "auditor1"}).json()
    assert body["count"] == 0  # its own search is not in the answer
    logged = AccessEvent.objects.filter(user=auditor, action="search", model="common.AccessEvent").get()
    assert logged.detail == {"filters": {"usuario": "auditor1"}} and logged.channel == "api"


@pytest.mark.parametrize("persona", ["central", "zacapa", "jutiapa", "clerk", "planner", "admin"])
def test_api_refuses_everyone_else_with_403(people, persona):
    assert api_client_for(people[persona]).get("/api/v1/auditoria/accesos").status_code == 403


def test_api_for_the_administrator_through_a_session_with_the_second_factor(people):
    client = Client()
    verify_second_factor(client, people["admin"])
    assert client.get("/api/v1/auditoria/accesos").status_code == 200


def test_api_is_read_only(people):
    api = api_client_for(people["auditor"])
    for method in ("post", "put", "patch", "delete"):
        assert getattr(api, method)("/api/v1/auditoria/accesos").status_code == 405


# --- append-only on PostgreSQL -------------------------------------------------------------

@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only")
def test_postgresql_trigger_still_refuses_update_and_delete_after_the_new_columns(people, world):
    for statement in (lambda: AccessEvent.objects.filter(pk=world.events.view_child.pk).update(ip_address="1.1.1.1"),
                      lambda: AccessEvent.objects.filter(pk=world.events.view_child.pk).update(department_id=JUTIAPA),
                      lambda: AccessEvent.objects.filter(pk=world.events.view_child.pk).delete(),
                      lambda: AccessEventPerson.objects.filter(event=world.events.export_child).update(person_id=1),
                      lambda: AccessEventPerson.objects.filter(event=world.events.export_child).delete()):
        with pytest.raises(DatabaseError, match="solo anexar"), transaction.atomic():
            statement()
    event = AccessEvent.objects.get(pk=world.events.view_child.pk)
    assert (event.ip_address, event.department_id) == ("198.51.100.1", ZACAPA)
    assert list(world.events.export_child.people.values_list("person_id", flat=True)) == [world.child.pk]


@pytest.fixture
def keep_test_connection():
    """As in security/tests/test_api_fuzz.py: the WSGI handler would close the test's connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_extreme_dates_do_not_fail(auditor, world, found):
    assert found(auditor, start=dt.date.min, end=dt.date.max) == ALL
    assert found(auditor, start=dt.date.max) == set()


def test_api_fuzzed_as_the_auditor_never_fails(people, world, keep_test_connection):
    """schemathesis on this one operation with the auditor's token (the project's fuzz test runs as
    central staff, who only gets 403 here): any filter values, never a 5xx, always the schema."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

    from config.wsgi import application
    from tejido.accounts.models import ApiToken

    _token, key = ApiToken.issue(people["auditor"], "fuzz")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    (operation,) = [r.ok() for r in schema.get_all_operations() if r.ok().path == "/api/v1/auditoria/accesos"]

    @given(case=operation.as_strategy())
    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(headers={"Authorization": f"Bearer {key}", "Accept-Encoding": "identity"},
                               checks=[not_a_server_error, response_schema_conformance, content_type_conformance])

    run()
