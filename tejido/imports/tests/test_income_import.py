"""Importing women's monthly income reports through women.services.income_report_save."""

import datetime as dt
from decimal import Decimal

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.imports.kinds.income import parse_month
from tejido.programs.services import enrolment_create
from tejido.women.models import IncomeReport

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["ingresos"].columns]


@pytest.fixture
def women(people):
    unit = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad Las Tejedoras", product_line="tejidos")
    jutiapa_unit = make_center(JUTIAPA_TOWN, kind="productive_unit", name="Unidad Jutiapa", product_line="dulces")
    rosa = make_person(given_names="Rosa", cui=valid_cui())
    marta = make_person(given_names="Marta")
    eva = make_person(JUTIAPA_TOWN, given_names="Eva")
    enrolment_create(person=rosa, center=unit, program="women", start=dt.date(2024, 1, 15),
                     acting_user=people["admin"])
    enrolment_create(person=eva, center=jutiapa_unit, program="women", start=dt.date(2024, 1, 15),
                     acting_user=people["admin"])
    return {"unit": unit, "rosa": rosa, "marta": marta, "eva": eva}


@pytest.mark.parametrize("value, expected", [("03/2024", dt.date(2024, 3, 1)), ("2024-3", dt.date(2024, 3, 1)),
                                             ("Marzo de 2024", dt.date(2024, 3, 1)),
                                             (dt.datetime(2024, 9, 30), dt.date(2024, 9, 1))])
def test_months_as_people_write_them(value, expected):
    assert parse_month(value) == expected


def test_reports_are_saved_through_the_service_and_reimport_creates_nothing(people, women, run_import):
    rows = [[women["rosa"].cui, "02/2024", "350.50", "100"], [women["rosa"].pk, "marzo 2024", 80, ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="ingresos.xlsx", kind="ingresos")
    assert (batch.status, batch.created_rows) == ("done", 2), batch.error_preview
    february, march = IncomeReport.objects.order_by("month")
    assert (february.month, february.own_sales, february.fair_sales, february.center) == (
        dt.date(2024, 2, 1), Decimal("350.50"), Decimal("100.00"), women["unit"])
    assert (march.own_sales, march.fair_sales, march.department_id) == (Decimal("80.00"), Decimal("0.00"), 19)
    assert february.history.get().history_user == people["zacapa"]
    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="ingresos.xlsx", kind="ingresos")
    assert (again.created_rows, again.skipped_rows) == (0, 2)
    assert IncomeReport.objects.count() == 2


def test_bad_rows_name_their_column(people, women, run_import):
    rows = [[women["rosa"].pk, "02/2024", "10", ""],
            [women["marta"].pk, "02/2024", "10", ""],  # not enrolled
            [women["rosa"].pk, "12/2023", "10", ""],  # before she enrolled
            [women["rosa"].pk, "04/2024", "-5", ""],
            [women["rosa"].pk, "13/2024", "5", ""],
            [women["eva"].pk, "02/2024", "5", ""]]  # Jutiapa: not visible to Zacapa
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="ingresos.xlsx", kind="ingresos")
    assert (batch.status, batch.error_rows, IncomeReport.objects.count()) == ("rejected", 5, 0)
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes == [
        None,
        "Mujer (CUI o número de registro): Marta Pérez Caal no estaba inscrita en una unidad productiva ese mes.",
        "Mujer (CUI o número de registro): Rosa Pérez Caal no estaba inscrita en una unidad productiva ese mes.",
        "Ventas propias (Q): El monto no puede ser negativo.",
        "Mes: Mes no válido «13/2024»; escriba mm/aaaa (p. ej. 03/2024) o «marzo 2024».",
        f"Mujer (CUI o número de registro): Persona no encontrada o fuera de su territorio: «{women['eva'].pk}».",
    ]
