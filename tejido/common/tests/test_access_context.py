"""Where an access came from: client address (X-Forwarded-For only from a trusted proxy), channel,
browser family, API token name; and the record's department on each new event."""

import pytest
from django.test import Client, RequestFactory

from tejido.common.access_context import agent_family, client_ip
from tejido.common.audit import log_access, log_view
from tejido.common.models import AccessEvent, AccessEventPerson
from tejido.common.testing import (
    JUTIAPA,
    JUTIAPA_TOWN,
    ZACAPA,
    api_client_for,
    client_for,
    make_center,
    make_person,
)

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/126.0.6478.122 Mobile Safari/537.36")
EDGE = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 "
        "Safari/537.36 Edg/125.0.2535.92")
pytestmark = pytest.mark.django_db
SAFARI = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
          "Safari/605.1.15")


def _request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


# --- client address ------------------------------------------------------------------------

def test_without_trusted_proxies_the_peer_address_is_the_client_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request("203.0.113.9", forwarded="198.51.100.1")) == "203.0.113.9"
    assert client_ip(_request("127.0.0.1", forwarded="198.51.100.1")) == "127.0.0.1"


def test_behind_the_trusted_proxy_the_address_it_saw_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    # nginx appends $remote_addr: the rightmost entry is the address that connected to it
    assert client_ip(_request("127.0.0.1", forwarded="198.51.100.7")) == "198.51.100.7"
    # a client that writes its own header cannot choose its address: its entries are on the left
    assert client_ip(_request("127.0.0.1", forwarded="10.9.9.9, 198.51.100.7")) == "198.51.100.7"
    # no header: the proxy itself
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"
    # garbage in the header: the last address a trusted hop vouched for
    assert client_ip(_request("127.0.0.1", forwarded="no-es-una-ip")) == "127.0.0.1"
    # IPv6 clients
    assert client_ip(_request("::1", forwarded="2001:db8::7")) == "2001:db8::7"
    # a peer that is not the proxy is believed for nothing
    assert client_ip(_request("203.0.113.9", forwarded="198.51.100.7")) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_skipped_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(_request("127.0.0.1", forwarded="1.2.3.4, 198.51.100.7, 10.0.0.5")) == "198.51.100.7"


def test_a_request_without_a_usable_peer_address_has_none(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(_request("")) is None


def test_a_bad_trusted_proxies_entry_is_a_system_check_error(settings):
    from tejido.common.access_context import check_trusted_proxies

    settings.TRUSTED_PROXIES = ["127.0.0.1", "nginx"]
    assert [e.id for e in check_trusted_proxies()] == ["tejido.E001"]
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8", "::1"]
    assert check_trusted_proxies() == []


# --- browser or program ----------------------------------------------------------------------

@pytest.mark.parametrize("agent, family", [
    (FIREFOX, "Firefox 128 · Windows"),
    (CHROME_ANDROID, "Chrome 126 · Android"),
    (EDGE, "Edge 125 · Windows"),
    (SAFARI, "Safari 17 · macOS"),
    ("curl/8.5.0", "curl 8"),
    ("python-requests/2.32.3", "Python requests"),
    ("MiIntegracion/1.0 (+https://ejemplo.gt)", "MiIntegracion"),
    ("", ""),
])
def test_agent_family(agent, family):
    assert agent_family(agent) == family


# --- what each new event records -------------------------------------------------------------


def test_a_page_view_records_address_channel_browser_and_department(people, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    person = make_person()
    client = client_for(people["zacapa"])
    response = client.get(f"/personas/{person.pk}/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20",
                          HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 200
    event = AccessEvent.objects.get(model="registry.Person", object_id=str(person.pk), action="view")
    assert (event.ip_address, event.channel, event.user_agent, event.api_token) == (
        "198.51.100.20", "web", "Firefox 128 · Windows", "")
    assert event.department_id == ZACAPA


def test_an_api_read_records_the_token_name(people):
    person = make_person(JUTIAPA_TOWN)
    api = api_client_for(people["central"])  # token named "pruebas"
    assert api.get(f"/api/v1/personas/{person.pk}", HTTP_USER_AGENT="curl/8.5.0").status_code == 200
    event = AccessEvent.objects.get(model="registry.Person", object_id=str(person.pk))
    assert event.channel == "api"
    assert event.api_token.startswith("pruebas (tj_")
    assert event.user_agent == "curl 8"
    assert event.ip_address == "127.0.0.1"  # the test client's REMOTE_ADDR, no proxy configured
    assert event.department_id == JUTIAPA


def test_an_export_records_its_channel_and_the_people_it_carried(people):
    kept = [make_person(given_names="Ana"), make_person(given_names="Berta")]
    make_person(JUTIAPA_TOWN, given_names="Carla")  # outside the officer's scope
    client = client_for(people["zacapa"])
    response = client.get("/exportar/personas.csv", HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 200
    event = AccessEvent.objects.get(action="export")
    assert (event.channel, event.user_agent, event.detail["exported_people"]) == ("export", "Firefox 128 · Windows", 2)
    assert sorted(event.people.values_list("person_id", flat=True)) == sorted(p.pk for p in kept)


def test_an_export_over_the_cap_records_only_how_many(people, monkeypatch):
    from tejido.common import exports

    monkeypatch.setattr(exports, "EXPORT_PEOPLE_CAP", 2)
    for name in ("Ana", "Berta", "Carla"):
        make_person(given_names=name)
    client_for(people["zacapa"]).get("/exportar/personas.xlsx")
    event = AccessEvent.objects.get(action="export")
    assert event.detail["exported_people"] == "+2"
    assert not AccessEventPerson.objects.filter(event=event).exists()


def test_an_export_filtered_by_department_records_that_department(people):
    make_person()
    client_for(people["central"]).get(f"/exportar/personas.csv?department={ZACAPA}")
    client_for(people["central"]).get("/exportar/personas.csv?department=999")  # no such department
    assert list(AccessEvent.objects.filter(action="export").order_by("pk").values_list("department_id", flat=True)) \
        == [ZACAPA, None]


def test_a_list_export_of_one_record_does_not_take_that_records_number_for_a_department(people):
    """/exportar/inscripciones-childcare/<center>.csv logs model programs.Enrolment with the
    center's number: looking that number up as an enrolment would give a wrong department."""
    center = make_center(JUTIAPA_TOWN)
    response = client_for(people["central"]).get(f"/exportar/inscripciones-childcare/{center.pk}.csv")
    assert response.status_code == 200
    event = AccessEvent.objects.get(action="export")
    assert (event.object_id, event.department_id) == (str(center.pk), None)


def test_protection_case_exports_record_no_people(people):
    """The list of cases names children: which child is in it stays with the protection officer."""
    import datetime as dt

    from tejido.accounts.models import Role
    from tejido.common.testing import make_user, verify_second_factor
    from tejido.protection.services import case_report

    officer = make_user("proteccion1", Role.PROTECTION_OFFICER)
    case_report(child=make_person(birth_date=dt.date(2019, 4, 2)), center=people["zacapa_cadi"],
                reported_on=dt.date(2023, 3, 1), reporter_role="docente", reporter_name="Prof. Ana López",
                suspicion="fisica", description="Moretones.", acting_user=officer)
    client = Client()
    verify_second_factor(client, officer)
    response = client.get("/exportar/casos-proteccion.csv")
    assert response.status_code == 200 and len(b"".join(response.streaming_content).splitlines()) == 2
    event = AccessEvent.objects.get(action="export")
    assert "exported_people" not in event.detail and not event.people.exists()


def test_outside_a_request_the_channel_is_system_and_there_is_no_address(people):
    person = make_person(JUTIAPA_TOWN)
    log_view(people["central"], person)
    event = AccessEvent.objects.latest("pk")
    assert (event.channel, event.ip_address, event.user_agent, event.department_id) == ("system", None, "", JUTIAPA)


def test_department_is_read_for_a_record_named_by_number_and_never_for_guesses(people):
    person = make_person(JUTIAPA_TOWN)
    log_access(people["central"], "view", model="registry.Person", object_id=person.pk)
    log_access(people["central"], "denied", model="protection.ProtectionCase", object_id="99999999999999999999999")
    log_access(people["central"], "search", model="reports.Drill.childcare")
    log_access(people["central"], "view", model="registry.Person", object_id="abc")
    assert list(AccessEvent.objects.order_by("pk").values_list("department_id", flat=True)) == [
        JUTIAPA, None, None, None]


def test_writers_details_named_like_columns_stay_details(people):
    """reports/views.py logs department=<name>, donations people=[...]: details, not columns."""
    event = log_access(people["central"], "search", model="reports.Drill", department="Chimaltenango",
                       people=["Ana"], channel="x", record="y")
    event.refresh_from_db()
    assert event.detail == {"department": "Chimaltenango", "people": ["Ana"], "channel": "x", "record": "y"}
    assert (event.department_id, event.channel) == (None, "system")


def test_old_events_without_where_from_still_read(people):
    """Rows written before migration 0003 have no address, channel or department."""
    AccessEvent.objects.create(user=people["zacapa"], action="view", model="registry.Person", object_id="1")
    event = AccessEvent.objects.get()
    assert (event.ip_address, event.channel, event.department_id, event.user_agent) == (None, "", None, "")
