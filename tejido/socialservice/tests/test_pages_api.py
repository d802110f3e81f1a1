"""Pages and API: the request path, stock pages, outreach days, and scope (a Zacapa officer
cannot see or use Jutiapa's office stock or requests; planners see no names)."""

import datetime as dt
import json

import pytest
from django.test import Client

from tejido.common.models import AccessEvent
from tejido.common.testing import JUTIAPA_TOWN, make_person
from tejido.socialservice import services
from tejido.stock.models import StockLevel

pytestmark = pytest.mark.django_db
D = dt.date(2023, 3, 1)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def api_for(user):
    from tejido.common.testing import api_client_for

    return api_client_for(user)  # bound to a second-factor device for the administrator


@pytest.fixture
def jutiapa_request(people, ss):
    julia = make_person(JUTIAPA_TOWN, given_names="Julia", first_surname="Jutiapaneca")
    return services.request_create(person=julia, office=ss["jutiapa"], date=D, kind="producto",
                                   product=ss["products"]["muletas"], acting_user=people["jutiapa"])


def test_request_path_by_pages(people, ss):
    person = make_person(given_names="Rosario", first_surname="Cordón")
    client = client_for(people["zacapa"])
    search = client.get("/servicio-social/buscar-persona/?q=rosario").content.decode()
    assert "Cordón Caal, Rosario" in search and "Elegir" in search
    bad = client.post("/servicio-social/solicitudes/nueva/", {
        "person_id": person.pk, "office": ss["zacapa"].pk, "date": "2023-03-01", "kind": "producto",
        "quantity": 1})
    assert "Elija el producto solicitado" in bad.content.decode()
    response = client.post("/servicio-social/solicitudes/nueva/", {
        "person_id": person.pk, "office": ss["zacapa"].pk, "date": "2023-03-01", "kind": "producto",
        "product": ss["products"]["silla_ruedas"].pk, "quantity": 1, "description": "Fractura de cadera"})
    assert response.status_code == 302
    url = response["Location"]
    early = client.post(f"{url}entrega/", {"date": "2023-03-05"})
    assert early.status_code == 302
    assert "aún no está aprobada" in client.get(url).content.decode()
    no_reason = client.post(f"{url}estudio/", {"visit_date": "2023-03-03", "poverty_status": "pobreza",
                                               "social_worker": "Licda. Solís"})
    assert no_reason.status_code == 302
    denied = client.post(f"{url}resolucion/", {"decision": "denegar", "date": "2023-03-04", "reason": ""})
    assert denied.status_code == 400 and "motivo de la denegación" in denied.content.decode()
    assert client.post(f"{url}resolucion/", {"decision": "aprobar", "date": "2023-03-04"}).status_code == 302
    assert client.post(f"{url}entrega/", {"date": "2023-03-05"}).status_code == 302
    receipt = client.get(f"{url}constancia/").content.decode()
    assert "Constancia de entrega" in receipt and "SS-2023-" in receipt and "Rosario" in receipt
    assert StockLevel.objects.get(office=ss["zacapa"], product=ss["products"]["silla_ruedas"]).quantity == 9
    assert AccessEvent.objects.filter(model="socialservice.SupportRequest", user=people["zacapa"]).exists()


def test_stock_pages_entry_transfer_and_card(people, ss):
    client = client_for(people["zacapa"])
    assert "Sede Zacapa" in client.get("/servicio-social/existencias/").content.decode()
    assert "Sede Jutiapa" not in client.get("/servicio-social/existencias/").content.decode()
    url = f"/servicio-social/existencias/sedes/{ss['zacapa'].pk}/"
    bad = client.post(url, {"form": "entrada", "entrada-product": ss["products"]["baston"].pk,
                            "entrada-quantity": 5, "entrada-date": "2023-02-01", "entrada-origin": "donacion",
                            "entrada-reference": ""})
    assert "número de documento" in bad.content.decode()
    ok = client.post(url, {"form": "entrada", "entrada-product": ss["products"]["baston"].pk,
                           "entrada-quantity": 5, "entrada-date": "2023-02-01", "entrada-origin": "donacion",
                           "entrada-reference": "ACTA-7"})
    assert ok.status_code == 302
    card = client.get(f"{url}baston/").content.decode()
    assert "ACTA-7" in card and ">15<" in card
    # the only destinations offered are the officer's own offices: none other in Zacapa
    short = client.post(url, {"form": "traslado", "traslado-product": ss["products"]["baston"].pk,
                              "traslado-quantity": 1, "traslado-destination": ss["jutiapa"].pk,
                              "traslado-date": "2023-02-02"})
    assert "Elija una sede de la lista" in short.content.decode()


def test_outreach_pages(people, ss):
    client = client_for(people["zacapa"])
    response = client.post("/servicio-social/jornadas/", {
        "category": "jornada_medica", "office": ss["zacapa"].pk, "municipality": 1902, "date": "2023-06-01",
        "partner": "MSPAS", "men": 12, "women": 20})
    assert response.status_code == 302, response.content.decode()[:2000]
    day_url = response["Location"]
    person = make_person(given_names="Tomasa")
    assert client.post(day_url, {"form": "asistente", "asistente-person_id": person.pk}).status_code == 302
    short = client.post(day_url, {"form": "entrega", "entrega-product": ss["products"]["andador"].pk,
                                  "entrega-quantity": 11})
    assert "disponibles 10, solicitadas 11" in short.content.decode()
    assert client.post(day_url, {"form": "entrega", "entrega-product": ss["products"]["andador"].pk,
                                 "entrega-quantity": 2, "entrega-person_id": person.pk}).status_code == 302
    html = client.get(day_url).content.decode()
    assert "Tomasa" in html and "Sin registro: hombres 12, mujeres 20" in html
    listing = client.get("/servicio-social/jornadas/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "MSPAS" in listing and ">33<" in listing  # 12 + 20 counted + Tomasa


def test_zacapa_cannot_see_or_use_jutiapa_by_page(people, ss, jutiapa_request):
    client = client_for(people["zacapa"])
    assert "Julia" not in client.get("/servicio-social/").content.decode()
    url = f"/servicio-social/solicitudes/{jutiapa_request.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(f"{url}estudio/", {"visit_date": "2023-03-03", "poverty_status": "pobreza",
                                          "social_worker": "X"}).status_code == 404
    assert client.get(f"/servicio-social/existencias/sedes/{ss['jutiapa'].pk}/").status_code == 404
    assert client.get(f"/servicio-social/existencias/sedes/{ss['jutiapa'].pk}/muletas/").status_code == 404
    assert client.post(f"/servicio-social/existencias/sedes/{ss['jutiapa'].pk}/", {
        "form": "entrada", "entrada-product": ss["products"]["baston"].pk, "entrada-quantity": 5,
        "entrada-date": "2023-02-01", "entrada-origin": "compra", "entrada-reference": "X"}).status_code == 404
    form = client.get("/servicio-social/solicitudes/nueva/").content.decode()
    assert "Sede Zacapa" in form and "Sede Jutiapa" not in form
    assert "Julia" not in client.get("/servicio-social/buscar-persona/?q=julia").content.decode()
    assert client.get(f"/servicio-social/solicitudes/{jutiapa_request.pk}/constancia/").status_code == 404


def test_planner_sees_counts_not_names(people, ss, jutiapa_request):
    client = client_for(people["planner"])
    home = client.get("/servicio-social/").content.decode()
    assert "Julia" not in home and "cifras agregadas" in home
    assert client.get(f"/servicio-social/solicitudes/{jutiapa_request.pk}/").status_code == 403
    assert "Sede Jutiapa" in client.get("/servicio-social/existencias/").content.decode()
    assert api_for(people["planner"]).get("/api/v1/servicio-social/solicitudes").status_code == 403


def test_api_request_path_and_scope(people, ss, jutiapa_request):
    api = api_for(people["zacapa"])
    person = make_person(given_names="Lucía")

    def post(url, body):
        return api.post(f"/api/v1/servicio-social{url}", json.dumps(body), content_type="application/json")

    created = post("/solicitudes", {"person_id": person.pk, "office_id": ss["zacapa"].pk, "date": "2023-03-01",
                                    "kind": "producto", "product": "panales", "quantity": 4})
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    early = post(f"/solicitudes/{pk}/resolucion", {"approved": True, "date": "2023-03-02"})
    assert early.status_code == 400 and "estudio" in early.json()["detail"]
    assert post(f"/solicitudes/{pk}/estudio", {"visit_date": "2023-03-02", "poverty_status": "pobreza",
                                               "social_worker": "TS"}).status_code == 200
    assert post(f"/solicitudes/{pk}/resolucion", {"approved": True, "date": "2023-03-02"}).json()["status"] == \
        "aprobada"
    done = post(f"/solicitudes/{pk}/entrega", {"date": "2023-03-03"})
    assert done.status_code == 200 and done.json()["receipt"] == f"SS-2023-{pk:06d}"
    levels = api.get("/api/v1/servicio-social/existencias").json()
    assert {lv["office_id"] for lv in levels} == {ss["zacapa"].pk}
    assert {lv["product"]: lv["quantity"] for lv in levels}["panales"] == 6
    card = api.get(f"/api/v1/servicio-social/existencias/{ss['zacapa'].pk}/panales/tarjeta").json()
    assert [r["balance"] for r in card["rows"]] == [10, 6] and card["closing"] == 6
    listing = api.get("/api/v1/servicio-social/solicitudes").json()
    assert [r["id"] for r in listing["items"]] == [pk]
    # Jutiapa: not found, by every route
    assert api.get(f"/api/v1/servicio-social/solicitudes/{jutiapa_request.pk}").status_code == 404
    assert post(f"/solicitudes/{jutiapa_request.pk}/estudio", {
        "visit_date": "2023-03-02", "poverty_status": "pobreza", "social_worker": "TS"}).status_code == 404
    assert api.get(f"/api/v1/servicio-social/existencias/{ss['jutiapa'].pk}/muletas/tarjeta").status_code == 404
    assert post("/solicitudes", {"person_id": person.pk, "office_id": ss["jutiapa"].pk, "date": "2023-03-01",
                                 "kind": "servicio", "service": "hospedaje"}).status_code == 404
    assert post("/existencias/entradas", {"office_id": ss["jutiapa"].pk, "product": "baston", "quantity": 1,
                                          "date": "2023-03-01", "origin": "compra",
                                          "reference": "X"}).status_code == 404
    short = post("/existencias/traslados", {"office_id": ss["zacapa"].pk, "destination_office_id": ss["jutiapa"].pk,
                                            "product": "baston", "quantity": 1, "date": "2023-03-01"})
    assert short.status_code == 404


def test_api_outreach_and_stock_entry(people, ss):
    api = api_for(people["admin"])

    def post(url, body):
        return api.post(f"/api/v1/servicio-social{url}", json.dumps(body), content_type="application/json")

    entry = post("/existencias/entradas", {"office_id": ss["jutiapa"].pk, "product": "baston", "quantity": 4,
                                           "date": "2023-03-01", "origin": "donacion", "reference": "ACTA-1"})
    assert entry.status_code == 201 and entry.json()["delta"] == 4
    moved = post("/existencias/traslados", {"office_id": ss["jutiapa"].pk, "destination_office_id": ss["zacapa"].pk,
                                            "product": "baston", "quantity": 20, "date": "2023-03-02"})
    assert moved.status_code == 400 and "disponibles 14" in moved.json()["detail"]
    person = make_person(JUTIAPA_TOWN, given_names="Ramiro", sex="M")
    day = post("/jornadas", {"category": "servicios_integrados", "office_id": ss["jutiapa"].pk,
                             "municipality_id": 2202, "date": "2023-05-05", "partner": "SCEP", "men": 3, "women": 5,
                             "person_ids": [person.pk]})
    assert day.status_code == 201, day.content
    assert (day.json()["people"], day.json()["men"], day.json()["named"]) == (9, 3, 1)
    handed = post(f"/jornadas/{day.json()['id']}/entregas", {"product": "silla_ruedas", "quantity": 2,
                                                             "person_id": person.pk})
    assert handed.status_code == 201 and handed.json()["event_id"] == day.json()["id"]
    assert api_for(people["zacapa"]).get("/api/v1/servicio-social/jornadas").json()["count"] == 0
    assert api.get("/api/v1/servicio-social/jornadas").json()["count"] == 1
