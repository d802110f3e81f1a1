"""Issue 18 item 4: Guatemalan spreadsheets write H/M for Hombre/Mujer, others M/F for
Masculino/Femenino. A bare «M» read one way would silently turn every woman of the other into a
man: it is refused, next to the cell, unless the header declares the file's convention."""

import pytest

from tejido.registry.models import Person

from .helpers import HEADERS, person_row, read_report, xlsx_bytes

pytestmark = pytest.mark.django_db


def _headers(sex_header: str) -> list[str]:
    return [sex_header if h == "Sexo" else h for h in HEADERS]


def _rows(*sexes):
    return [person_row(given_names=f"Persona {i}", sex=sex, birth_date=f"0{i + 1}/01/1990")
            for i, sex in enumerate(sexes)]


def test_a_bare_m_is_refused_without_a_declared_convention(people, run_import):
    batch = run_import(people["zacapa"], xlsx_bytes(_rows("Mujer", "M", "Hombre")))
    assert (batch.status, batch.error_rows, batch.created_rows) == ("rejected", 1, 0)
    assert Person.objects.count() == 0  # nothing half-saved
    message = read_report(batch.report_path)[2][-1]
    assert message.startswith("Sexo: «M» puede ser Mujer (H/M) o Masculino (M/F).") and "«Sexo (H/M)»" in message


def test_h_m_header_reads_m_as_mujer(people, run_import):
    batch = run_import(people["zacapa"], xlsx_bytes(_rows("H", "M", "m", "Mujer"), _headers("Sexo (H/M)")))
    assert (batch.status, batch.created_rows) == ("done", 4)
    assert list(Person.objects.order_by("given_names").values_list("sex", flat=True)) == ["M", "F", "F", "F"]


def test_m_f_header_reads_m_as_masculino(people, run_import):
    batch = run_import(people["zacapa"], xlsx_bytes(_rows("M", "F", "Femenino", "Masculino"), _headers("Sexo (M/F)")))
    assert (batch.status, batch.created_rows) == ("done", 4)
    assert list(Person.objects.order_by("given_names").values_list("sex", flat=True)) == ["M", "F", "F", "M"]


def test_words_and_unambiguous_letters_need_no_convention(people, run_import):
    batch = run_import(people["zacapa"], xlsx_bytes(_rows("hombre", "MUJER", "H", "F", "Varón", "Niña")))
    assert (batch.status, batch.created_rows) == ("done", 6)
    assert list(Person.objects.order_by("given_names").values_list("sex", flat=True)) == ["M", "F", "M", "F", "M", "F"]
    wrong = run_import(people["zacapa"], xlsx_bytes([person_row(given_names="Otra", sex="X")]))
    assert read_report(wrong.report_path)[1][-1] == "Sexo: Valor desconocido «X»; escriba Hombre o Mujer."
