"""The SICOIN budget execution import offered as the «presupuesto» template: checked row by row by
planning.budget_import.parse, written by import_execution (a month imported again replaces it)."""

from decimal import Decimal

import pytest

from tejido.common.errors import ApplicationError
from tejido.imports.models import ImportedRow
from tejido.planning.models import BudgetImport, BudgetLine
from tejido.planning.seed2022 import load_plan
from tejido.planning.tests.conftest import SMALL_PLAN

from .helpers import csv_bytes, read_report

pytestmark = pytest.mark.django_db
HEADERS = ["anio", "mes", "actividad", "grupo_gasto", "asignado", "vigente", "ejecutado"]
GOOD = [[2024, 1, "Dirección y Coordinación", "000", "1000.00", "1000.00", "100.00"],
        [2024, 1, "Dirección y Coordinación", "100", "200.00", "200.00", "20.00"],
        [2024, 2, "atencion integral al adulto mayor", "200", "0", "50.00", "10.00"]]


@pytest.fixture
def plan(people):
    return load_plan(year=2024, acting_user=people["planner"], data=SMALL_PLAN, source="prueba")


def test_planner_imports_sicoin_rows_and_a_month_imported_again_is_replaced(people, plan, run_import):
    batch = run_import(people["planner"], csv_bytes(GOOD, HEADERS), name="sicoin.csv", kind="presupuesto")
    assert (batch.status, batch.created_rows) == ("done", 3), batch.error_preview
    assert sorted(BudgetLine.objects.values_list("month", "group", "executed")) == [
        (1, "000", Decimal("100.00")), (1, "100", Decimal("20.00")), (2, "200", Decimal("10.00"))]
    assert BudgetImport.objects.get().imported_by == people["planner"]

    corrected = [[2024, 1, "Dirección y Coordinación", "000", "1000.00", "1000.00", "120.00"]]
    again = run_import(people["planner"], csv_bytes(corrected, HEADERS), name="sicoin.csv", kind="presupuesto")
    assert (again.status, again.created_rows, again.skipped_rows) == ("done", 1, 0)
    # January replaced by the one corrected line; February untouched.
    assert sorted(BudgetLine.objects.values_list("month", "group", "executed")) == [
        (1, "000", Decimal("120.00")), (2, "200", Decimal("10.00"))]
    assert ImportedRow.objects.filter(kind="presupuesto").count() == 2


def test_bad_rows_name_the_sicoin_column_and_nothing_is_replaced(people, plan, run_import):
    run_import(people["planner"], csv_bytes(GOOD, HEADERS), name="sicoin.csv", kind="presupuesto")
    rows = [[2024, 1, "Dirección y Coordinación", "000", "1", "1", "1"],
            [2024, 13, "Dirección y Coordinación", "000", "1", "1", "1"],
            [2024, 1, "Actividad inventada", "000", "1", "1", "mil"],
            [2024, 1, "Dirección y Coordinación", "000", "2", "2", "2"],
            [2025, 1, "Dirección y Coordinación", "000", "1", "1", "1"]]
    batch = run_import(people["planner"], csv_bytes(rows, HEADERS), name="sicoin.csv", kind="presupuesto")
    assert (batch.status, batch.error_rows) == ("rejected", 4)
    assert BudgetLine.objects.count() == 3 and BudgetImport.objects.count() == 1
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes == ["",
                     "mes: «13» no es un mes entre 1 y 12.",
                     "actividad: actividad presupuestaria desconocida: «Actividad inventada».; "
                     "ejecutado: «mil» no es un monto válido.",
                     "Fila repetida: los mismos datos clave que la fila 2.",
                     "anio: no hay plan registrado para 2025."]


def test_only_planning_roles_and_never_valid_rows_only(people, plan, run_import):
    with pytest.raises(ApplicationError, match="Solo Administración y Planificación"):
        run_import(people["zacapa"], csv_bytes(GOOD, HEADERS), name="sicoin.csv", kind="presupuesto")
    with pytest.raises(ApplicationError, match="completa o nada") as refused:
        run_import(people["planner"], csv_bytes(GOOD, HEADERS), name="sicoin.csv", kind="presupuesto",
                   valid_rows_only=True)
    assert refused.value.field == "solo_validas"
    assert BudgetLine.objects.count() == 0
