"""Attacks on the social service: guessed request, receipt and outreach ids, POST bodies naming
out-of-scope people and offices, read-only roles writing, planners reading names, bad
quantities and dates, unescaped text, and unlogged reads of names."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.common.testing import post_json as _post_json
from tejido.programs.models import Delivery
from tejido.socialservice import services
from tejido.socialservice.models import OutreachDay, SupportRequest
from tejido.stock.models import Movement
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
D = dt.date(2023, 3, 1)





@pytest.fixture
def cases(people, ss):
    """A delivered Zacapa request (Rosario) and a pending Jutiapa one (Julia)."""
    rosario = make_person(given_names="Rosario", first_surname="Cordón")
    julia = make_person(JUTIAPA_TOWN, given_names="Julia", first_surname="Jutiapaneca")
    zacapa = services.request_create(person=rosario, office=ss["zacapa"], date=D, kind="producto",
                                     product=ss["products"]["muletas"], acting_user=people["zacapa"])
    services.request_study(request=zacapa, visit_date=D, poverty_status="pobreza", social_worker="Licda. Solís",
                           acting_user=people["zacapa"])
    services.request_decide(request=zacapa, approved=True, date=D, acting_user=people["zacapa"])
    zacapa = services.request_deliver(request=zacapa, date=D, acting_user=people["zacapa"])
    jutiapa = services.request_create(person=julia, office=ss["jutiapa"], date=D, kind="servicio",
                                      service="transporte", acting_user=people["jutiapa"])
    return {"zacapa": zacapa, "jutiapa": jutiapa, "rosario": rosario, "julia": julia}


# --- requests and receipts ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", "constancia/"])
def test_jutiapa_officer_cannot_read_a_zacapa_request_or_receipt(people, cases, suffix):
    client = _client(people["jutiapa"])
    hidden = client.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/{suffix}")
    missing = client.get(f"/servicio-social/solicitudes/99999999/{suffix}")
    assert hidden.status_code == missing.status_code == 404
    assert "Rosario" not in hidden.content.decode()


@pytest.mark.parametrize("step, data", [
    ("estudio", {"visit_date": "2023-03-02", "poverty_status": "pobreza_extrema", "social_worker": "X"}),
    ("resolucion", {"decision": "denegar", "date": "2023-03-02", "reason": "No procede"}),
    ("entrega", {"date": "2023-03-02"}),
])
def test_zacapa_officer_cannot_move_a_jutiapa_request(people, cases, step, data):
    response = _client(people["zacapa"]).post(f"/servicio-social/solicitudes/{cases['jutiapa'].pk}/{step}/", data)
    assert response.status_code == 404
    api_step = {"estudio": ("estudio", {"visit_date": "2023-03-02", "poverty_status": "pobreza",
                                        "social_worker": "X"}),
                "resolucion": ("resolucion", {"approved": False, "date": "2023-03-02", "reason": "No"}),
                "entrega": ("entrega", {"date": "2023-03-02"})}[step]
    answer = _post_json(_api(people["zacapa"]),
                        f"/api/v1/servicio-social/solicitudes/{cases['jutiapa'].pk}/{api_step[0]}", api_step[1])
    assert answer.status_code == 404
    cases["jutiapa"].refresh_from_db()
    assert cases["jutiapa"].status == SupportRequest.Status.REQUESTED and cases["jutiapa"].visit_date is None


def test_api_request_reads_are_scoped(people, cases):
    api = _api(people["jutiapa"])
    assert api.get(f"/api/v1/servicio-social/solicitudes/{cases['zacapa'].pk}").status_code == 404
    ids = [r["id"] for r in api.get("/api/v1/servicio-social/solicitudes").json()["items"]]
    assert ids == [cases["jutiapa"].pk]


def test_request_cannot_name_an_out_of_scope_person_or_office(people, ss, cases):
    client = _client(people["zacapa"])
    before = SupportRequest.objects.count()
    response = client.post("/servicio-social/solicitudes/nueva/", {
        "person_id": cases["julia"].pk, "office": ss["zacapa"].pk, "date": "2023-03-01", "kind": "servicio",
        "service": "transporte"})
    assert "No existe una persona con ese número en su territorio" in response.content.decode()
    response = client.post("/servicio-social/solicitudes/nueva/", {
        "person_id": cases["rosario"].pk, "office": ss["jutiapa"].pk, "date": "2023-03-01", "kind": "servicio",
        "service": "transporte"})
    assert "Elija una sede de la lista" in response.content.decode()
    api = _api(people["zacapa"])
    assert _post_json(api, "/api/v1/servicio-social/solicitudes", {
        "person_id": cases["julia"].pk, "office_id": ss["zacapa"].pk, "date": "2023-03-01", "kind": "servicio",
        "service": "transporte"}).status_code == 404
    assert _post_json(api, "/api/v1/servicio-social/solicitudes", {
        "person_id": cases["rosario"].pk, "office_id": ss["jutiapa"].pk, "date": "2023-03-01", "kind": "servicio",
        "service": "transporte"}).status_code == 404
    assert SupportRequest.objects.count() == before


def test_planner_sees_no_names_and_cannot_open_requests(people, cases):
    planner = _client(people["planner"])
    home = planner.get("/servicio-social/").content.decode()
    assert "Rosario" not in home and "Cordón" not in home
    assert planner.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/").status_code == 403
    assert planner.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/constancia/").status_code == 403
    assert planner.get("/servicio-social/buscar-persona/?q=Rosario").status_code == 403
    api = _api(people["planner"])
    assert api.get("/api/v1/servicio-social/solicitudes").status_code == 403
    assert api.get(f"/api/v1/servicio-social/solicitudes/{cases['zacapa'].pk}").status_code == 403


def test_auditor_and_planner_cannot_change_a_request(people, cases):
    url = f"/servicio-social/solicitudes/{cases['jutiapa'].pk}/estudio/"
    data = {"visit_date": "2023-03-02", "poverty_status": "pobreza", "social_worker": "Auditora"}
    _client(people["auditor"]).post(url, data)
    assert _client(people["planner"]).post(url, data).status_code == 403
    answer = _post_json(_api(people["auditor"]), f"/api/v1/servicio-social/solicitudes/{cases['jutiapa'].pk}/estudio",
                        {"visit_date": "2023-03-02", "poverty_status": "pobreza", "social_worker": "A"})
    assert answer.status_code == 403
    cases["jutiapa"].refresh_from_db()
    assert cases["jutiapa"].status == SupportRequest.Status.REQUESTED


def test_clerk_sees_no_request(people, cases):
    clerk = _client(people["clerk"])
    assert clerk.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/").status_code == 404
    assert clerk.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/constancia/").status_code == 404


def test_receipt_of_an_undelivered_request_is_not_found(people, cases):
    assert _client(people["jutiapa"]).get(
        f"/servicio-social/solicitudes/{cases['jutiapa'].pk}/constancia/").status_code == 404


@pytest.mark.parametrize("quantity", [0, -1, 101, 10**12])
def test_request_quantity_out_of_range_is_refused(people, ss, cases, quantity):
    before = SupportRequest.objects.count()
    answer = _post_json(_api(people["zacapa"]), "/api/v1/servicio-social/solicitudes", {
        "person_id": cases["rosario"].pk, "office_id": ss["zacapa"].pk, "date": "2023-03-01", "kind": "producto",
        "product": "muletas", "quantity": quantity})
    assert answer.status_code in (400, 422)
    assert SupportRequest.objects.count() == before


@pytest.mark.parametrize("quantity", ["1.5", "-3", "0", "abc"])
def test_request_quantity_by_page_is_refused(people, ss, cases, quantity):
    before = SupportRequest.objects.count()
    response = _client(people["zacapa"]).post("/servicio-social/solicitudes/nueva/", {
        "person_id": cases["rosario"].pk, "office": ss["zacapa"].pk, "date": "2023-03-01", "kind": "producto",
        "product": ss["products"]["muletas"].pk, "quantity": quantity})
    assert response.status_code == 200
    assert SupportRequest.objects.count() == before


def test_request_dated_in_the_future_is_refused(people, ss, cases):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    answer = _post_json(_api(people["zacapa"]), "/api/v1/servicio-social/solicitudes", {
        "person_id": cases["rosario"].pk, "office_id": ss["zacapa"].pk, "date": tomorrow.isoformat(),
        "kind": "servicio", "service": "transporte"})
    assert answer.status_code == 400 and "futuro" in answer.json()["detail"]


def test_request_description_is_escaped(people, ss, cases):
    created = services.request_create(person=cases["rosario"], office=ss["zacapa"], date=D, kind="servicio",
                                      service="hospedaje", description="<img src=x onerror=alert(1)>",
                                      acting_user=people["zacapa"])
    body = _client(people["zacapa"]).get(f"/servicio-social/solicitudes/{created.pk}/").content.decode()
    assert "<img src=x onerror=alert(1)>" not in body


def test_request_detail_and_receipt_are_logged(people, cases):
    client = _client(people["zacapa"])
    client.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/")
    client.get(f"/servicio-social/solicitudes/{cases['zacapa'].pk}/constancia/")
    assert AccessEvent.objects.filter(user=people["zacapa"], model="socialservice.SupportRequest",
                                      object_id=str(cases["zacapa"].pk)).count() == 2


def test_person_search_that_shows_names_is_logged(people, cases):
    """The registry's own search logs a search of names; the social service's person picker
    shows the same names and must log too."""
    body = _client(people["zacapa"]).get("/servicio-social/buscar-persona/?q=Rosario").content.decode()
    assert "Cordón" in body
    assert AccessEvent.objects.filter(user=people["zacapa"], action=AccessEvent.Action.SEARCH).exists()


def test_request_list_with_names_is_logged(people, cases):
    body = _client(people["zacapa"]).get("/servicio-social/").content.decode()
    assert "Cordón" in body
    assert AccessEvent.objects.filter(user=people["zacapa"]).exists()


# --- outreach days -----------------------------------------------------------------------------


@pytest.fixture
def days(people, ss):
    zacapa = services.outreach_create(office=ss["zacapa"], category="jornada_medica",
                                      municipality=Municipality.objects.get(pk=ZACAPA_TOWN), date=D, men=2, women=3,
                                      acting_user=people["zacapa"])
    jutiapa = services.outreach_create(office=ss["jutiapa"], category="jornada_medica",
                                       municipality=Municipality.objects.get(pk=JUTIAPA_TOWN), date=D, men=1,
                                       women=1, acting_user=people["jutiapa"])
    return {"zacapa": zacapa, "jutiapa": jutiapa}


def test_jutiapa_officer_cannot_open_or_use_a_zacapa_outreach_day(people, ss, days):
    client = _client(people["jutiapa"])
    url = f"/servicio-social/jornadas/{days['zacapa'].pk}/"
    assert client.get(url).status_code == 404
    response = client.post(url, {"form": "entrega", "entrega-product": ss["products"]["baston"].pk,
                                 "entrega-quantity": 1})
    assert response.status_code == 404
    answer = _post_json(_api(people["jutiapa"]), f"/api/v1/servicio-social/jornadas/{days['zacapa'].pk}/entregas",
                        {"product": "baston", "quantity": 1})
    assert answer.status_code == 404
    assert not Delivery.objects.filter(event=days["zacapa"].event).exists()


def test_outreach_delivery_cannot_name_a_jutiapa_person(people, ss, days, cases):
    client = _client(people["zacapa"])
    response = client.post(f"/servicio-social/jornadas/{days['zacapa'].pk}/", {
        "form": "entrega", "entrega-product": ss["products"]["baston"].pk, "entrega-quantity": 1,
        "entrega-person_id": cases["julia"].pk})
    assert "No existe una persona con ese número en su territorio" in response.content.decode()
    response = client.post(f"/servicio-social/jornadas/{days['zacapa'].pk}/", {
        "form": "asistente", "asistente-person_id": cases["julia"].pk})
    assert "No existe una persona con ese número en su territorio" in response.content.decode()
    answer = _post_json(_api(people["zacapa"]), f"/api/v1/servicio-social/jornadas/{days['zacapa'].pk}/entregas",
                        {"product": "baston", "quantity": 1, "person_id": cases["julia"].pk})
    assert answer.status_code == 404
    assert not Delivery.objects.filter(event=days["zacapa"].event).exists()
    assert not days["zacapa"].event.participants.exists()


@pytest.mark.parametrize("quantity", [0, -5, 100_001, 10**15])
def test_outreach_delivery_quantity_out_of_range(people, days, quantity):
    before = Movement.objects.count()
    answer = _post_json(_api(people["zacapa"]), f"/api/v1/servicio-social/jornadas/{days['zacapa'].pk}/entregas",
                        {"product": "baston", "quantity": quantity})
    assert answer.status_code in (400, 422)
    assert Movement.objects.count() == before
    assert not Delivery.objects.filter(event=days["zacapa"].event).exists()


def test_outreach_create_with_out_of_scope_office_or_place(people, ss):
    api = _api(people["zacapa"])
    base = {"category": "jornada_medica", "date": "2023-03-01", "men": 1, "women": 1}
    assert _post_json(api, "/api/v1/servicio-social/jornadas",
                      base | {"office_id": ss["jutiapa"].pk, "municipality_id": ZACAPA_TOWN}).status_code == 404
    answer = _post_json(api, "/api/v1/servicio-social/jornadas",
                        base | {"office_id": ss["zacapa"].pk, "municipality_id": JUTIAPA_TOWN})
    assert answer.status_code == 400 and "fuera de los departamentos" in answer.json()["detail"]
    assert _post_json(api, "/api/v1/servicio-social/jornadas",
                      base | {"office_id": ss["zacapa"].pk, "municipality_id": ZACAPA_TOWN,
                              "men": -1}).status_code == 422
    assert not OutreachDay.objects.exists()


def test_read_only_roles_cannot_write_outreach(people, ss, days):
    for role in ("planner", "auditor"):
        answer = _post_json(_api(people[role]), f"/api/v1/servicio-social/jornadas/{days['zacapa'].pk}/entregas",
                            {"product": "baston", "quantity": 1})
        assert answer.status_code == 403
        _client(people[role]).post(f"/servicio-social/jornadas/{days['zacapa'].pk}/", {
            "form": "entrega", "entrega-product": ss["products"]["baston"].pk, "entrega-quantity": 1})
    assert not Delivery.objects.filter(event=days["zacapa"].event).exists()


def test_planner_sees_outreach_counts_but_no_names(people, ss, days, cases):
    services.outreach_add_participant(outreach=days["zacapa"], person=cases["rosario"], acting_user=people["zacapa"])
    body = _client(people["planner"]).get(f"/servicio-social/jornadas/{days['zacapa'].pk}/").content.decode()
    assert "Cordón" not in body and "Rosario" not in body


# --- figures -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/servicio-social/cifras/",
                                 "/api/v1/servicio-social/cifras?desde=2023-01-01&hasta=2023-12-31"])
def test_clerk_gets_empty_figures_not_a_server_error(people, cases, url):
    """A center clerk's scope admits no social-service row: restrict() gives qs.none(), which
    people_by_department turns into raw SQL (sql_with_params) and Django raises EmptyResultSet."""
    client = _api(people["clerk"]) if url.startswith("/api/") else _client(people["clerk"])
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 200
    assert "Cordón" not in response.content.decode()


def test_planner_figures_carry_no_names(people, cases):
    body = _client(people["planner"]).get("/servicio-social/cifras/?desde=2023-01-01&hasta=2023-12-31")
    assert body.status_code == 200 and "Cordón" not in body.content.decode()
