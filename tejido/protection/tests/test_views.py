"""The officer's pages: errors show next to their field in Spanish and nothing is saved."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tejido.common.models import AccessEvent
from tejido.common.testing import verify_second_factor
from tejido.protection.models import CaseAction, ProtectionCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(officer):
    client = Client()
    verify_second_factor(client, officer)  # protection officers log in with a second factor
    return client


def field_error(page: str, field_id: str) -> str:
    """The error list rendered right under the field (web/_field.html)."""
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error" role="alert"><li>(.*?)</li>', page)
    return match.group(1) if match else ""


def report_data(child, center, **overrides):
    data = {"child_id": child.pk, "center_id": center.pk, "reported_on": "2023-05-02", "reporter_role": "docente",
            "reporter_name": "Prof. Ana López", "suspicion": "psicologica", "description": "Llanto y miedo al llegar."}
    data.update(overrides)
    return data


def test_report_form_with_a_future_date_shows_the_error_next_to_it(client, child, people):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post("/proteccion/nuevo/", report_data(child, people["zacapa_cadi"], reported_on=tomorrow))
    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "id_reported_on") == "La fecha no puede estar en el futuro."
    assert "No se guardó nada" in page
    assert not ProtectionCase.objects.exists()


def test_report_form_parsing_errors_are_spanish_too(client, child, people):
    response = client.post("/proteccion/nuevo/", report_data(child, people["zacapa_cadi"], reported_on="31/02/2023",
                                                             child_id="999999"))
    page = response.content.decode()
    assert field_error(page, "id_reported_on") == "Fecha no válida; use dd/mm/aaaa."
    response = client.post("/proteccion/nuevo/", report_data(child, people["zacapa_cadi"], child_id="999999"))
    assert field_error(response.content.decode(), "id_child_id") == "No existe una persona con ese número de registro."
    assert not ProtectionCase.objects.exists()


def test_report_then_follow_up_then_close(client, child, people, officer):
    response = client.post("/proteccion/nuevo/", report_data(child, people["zacapa_cadi"]))
    case = ProtectionCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/proteccion/{case.pk}/"
    detail = f"/proteccion/{case.pk}/"

    bad = client.post(f"{detail}acciones/", {"accion-date": "2023-04-30", "accion-kind": "entrevista",
                                              "accion-done_by": "Licda. Pérez"})
    assert field_error(bad.content.decode(), "id_accion-date") == \
        "La fecha no puede ser anterior a la fecha del reporte (02/05/2023)."
    assert not CaseAction.objects.exists()
    # Showing the page again with the error is an opening of the case: logged.
    assert AccessEvent.objects.filter(user=officer, action="view", object_id=str(case.pk)).count() == 1

    client.post(f"{detail}acciones/", {"accion-date": "2023-05-03", "accion-kind": "dialogo_padres",
                                       "accion-done_by": "Licda. Pérez", "accion-notes": "Con la abuela."})
    client.post(f"{detail}referir/", {"referencia-date": "2023-05-10", "referencia-authority": "pgn",
                                      "referencia-done_by": "Licda. Pérez"})
    page = client.get(detail).content.decode()
    assert "Diálogo con padres o encargados" in page and "Procuraduría General de la Nación (PGN)" in page
    assert "Referido a autoridades" in page

    no_summary = client.post(f"{detail}cerrar/", {"cierre-closed_on": "2023-06-01", "cierre-closing_summary": ""})
    assert field_error(no_summary.content.decode(), "id_cierre-closing_summary").startswith("Escriba un resumen")
    client.post(f"{detail}cerrar/", {"cierre-closed_on": "2023-06-01", "cierre-closing_summary": "Atendido por PGN."})
    case.refresh_from_db()
    assert (case.status, case.closed_on, case.referred_on) == ("cerrado", dt.date(2023, 6, 1), dt.date(2023, 5, 10))
    page = client.get(detail).content.decode()
    assert "Registrar acción" not in page and "Atendido por PGN." in page


def test_list_page_shows_the_year_table(client, report):
    report(reported_on=dt.date(2023, 3, 1))
    page = client.get("/proteccion/?anio=2023").content.decode()
    assert "Casos reportados y atendidos, enero a diciembre de 2023" in page
    assert "Abiertos al fin de mes" in page and "<svg" in page
