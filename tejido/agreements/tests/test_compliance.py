"""Center compliance: licences by program by hand (seed §7.2), centers operating without a
valid licence, licence alerts, bad input and scope."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tejido.agreements import figures, report_tables, services
from tejido.agreements.alerts import alerts
from tejido.agreements.models import CenterDocument
from tejido.agreements.selectors import centers_without_licence
from tejido.common.errors import ApplicationError
from tejido.common.models import AccessEvent
from tejido.common.testing import ZACAPA, ZACAPA_TOWN, make_center
from tejido.reports.period import Period

from .conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2023, 12, 31)


def licence(user, center, *, status="vigente", issued=dt.date(2023, 1, 10), expires=dt.date(2025, 1, 9), **extra):
    return services.center_document_create(center=center, kind=extra.pop("kind", "licencia_sanitaria"),
                                           status=status, issued_on=issued, expires_on=expires, acting_user=user,
                                           issuer="DRACES / MSPAS", **extra)


@pytest.fixture
def licences(people, places):
    """On 31/12/2023 — childcare: Zacapa CADI valid, Jutiapa CADI in process (an old one expired),
    Zacapa home none (only a habitability certificate); elderly: Zacapa day center expired,
    Jutiapa day center valid. Not counted: a closed CADI, an office."""
    c = people["central"]
    licence(c, places["zacapa_cadi"])
    licence(c, places["jutiapa_cadi"], issued=dt.date(2020, 1, 1), expires=dt.date(2022, 1, 1))
    licence(c, places["jutiapa_cadi"], status="en_tramite", issued=None, expires=None)
    licence(c, places["zacapa_home"], kind="habitabilidad")
    licence(c, places["zacapa_elderly"], issued=dt.date(2021, 3, 1), expires=dt.date(2023, 3, 1))
    licence(c, places["jutiapa_elderly"], issued=dt.date(2022, 6, 1), expires=dt.date(2024, 6, 1))
    make_center(ZACAPA_TOWN, name="CADI cerrado", status="closed")
    make_center(ZACAPA_TOWN, kind="office", name="Sede Zacapa")
    make_center(ZACAPA_TOWN, name="CADI por abrir", opened_on=dt.date(2024, 2, 1))


def test_licences_by_program_by_hand(people, places, licences):
    data = figures.licences_by_program(user=people["central"], day=TODAY)
    assert [(r["program"], r["valid"], r["in_process"], r["expired"], r["missing"]) for r in data["rows"]] == [
        ("childcare", 1, 1, 0, 1), ("elderly", 1, 0, 1, 0)]
    assert data["total"] == {"valid": 2, "in_process": 1, "expired": 1, "missing": 1, "centers": 5}
    zacapa = figures.licences_by_program(user=people["zacapa"], day=TODAY)
    assert [(r["program"], r["valid"], r["in_process"], r["expired"], r["missing"]) for r in zacapa["rows"]] == [
        ("childcare", 1, 0, 0, 1), ("elderly", 0, 0, 1, 0)]
    # A year earlier the Zacapa day center's licence was still valid and the Zacapa CADI had none yet.
    early = figures.licences_by_program(user=people["central"], day=dt.date(2023, 1, 5))
    assert early["total"] == {"valid": 2, "in_process": 1, "expired": 0, "missing": 2, "centers": 5}

    table = report_tables.center_licences(people["planner"], Period(dt.date(2023, 1, 1), TODAY, "")).as_contract()
    assert table["id"] == "agreements.center_licences"
    assert [c["id"] for c in table["columns"]] == ["program", "valid", "in_process", "expired", "missing"]
    assert table["rows"] == [
        {"program": "Hogares Comunitarios", "valid": 1, "in_process": 1, "expired": 0, "missing": 1},
        {"program": "Mis Años Dorados", "valid": 1, "in_process": 0, "expired": 1, "missing": 0}]
    assert table["totals"] == {"program": "Total", "valid": 2, "in_process": 1, "expired": 1, "missing": 1}


def test_centers_without_licence_filter_by_program_and_department(people, places, licences):
    def names(user, **kwargs):
        return [(c.name, c.licence) for c in centers_without_licence(user=user, day=TODAY, **kwargs)]

    assert names(people["central"]) == [("CADI Jutiapa", "in_process"), ("Centro Diurno Zacapa", "expired"),
                                        ("Hogar Comunitario Zacapa", "missing")]
    assert names(people["central"], program="elderly") == [("Centro Diurno Zacapa", "expired")]
    assert names(people["central"], department_id=ZACAPA) == [("Centro Diurno Zacapa", "expired"),
                                                              ("Hogar Comunitario Zacapa", "missing")]
    assert names(people["jutiapa"]) == [("CADI Jutiapa", "in_process")]
    assert names(people["clerk"]) == []  # the clerk's Zacapa CADI is licensed


def test_licence_alerts(people, places):
    today = timezone.localdate()
    c = people["central"]
    licence(c, places["zacapa_cadi"], issued=today - dt.timedelta(days=700), expires=today + dt.timedelta(days=20))
    licence(c, places["zacapa_elderly"], issued=today - dt.timedelta(days=700), expires=today + dt.timedelta(days=80))
    licence(c, places["jutiapa_cadi"], issued=today - dt.timedelta(days=700), expires=today + dt.timedelta(days=10))
    # Renewed already: the new licence runs beyond the window.
    licence(c, places["jutiapa_cadi"], issued=today - dt.timedelta(days=2), expires=today + dt.timedelta(days=700))

    def licence_alerts(user, **kwargs):
        return {a["level"]: a["count"] for a in alerts(user, **kwargs) if a["url"].startswith("/convenios/licencias/")}

    # Without a valid licence: Zacapa home, Jutiapa day center.
    assert licence_alerts(c) == {"danger": 2, "warning": 1}
    assert licence_alerts(people["zacapa"]) == {"danger": 1, "warning": 1}
    assert licence_alerts(people["zacapa"], days=90) == {"danger": 1, "warning": 2}
    assert licence_alerts(people["jutiapa"]) == {"danger": 1}
    danger = next(a for a in alerts(people["zacapa"]) if a["url"] == "/convenios/licencias/")
    assert danger["text"] == "1 centro funciona sin licencia sanitaria vigente" and danger["level"] == "danger"


@pytest.mark.parametrize("extra, message, field", [
    ({"issued": dt.date(2023, 5, 1), "expires": dt.date(2023, 4, 1)}, "no puede vencer antes", "expires_on"),
    ({"expires": None}, "fecha de vencimiento del documento vigente", "expires_on"),
    ({"issued": None}, "fecha de emisión del documento vigente", "issued_on"),
    ({"kind": "otro"}, "Describa qué documento", "description"),
    ({"kind": "permiso"}, "Elija el tipo de documento", "kind"),
    ({"status": "aprobada"}, "Elija el estado", "status"),
    ({"file": pdf("licencia.gif", b"GIF89a")}, "Solo se aceptan", "file"),
    ({"file": pdf("licencia.jpg", b"%PDF-1.4")}, "no corresponde", "file"),
])
def test_bad_compliance_document_is_refused(people, places, extra, message, field):
    with pytest.raises(ApplicationError, match=message) as error:
        licence(people["zacapa"], places["zacapa_cadi"], **extra)
    assert error.value.field == field
    assert not CenterDocument.all_objects.exists()


def test_issued_in_the_future_is_refused(people, places):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError, match="no puede ser futura"):
        licence(people["zacapa"], places["zacapa_cadi"], issued=tomorrow, expires=tomorrow + dt.timedelta(days=9))
    assert not CenterDocument.all_objects.exists()


def test_compliance_pages_scope_and_download(people, places, licences):
    client = Client()
    client.force_login(people["zacapa"])
    html = client.get("/convenios/licencias/").content.decode()
    assert "Hogar Comunitario Zacapa" in html and "Sin licencia" in html and "CADI Jutiapa" not in html
    assert "Centro Diurno Zacapa" not in client.get("/convenios/licencias/?programa=childcare").content.decode()
    url = f"/convenios/licencias/centros/{places['zacapa_home'].pk}/"
    assert "Certificado de habitabilidad" in client.get(url).content.decode()
    bad = client.post(url, {"kind": "licencia_sanitaria", "status": "vigente", "issued_on": "2023-05-01",
                            "expires_on": "2023-04-01", "file": pdf("licencia.jpg", b"\xff\xd8\xff\xe0jpeg")})
    assert bad.status_code == 400 and "no puede vencer antes de su emisión" in bad.content.decode()
    assert places["zacapa_home"].compliance_documents.count() == 1
    ok = client.post(url, {"kind": "licencia_sanitaria", "status": "vigente", "issued_on": "2023-05-01",
                           "expires_on": "2025-05-01", "number": "LS-77", "issuer": "DRACES",
                           "file": pdf("licencia.jpg", b"\xff\xd8\xff\xe0jpeg")})
    assert ok.status_code == 302
    document = places["zacapa_home"].compliance_documents.get(number="LS-77")
    download = client.get(f"/convenios/licencias/documentos/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert AccessEvent.objects.filter(model="agreements.CenterDocument", object_id=str(document.pk)).exists()

    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert jutiapa.get(url).status_code == 404
    assert jutiapa.post(url, {"kind": "otro", "description": "x", "status": "en_tramite"}).status_code == 404
    assert jutiapa.get(f"/convenios/licencias/documentos/{document.pk}/").status_code == 404
    assert places["zacapa_home"].compliance_documents.count() == 2
    planner = Client()
    planner.force_login(people["planner"])
    assert "Hogar Comunitario Zacapa" in planner.get("/convenios/licencias/").content.decode()  # not personal
    refused = planner.post(url, {"kind": "otro", "description": "x", "status": "en_tramite"})
    assert refused.status_code == 403 and "solo lectura" in refused.content.decode()
    assert places["zacapa_home"].compliance_documents.count() == 2
