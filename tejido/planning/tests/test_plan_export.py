"""The plan page's export: the same rows, executed values counted in the user's scope."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tejido.common.models import AccessEvent
from tejido.common.testing import client_for

pytestmark = pytest.mark.django_db
PERIOD = "desde=2024-01-01&hasta=2024-06-30"


def _executed(client, fmt="csv"):
    response = client.get(f"/exportar/plan/2024.{fmt}?{PERIOD}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    else:
        header, *rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(body)).active.iter_rows()]
    assert header[:2] == ["Nivel", "Concepto"] and header[5] == "Ejecución del periodo"
    return {(r[0], r[1]): r[5] for r in rows if r[0] != "Encabezado"}


def test_plan_export_counts_executed_in_the_officers_departments(people, records):
    zacapa = _executed(client_for(people["zacapa"]))
    # conftest: Rosa and Pedro at the Zacapa day center; Juana at the Jutiapa residence.
    assert zacapa[("Producto", "Adultos mayores")] == "2"
    assert zacapa[("Subproducto", "En centros permanentes")] == "0"
    assert zacapa[("Subproducto", "Documentos")] == ""  # typed values are national: not shown by department
    jutiapa = _executed(client_for(people["jutiapa"]), "xlsx")
    assert jutiapa[("Subproducto", "En centros permanentes")] == 1
    assert jutiapa[("Subproducto", "Familias migrantes")] == 1
    assert AccessEvent.objects.filter(action="export", model="planning.Plan", object_id="2024").count() == 2


def test_plan_export_of_a_missing_year_is_not_found(people, records):
    assert client_for(people["planner"]).get("/exportar/plan/1999.csv").status_code == 404
    assert client_for(people["planner"]).get(f"/exportar/plan/2024.xlsx?{PERIOD}").status_code == 200


def test_budget_export_is_for_national_roles(people, records):
    response = client_for(people["planner"]).get(f"/exportar/presupuesto/2024.csv?{PERIOD}")
    header, *rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert header[:3] == ["Código", "Actividad presupuestaria", "Asignado"]
    # conftest's plan: no lines imported, so each activity shows the plan's own amounts, nothing executed.
    assert [(r[1], r[2], r[4]) for r in rows] == [
        ("Dirección y Coordinación", "1200.00", "0.00"), ("Servicio y Asistencia Social", "500.00", "0.00"),
        ("Desarrollo de la Mujer", "300.00", "0.00"), ("Atención Integral al Adulto Mayor", "800.00", "0.00")]
    assert client_for(people["zacapa"]).get("/exportar/presupuesto/2024.csv").status_code == 403
