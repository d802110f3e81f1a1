"""Importing nutrition screenings with childcare.screening's rules and z-scores (screening_build), set-based."""

import datetime as dt
from decimal import Decimal

import pytest

from tejido.childcare.models import NutritionScreening
from tejido.common.testing import make_person
from tejido.imports.kinds import KINDS

from .helpers import queries_of, read_report, xlsx_bytes

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


def test_screenings_are_written_set_based_with_their_history(people, run_import):
    """Issue 18 item 5: 40 rows cost at most a handful of queries more than 10 (they cost about ten
    per row), and each screening keeps its «+» history row naming the importer and the import.
    The z-scores are the form's: the same child and measures give the same figures either way."""
    from tejido.childcare.screening import screening_record
    from tejido.common.testing import valid_cui

    cadi = people["zacapa_cadi"]
    counts = {}
    for size, day in ((10, 10), (40, 11)):
        children = [make_person(given_names=f"Niño {i}", sex="M", birth_date=dt.date(2021, 3, 1), cui=valid_cui())
                    for i in range(size)]
        rows = [[child.cui, cadi.pk, f"{day}/01/2023", "12.5", "86.4", "De pie", ""] for child in children]
        batch, counts[size] = queries_of(run_import, people["zacapa"], xlsx_bytes(rows, HEADERS), "tamizajes")
        assert (batch.status, batch.created_rows) == ("done", size), batch.error_preview
    assert counts[40] - counts[10] <= 6, counts
    imported = NutritionScreening.objects.filter(measured_on=dt.date(2023, 1, 11)).first()
    record = imported.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", people["zacapa"], f"Importación N.º {batch.pk}")
    by_form = screening_record(person=imported.person, center=cadi, measured_on=dt.date(2023, 1, 11),
                               weight_kg=Decimal("12.5"), height_cm=Decimal("86.4"), measured="H",
                               acting_user=people["zacapa"])
    assert (imported.zwfa, imported.zhfa, imported.zwfh, imported.acute_class, imported.chronic_class) == (
        by_form.zwfa, by_form.zhfa, by_form.zwfh, by_form.acute_class, by_form.chronic_class)
