"""Importing daily attendance: each mark through programs.services.roll_call_save, so the monthly
summaries stay equal to the marks."""

import datetime as dt

import pytest

from tejido.common.testing import make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.programs.models import Attendance, AttendanceMonth, RollCall, RollMonth
from tejido.programs.services import enrolment_create

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["asistencia"].columns]


@pytest.fixture
def enrolled(people):
    cadi = people["zacapa_cadi"]
    ana = make_person(given_names="Ana", birth_date=dt.date(2021, 3, 1), cui=valid_cui())
    luis = make_person(given_names="Luis", sex="M", birth_date=dt.date(2020, 7, 9))
    for child in (ana, luis):
        enrolment_create(person=child, center=cadi, program="childcare", start=dt.date(2024, 1, 8),
                         acting_user=people["zacapa"])
    return {"ana": ana, "luis": luis, "abuela": make_person(given_names="Rosa", birth_date=dt.date(1950, 1, 1))}


def test_marks_build_the_roll_and_the_monthly_totals_and_reimport_creates_nothing(people, enrolled, run_import):
    cadi = people["zacapa_cadi"]
    rows = [[f"{cadi.pk} - CADI Zacapa", "04/03/2024", enrolled["ana"].cui, "Sí"],  # a Monday
            [cadi.pk, "04/03/2024", enrolled["luis"].pk, "No"],
            [cadi.pk, "2024-03-05", enrolled["ana"].pk, "Sí"],
            [cadi.pk, "2024-03-05", enrolled["luis"].pk, "sí"]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="asistencia.xlsx", kind="asistencia")
    assert (batch.status, batch.created_rows) == ("done", 4), batch.error_preview
    assert RollCall.objects.count() == 2
    marks = Attendance.objects.order_by("roll__date", "enrolment__person__given_names")
    assert [(m.roll.date.day, m.enrolment.person.given_names, m.present) for m in marks] == [
        (4, "Ana", True), (4, "Luis", False), (5, "Ana", True), (5, "Luis", True)]
    # March 2024: Ana (F) present twice, Luis (M) once; rolls taken on the 4th and the 5th.
    assert sorted(AttendanceMonth.objects.values_list("sex", "presences")) == [("F", 2), ("M", 1)]
    assert RollMonth.objects.get().days == (1 << 3) | (1 << 4)

    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="asistencia.xlsx", kind="asistencia")
    assert (again.status, again.created_rows, again.skipped_rows) == ("done", 0, 4)
    assert (RollCall.objects.count(), Attendance.objects.count()) == (2, 4)


def test_bad_rows_name_their_column_and_nothing_is_saved(people, enrolled, run_import):
    cadi, jutiapa_cadi = people["zacapa_cadi"], people["jutiapa_cadi"]
    future = dt.date.today() + dt.timedelta(days=7)
    rows = [[cadi.pk, "04/03/2024", enrolled["ana"].pk, "Sí"],
            [cadi.pk, "09/03/2024", enrolled["ana"].pk, "Sí"],  # a Saturday
            [cadi.pk, "04/03/2024", enrolled["abuela"].pk, "Sí"],  # not enrolled
            [jutiapa_cadi.pk, "04/03/2024", enrolled["luis"].pk, "Sí"],  # outside Zacapa
            [cadi.pk, future.strftime("%d/%m/%Y"), enrolled["luis"].pk, "Sí"],
            [cadi.pk, "04/03/2024", enrolled["ana"].pk, "No"],  # same key as the first row
            [cadi.pk, "05/03/2024", enrolled["luis"].pk, "tal vez"]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="asistencia.xlsx", kind="asistencia")
    assert (batch.status, batch.error_rows, batch.created_rows) == ("rejected", 6, 0)
    assert RollCall.objects.count() == AttendanceMonth.objects.count() == RollMonth.objects.count() == 0
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes == [None,
                     "Fecha: Los centros no atienden sábados ni domingos.",
                     "Persona (CUI o número de registro): No estaba inscrita o inscrito en este centro ese día.",
                     f"Centro: Centro desconocido o fuera de su territorio: «{jutiapa_cadi.pk}».",
                     "Fecha: La fecha no puede estar en el futuro.",
                     "Fila repetida: los mismos datos clave que la fila 2.",
                     "Presente: Escriba «Sí» o «No»."]


def test_jutiapa_officer_can_neither_mark_nor_find_zacapa_children(people, enrolled, run_import):
    rows = [[people["zacapa_cadi"].pk, "04/03/2024", enrolled["ana"].pk, "Sí"]]
    batch = run_import(people["jutiapa"], xlsx_bytes(rows, HEADERS), name="asistencia.xlsx", kind="asistencia")
    assert batch.status == "rejected"
    assert "Centro desconocido o fuera de su territorio" in batch.error_preview[0][1]
    assert f"Persona no encontrada o fuera de su territorio: «{enrolled['ana'].pk}»" in batch.error_preview[0][1]
    assert RollCall.objects.count() == 0
