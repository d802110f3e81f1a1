"""Pages and API: creating through the form, scope by page and API (a Zacapa officer cannot
list, open or change Jutiapa agreements), planners read counts, the demo loader."""

import datetime as dt
import random

import pytest

from tejido.agreements import services
from tejido.agreements.models import Agreement, CenterDocument
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.common.testing import post_json as _post_json

from .conftest import pdf

pytestmark = pytest.mark.django_db





@pytest.fixture
def jutiapa_agreement(people, places):
    return services.agreement_create(
        acting_user=people["jutiapa"], counterparty_name="Municipalidad de Jutiapa", counterparty_kind="municipalidad",
        program="childcare", start_date=dt.date(2023, 1, 1), end_date=dt.date(2024, 12, 31),
        centers=[places["jutiapa_cadi"]], municipality=places["jutiapa_cadi"].municipality, document=pdf())


def test_create_by_page_with_errors_next_to_the_field(people, places):
    client = _client(people["zacapa"])
    form = {"counterparty_name": "Municipalidad de Zacapa", "counterparty_kind": "municipalidad",
            "municipality": 1901, "program": "childcare", "number": "CONV-7", "start_date": "2023-05-01",
            "end_date": "2023-04-30", "status": "vigente", "centers": [places["zacapa_cadi"].pk],
            "document": pdf()}
    bad = client.post("/convenios/nuevo/", form)
    html = bad.content.decode()
    assert bad.status_code == 200 and 'id="id_end_date_error"' in html and "antes de empezar" in html
    assert not Agreement.all_objects.exists()
    foreign = client.post("/convenios/nuevo/", {**form, "end_date": "2024-04-30",
                                                "centers": [places["jutiapa_cadi"].pk], "document": pdf()})
    assert "Elija centros de la lista" in foreign.content.decode() and not Agreement.all_objects.exists()
    ok = client.post("/convenios/nuevo/", {**form, "end_date": "2024-04-30", "document": pdf()})
    agreement = Agreement.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/convenios/{agreement.pk}/"
    detail = client.get(ok["Location"]).content.decode()
    assert "CADI Zacapa" in detail and "convenio.pdf" in detail
    listing = client.get("/convenios/?programa=childcare").content.decode()
    assert "Municipalidad de Zacapa" in listing
    rescind = client.post(f"/convenios/{agreement.pk}/estado/", {"status": "rescindido", "terminated_on": "2022-01-01"})
    assert rescind.status_code == 400 and "entre el inicio y el fin" in rescind.content.decode()
    assert client.post(f"/convenios/{agreement.pk}/estado/",
                       {"status": "rescindido", "terminated_on": "2023-09-01"}).status_code == 302
    assert "Rescindido" in client.get(f"/convenios/{agreement.pk}/").content.decode()


def test_zacapa_cannot_reach_jutiapa_by_page(people, places, jutiapa_agreement):
    client = _client(people["zacapa"])
    pk = jutiapa_agreement.pk
    document = jutiapa_agreement.documents.get()
    assert "Municipalidad de Jutiapa" not in client.get("/convenios/").content.decode()
    assert "Municipalidad de Jutiapa" not in client.get("/convenios/?q=Jutiapa").content.decode()
    assert client.get(f"/convenios/{pk}/").status_code == 404
    assert client.get(f"/convenios/{pk}/documentos/{document.pk}/").status_code == 404
    assert client.post(f"/convenios/{pk}/estado/", {"status": "rescindido",
                                                    "terminated_on": "2023-06-01"}).status_code == 404
    jutiapa_agreement.refresh_from_db()
    assert jutiapa_agreement.status == "vigente"
    assert client.get(f"/convenios/licencias/centros/{places['jutiapa_cadi'].pk}/").status_code == 404
    # The Jutiapa officer, national staff and planners (counts, no personal data here) see it.
    assert "Municipalidad de Jutiapa" in _client(people["jutiapa"]).get("/convenios/").content.decode()
    planner = _client(people["planner"])
    assert planner.get(f"/convenios/{pk}/").status_code == 200
    assert "Registrar convenio" not in planner.get("/convenios/").content.decode()
    assert planner.get("/convenios/nuevo/").status_code == 403
    assert planner.post(f"/convenios/{pk}/documentos/", {"title": "x", "file": pdf()}).status_code == 403
    figures = planner.get("/convenios/cifras/?fecha=2023-12-31").content.decode()
    assert "Total de convenios vigentes" in figures and "Hogares Comunitarios" in figures


def test_api_scope_create_and_figures(people, places, jutiapa_agreement):
    zacapa = _api(people["zacapa"])
    assert zacapa.get(f"/api/v1/convenios/{jutiapa_agreement.pk}").status_code == 404
    assert zacapa.get("/api/v1/convenios/").json()["count"] == 0
    refused = _post_json(zacapa, f"/api/v1/convenios/{jutiapa_agreement.pk}/estado",
                         {"status": "rescindido", "terminated_on": "2023-06-01"})
    assert refused.status_code == 404
    body = {"counterparty_name": "Municipalidad de Zacapa", "counterparty_kind": "municipalidad",
            "municipality_id": 1901, "program": "childcare", "center_ids": [places["zacapa_cadi"].pk],
            "start_date": "2023-05-01", "end_date": "2023-04-01"}
    bad = _post_json(zacapa, "/api/v1/convenios/", body)
    assert bad.status_code == 400 and bad.json()["field"] == "end_date" and "antes de empezar" in bad.json()["detail"]
    foreign = _post_json(zacapa, "/api/v1/convenios/", {**body, "end_date": "2024-12-31",
                                                        "center_ids": [places["jutiapa_cadi"].pk]})
    assert foreign.status_code == 400 and "fuera de su territorio" in foreign.json()["detail"]
    assert Agreement.objects.count() == 1
    created = _post_json(zacapa, "/api/v1/convenios/", {**body, "end_date": "2024-12-31"})
    assert created.status_code == 201, created.content
    assert created.json()["center_ids"] == [places["zacapa_cadi"].pk] and created.json()["status"] == "vencido"
    assert zacapa.get(f"/api/v1/convenios/{created.json()['id']}").status_code == 200

    central = _api(people["central"])
    figures = central.get("/api/v1/convenios/cifras?fecha=2023-12-31").json()
    assert figures["total"] == 2
    assert figures["programs"][0]["rows"][0] == {"counterparty_kind": "municipalidad", "label": "Municipalidad",
                                                 "count": 2}
    assert _api(people["zacapa"]).get("/api/v1/convenios/cifras?fecha=2023-12-31").json()["total"] == 1
    alerts = central.get("/api/v1/convenios/alertas").json()
    assert alerts["days"] == 60 and any(a["level"] == "danger" for a in alerts["alerts"])


def test_api_center_documents(people, places):
    zacapa = _api(people["zacapa"])
    url = f"/api/v1/convenios/licencias/centros/{places['zacapa_cadi'].pk}"
    bad = _post_json(zacapa, url, {"kind": "licencia_sanitaria", "issued_on": "2023-05-01",
                                   "expires_on": "2023-01-01"})
    assert bad.status_code == 400 and bad.json()["field"] == "expires_on"
    ok = _post_json(zacapa, url, {"kind": "licencia_sanitaria", "status": "en_tramite", "issuer": "DRACES"})
    assert ok.status_code == 201 and ok.json()["status"] == "en_tramite" and ok.json()["has_file"] is False
    assert len(zacapa.get(url).json()) == 1
    jutiapa_url = f"/api/v1/convenios/licencias/centros/{places['jutiapa_cadi'].pk}"
    assert zacapa.get(jutiapa_url).status_code == 404
    assert _post_json(zacapa, jutiapa_url, {"kind": "licencia_sanitaria", "status": "en_tramite"}).status_code == 404
    assert CenterDocument.objects.count() == 1
    missing = zacapa.get("/api/v1/convenios/licencias").json()
    assert {c["name"]: c["licence"] for c in missing["items"]} == {
        "CADI Zacapa": "in_process", "Centro Diurno Zacapa": "missing", "Hogar Comunitario Zacapa": "missing"}
    counts = zacapa.get("/api/v1/convenios/licencias/cifras?programa=childcare").json()
    assert counts["total"] == {"valid": 0, "in_process": 1, "expired": 0, "missing": 1, "centers": 2}
    assert _post_json(_api(people["auditor"]), url, {"kind": "otro", "description": "x",
                                                     "status": "en_tramite"}).status_code == 403


def test_demo_loader_is_idempotent(people, places):
    from tejido.demo.agreements import load_agreements_demo

    created = load_agreements_demo(people["admin"], random.Random(3))
    # One agreement per municipality and program: Zacapa childcare, Zacapa elderly, Jutiapa childcare, elderly.
    assert created == 4 == Agreement.objects.count()
    assert load_agreements_demo(people["admin"], random.Random(3)) == 0
