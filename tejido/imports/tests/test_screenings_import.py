"""Importing nutrition screenings through childcare.screening.screening_record."""

import datetime as dt
from decimal import Decimal

import pytest

from tejido.childcare.models import NutritionScreening
from tejido.common.testing import make_person
from tejido.imports.kinds import KINDS

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["tamizajes"].columns]


def test_screenings_with_z_scores_and_service_errors_by_column(people, run_import):
    child = make_person(given_names="Ana", birth_date=dt.date(2021, 3, 1))
    cadi = people["zacapa_cadi"]
    good = [child.pk, cadi.pk, "10/01/2023", "12,5", 86.4, "de pie", "No"]
    rows = [good, [child.pk, cadi.pk, "11/01/2023", "200", "", "", ""],
            [child.pk, cadi.pk, "12/01/2023", "", "", "", ""],
            [child.pk, cadi.pk, "13/01/2023", "doce", "", "", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), kind="tamizajes")
    assert (batch.status, batch.error_rows) == ("rejected", 3)
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[1] == "Peso (kg): El peso fuera de rango: debe estar entre 0.5 y 80."
    assert notes[2] == "Peso (kg): Escriba el peso, la talla o ambos."
    assert notes[3] == "Peso (kg): Número no válido «doce»; escriba p. ej. 12.5."
    assert NutritionScreening.objects.count() == 0

    batch = run_import(people["zacapa"], xlsx_bytes([good], HEADERS), kind="tamizajes")
    screening = NutritionScreening.objects.get()
    assert (batch.status, screening.weight_kg, screening.height_cm, screening.measured, screening.oedema) == (
        "done", Decimal("12.50"), Decimal("86.40"), "H", False)
    assert screening.zwfa is not None and screening.acute_class
    assert run_import(people["zacapa"], xlsx_bytes([good], HEADERS), kind="tamizajes").skipped_rows == 1
