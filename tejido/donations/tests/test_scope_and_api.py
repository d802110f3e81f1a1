"""Scope by page and API (a Zacapa officer cannot list, open, download or distribute Jutiapa
donations; planners see counts, not names) and the API paths."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.common.testing import make_person
from tejido.donations.models import Distribution, Donation
from tejido.stock.models import StockLevel

from .conftest import D

pytestmark = pytest.mark.django_db




def test_pages_are_scoped(people, don, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    juices = don["juices"]
    zacapa = _client(people["zacapa"])
    home = zacapa.get("/donaciones/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Taiwán" in home and "Atlántida" not in home
    assert zacapa.get(f"/donaciones/{juices.pk}/").status_code == 404
    assert zacapa.get(f"/donaciones/{juices.pk}/distribuir/").status_code == 404
    assert zacapa.get(f"/donaciones/{juices.pk}/documentos/certificado/").status_code == 404
    item = juices.items.first()
    response = zacapa.post(f"/donaciones/{juices.pk}/distribuir/", {
        "item": item.pk, "kind": "programa", "program": "women", "date": "2023-12-01", "quantity": 1, "receipt": "X"})
    assert response.status_code == 404 and Distribution.objects.count() == 0
    # creating at an office out of scope: the office is not among the choices
    form = {"received_on": "2023-03-01", "office": don["jutiapa"].pk, "donor_name": "X", "donor_kind": "privado",
            "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "1",
            "items-MAX_NUM_FORMS": "200", "items-0-description": "a", "items-0-quantity": "1",
            "items-0-category": "materiales", "items-0-value": "1"}
    assert "Elija una sede de su territorio" in zacapa.post("/donaciones/nueva/", form).content.decode()
    assert Donation.objects.count() == 2
    assert _client(people["planner"]).get("/donaciones/nueva/").status_code == 403
    assert _client(people["clerk"]).get(f"/donaciones/{don['taiwan'].pk}/").status_code == 404
    assert _client(people["auditor"]).get(f"/donaciones/{juices.pk}/").status_code == 200


def test_api_create_list_detail_distribute(people, don):
    api = _api(people["zacapa"])
    body = {"donor_name": "Embajada de la República de China (Taiwán)", "donor_kind": "internacional",
            "received_on": "2023-01-16", "office_id": don["zacapa"].pk,
            "items": [{"description": "tablet Samsung Galaxy Tab A", "quantity": 50, "unit": "unidad",
                       "category": "propiedad", "value": "62400.00"},
                      {"description": "bastones", "quantity": 10, "category": "materiales", "value": "500",
                       "product": "baston"}]}
    response = api.post("/api/v1/donaciones/", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["value"] == "62900.00" and data["balance"] == 60 and data["donor_kind"] == "internacional"
    assert [i["unit"] for i in data["items"]] == ["unidad", "unidad"]
    canes = data["items"][1]["id"]
    assert StockLevel.objects.get(office=don["zacapa"], product__code="baston").quantity == 10
    bad = api.post("/api/v1/donaciones/", json.dumps({**body, "items": [{**body["items"][0], "value": "-1"}]}),
                   content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "items.0.value"
    out_of_scope = api.post("/api/v1/donaciones/", json.dumps({**body, "office_id": don["jutiapa"].pk}),
                            content_type="application/json")
    assert out_of_scope.status_code == 400 and out_of_scope.json()["field"] == "office_id"
    listed = api.get("/api/v1/donaciones/?desde=2023-01-01&hasta=2023-12-31").json()
    assert listed["count"] == 2 and {d["code"] for d in listed["items"]} == {don["taiwan"].code, data["code"]}
    assert api.get(f"/api/v1/donaciones/{don['juices'].pk}").status_code == 404
    person = make_person(given_names="Eusebia")
    url = f"/api/v1/donaciones/{data['id']}/distribuciones"
    dist = {"item_id": canes, "kind": "beneficiario", "program": "social_service", "person_id": person.pk,
            "date": "2023-02-01", "quantity": 4, "receipt": "C-9"}
    created = api.post(url, json.dumps(dist), content_type="application/json")
    assert created.status_code == 201 and created.json()["stock_movement_id"] and created.json()["delivery_id"]
    again = api.post(url, json.dumps({**dist, "quantity": 7}), content_type="application/json")
    assert again.status_code == 400 and again.json() == {
        "detail": "La cantidad supera el saldo de la donación: quedan 6.", "field": "quantity"}
    other = api.post(f"/api/v1/donaciones/{don['juices'].pk}/distribuciones", json.dumps(dist),
                     content_type="application/json")
    assert other.status_code == 404
    detail = api.get(f"/api/v1/donaciones/{data['id']}").json()
    assert detail["balance"] == 56 and detail["distributions"][0]["person_id"] == person.pk
    planner = _api(people["planner"]).get(f"/api/v1/donaciones/{data['id']}").json()
    assert planner["balance"] == 56 and planner["distributions"][0]["person_id"] is None
    assert _api(people["planner"]).post(url, json.dumps(dist), content_type="application/json").status_code == 403
    jutiapa = _api(people["jutiapa"])
    assert jutiapa.get("/api/v1/donaciones/?desde=2023-01-01&hasta=2023-12-31").json()["count"] == 1


def test_api_document_upload(people, don, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    api = _api(people["zacapa"])
    url = f"/api/v1/donaciones/{don['taiwan'].pk}/documentos/factura"
    bad = api.post(url, {"file": SimpleUploadedFile("f.pdf", b"GIF89a")})
    assert bad.status_code == 400 and "no corresponde" in bad.json()["detail"]
    ok = api.post(url, {"file": SimpleUploadedFile("f.pdf", b"%PDF-1.7 x")})
    assert ok.status_code == 200 and ok.json()["has_invoice"] is True
    assert str(tmp_path) in Donation.objects.get(pk=don["taiwan"].pk).invoice.path
    other = api.post(f"/api/v1/donaciones/{don['juices'].pk}/documentos/factura",
                     {"file": SimpleUploadedFile("f.pdf", b"%PDF-1.7 x")})
    assert other.status_code == 404
    assert D.year == 2023 and dt.date.today() > D
