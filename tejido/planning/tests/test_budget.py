"""SICOIN execution import (all or nothing, Spanish errors naming row and column), the
execution tables by activity and spending group against hand-computed amounts, the seed
2022 plan and the sample files."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from tejido.common.errors import ApplicationError
from tejido.planning import figures
from tejido.planning.budget_import import import_execution
from tejido.planning.models import BudgetImport, BudgetLine, Output, Plan
from tejido.planning.samples.build_sample import xlsx_bytes
from tejido.planning.services import budget_line_set

pytestmark = pytest.mark.django_db
D = Decimal
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HEADER = "anio,mes,actividad,grupo_gasto,asignado,vigente,ejecutado\n"
GOOD = HEADER + (
    "2024,1,Dirección y Coordinación,000,1000.00,1000.00,100.00\n"
    "2024,1,Dirección y Coordinación,100,200.00,200.00,20.00\n"
    "2024,2,Dirección y Coordinación,000,1000.00,1100.00,150.00\n"
    "2024,2,Dirección y Coordinación,100,200.00,200.00,30.00\n"
    "2024,1,Atención Integral al Adulto Mayor,000,800.00,800.00,80.00\n"
    "2024,2,atencion integral al adulto mayor,200,0,50.00,10.00\n"   # accents and case ignored
)


def _import(text: str, user, name="ejecucion.csv"):
    return import_execution(data=text.encode("utf-8"), file_name=name, acting_user=user)


def _amounts(row):
    return (row["assigned"], row["current"], row["executed"], row["percent"], row["balance"])


def test_good_file_and_the_execution_tables(people, plan):
    batch = _import(GOOD, people["planner"])
    assert (batch.rows, batch.months) == (6, "1,2")
    data = figures.budget_execution(people["planner"], dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    # Dirección: assigned 1000 + 200; current as of February 1100 + 200; executed 100+20+150+30.
    # Without lines, the other activities show the plan's amounts and nothing executed.
    assert {r["activity"]: _amounts(r) for r in data["by_activity"]} == {
        "Dirección y Coordinación": (D("1200.00"), D("1300.00"), D("300.00"), D("23.08"), D("1000.00")),
        "Servicio y Asistencia Social": (D("500.00"), D("500.00"), D("0.00"), D("0.00"), D("500.00")),
        "Desarrollo de la Mujer": (D("300.00"), D("300.00"), D("0.00"), D("0.00"), D("300.00")),
        "Atención Integral al Adulto Mayor": (D("800.00"), D("850.00"), D("90.00"), D("10.59"), D("760.00")),
    }
    assert _amounts(data["totals"]) == (D("2800.00"), D("2950.00"), D("390.00"), D("13.22"), D("2560.00"))
    assert {r["group"]: _amounts(r) for r in data["by_group"]} == {
        "000": (D("1800.00"), D("1900.00"), D("330.00"), D("17.37"), D("1570.00")),
        "100": (D("200.00"), D("200.00"), D("50.00"), D("25.00"), D("150.00")),
        "200": (D("0.00"), D("50.00"), D("10.00"), D("20.00"), D("40.00")),
        "300": (0, 0, 0, None, 0), "400": (0, 0, 0, None, 0), "900": (0, 0, 0, None, 0),
    }
    assert [r["name"] for r in data["by_group"]][:2] == ["Servicios personales", "Servicios no personales"]
    assert _amounts(data["group_totals"]) == (D("2000.00"), D("2150.00"), D("390.00"), D("18.14"), D("1760.00"))
    january = figures.budget_execution(people["planner"], dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    rows = {r["code"]: _amounts(r) for r in january["by_activity"]}
    assert rows["direccion"] == (D("1200.00"), D("1200.00"), D("120.00"), D("10.00"), D("1080.00"))
    assert rows["adulto_mayor"] == (D("800.00"), D("800.00"), D("80.00"), D("10.00"), D("720.00"))


def test_reimporting_a_month_replaces_it(people, plan):
    _import(GOOD, people["planner"])
    _import(HEADER + "2024,2,Dirección y Coordinación,000,1000,1100,999.50\n", people["admin"])
    assert BudgetLine.objects.filter(month=2).count() == 1 and BudgetLine.objects.filter(month=1).count() == 3
    assert BudgetLine.objects.get(month=2).executed == D("999.50")


BAD = [
    ("wrong columns", "anio,mes,actividad,grupo_gasto,asignado,vigente\n2024,1,Dirección y Coordinación,000,1,1\n",
     ["Fila 1", "ejecutado"]),
    ("text in an amount", GOOD + "2024,3,Dirección y Coordinación,000,1000,1000,mil\n",
     ["Fila 8", "«ejecutado»", "«mil» no es un monto válido"]),
    ("unknown activity", GOOD + "2024,3,Creciendo Seguro,000,1,1,1\n", ["Fila 8", "«actividad»", "Creciendo Seguro"]),
    ("unknown spending group", GOOD + "2024,3,Dirección y Coordinación,500,1,1,1\n",
     ["Fila 8", "«grupo_gasto»", "500"]),
    ("month out of range", GOOD + "2024,13,Dirección y Coordinación,000,1,1,1\n", ["Fila 8", "«mes»", "13"]),
    ("year without a plan", GOOD + "2019,1,Dirección y Coordinación,000,1,1,1\n", ["Fila 8", "«anio»", "2019"]),
    ("repeated line", GOOD + "2024,1,Dirección y Coordinación,000,1,1,1\n", ["Fila 8", "fila 2"]),
    ("negative amount", HEADER + "2024,1,Dirección y Coordinación,000,1,1,-5\n", ["Fila 2", "«ejecutado»"]),
]


@pytest.mark.parametrize("case,text,fragments", BAD, ids=[b[0] for b in BAD])
def test_bad_files_import_nothing_and_name_row_and_column(people, plan, case, text, fragments):
    with pytest.raises(ApplicationError) as error:
        _import(text, people["planner"])
    for fragment in fragments:
        assert fragment in error.value.message, error.value.message
    assert "No se importó nada" in error.value.message and error.value.field == "file"
    assert BudgetLine.objects.count() == 0 and BudgetImport.objects.count() == 0


def test_every_error_is_listed_and_other_formats_are_refused(people, plan):
    text = HEADER + "2024,0,Dirección y Coordinación,000,x,1,1\n2024,1,Nada,000,1,1,1\n"
    with pytest.raises(ApplicationError, match=r"y 2 errores más") as error:
        _import(text, people["planner"])
    assert error.value.extra["errors"] == [
        "Fila 2, columna «mes»: «0» no es un mes entre 1 y 12.",
        "Fila 2, columna «asignado»: «x» no es un monto válido.",
        "Fila 3, columna «actividad»: actividad presupuestaria desconocida: «Nada».",
    ]
    with pytest.raises(ApplicationError, match="CSV"):
        _import(GOOD, people["planner"], name="ejecucion.txt")
    with pytest.raises(ApplicationError, match="Excel"):
        import_execution(data=b"not a workbook", file_name="x.xlsx", acting_user=people["planner"])
    assert BudgetLine.objects.count() == 0


def test_semicolons_latin1_and_thousands_separators(people, plan):
    text = ('anio;mes;actividad;grupo_gasto;asignado;vigente;ejecutado\n'
            '2024;1;Dirección y Coordinación;000;"Q1,000.00";"1,000.00";Q 99.5\n')
    _import_bytes = text.encode("latin-1")
    batch = import_execution(data=_import_bytes, file_name="E.CSV", acting_user=people["planner"])
    line = BudgetLine.objects.get(batch=batch)
    assert (line.assigned, line.current, line.executed) == (D("1000.00"), D("1000.00"), D("99.50"))


def test_manual_entry_is_the_fallback(people, plan):
    activity = plan.activities.get(code="mujer")
    budget_line_set(activity=activity, group="200", month=3, assigned=D("300"), current=D("320"),
                    executed=D("80"), acting_user=people["planner"])
    row = next(r for r in figures.budget_execution(people["auditor"], dt.date(2024, 1, 1),
                                                   dt.date(2024, 3, 31))["by_activity"] if r["code"] == "mujer")
    assert _amounts(row) == (D("300.00"), D("320.00"), D("80.00"), D("25.00"), D("240.00"))
    with pytest.raises(ApplicationError, match="Grupo de gasto desconocido"):
        budget_line_set(activity=activity, group="700", month=3, assigned=1, current=1, executed=1,
                        acting_user=people["planner"])


def test_seed_2022_plan_and_the_sample_files(people):
    call_command("load_plan_2022", usuario=people["admin"].username)
    call_command("load_plan_2022", usuario=people["admin"].username)  # idempotent
    plan = Plan.objects.get(year=2022)
    assert plan.activities.count() == 5 and Output.objects.filter(activity__plan=plan).count() == 14
    assert Output.objects.filter(activity__plan=plan, indicator__isnull=True).count() == 0
    year = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    targets = figures.physical_targets(people["planner"], *year)
    assert targets["total"]["target"] == 58425   # seed 004: "PERSONAS A BENEFICIAR"
    assert [r["output"] for r in targets["rows"] if r["kind"] == "heading"][0] == "DIRECCIÓN DE HOGARES COMUNITARIOS"
    before = figures.budget_execution(people["planner"], *year)
    assert before["totals"]["current"] == D("178061100.00")

    batch = import_execution(data=(SAMPLES / "ejecucion_sicoin_ejemplo.csv").read_bytes(),
                             file_name="ejecucion_sicoin_ejemplo.csv", acting_user=people["planner"])
    assert batch.rows == 60
    after = figures.budget_execution(people["planner"], *year)
    assert after["totals"]["current"] == D("178061100.00") == after["group_totals"]["current"]
    assert after["by_activity"][0]["current"] == D("29634540.00")
    executed = after["totals"]["executed"]
    assert D("23000000") < executed < D("24000000")   # 6 % in January and 7 % in February
    # The shipped workbook, and one generated from the CSV, import the same amounts.
    for data in ((SAMPLES / "ejecucion_sicoin_ejemplo.xlsx").read_bytes(),
                 xlsx_bytes((SAMPLES / "ejecucion_sicoin_ejemplo.csv").read_bytes())):
        import_execution(data=data, file_name="ejecucion.xlsx", acting_user=people["planner"])
        again = figures.budget_execution(people["planner"], *year)
        assert again["totals"]["executed"] == executed and BudgetLine.objects.count() == 60
