"""Whole-file problems end in one Spanish message and nothing is imported: what is cheap to see
whatever the file's size (too large, empty, not a spreadsheet by its first bytes) is refused at
upload next to the file field, with nothing recorded; the rest (the workbook's parts, merged cells,
encoding, the template's columns) is found by the import itself, and its batch fails with the
message (issue 15: the web request never opens the workbook)."""

import io
import zipfile

import pytest

from tejido.common.errors import ApplicationError
from tejido.imports.models import ImportBatch
from tejido.registry.models import Person

from .helpers import HEADERS, csv_bytes, person_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def refused(run_import, user, data, name="personas.xlsx") -> ApplicationError:
    """Refused at upload: nothing recorded."""
    with pytest.raises(ApplicationError) as caught:
        run_import(user, data, name)
    assert caught.value.field == "archivo"
    assert ImportBatch.objects.count() == 0 and Person.objects.count() == 0
    return caught.value


def failed(run_import, user, data, name="personas.xlsx", **options) -> str:
    """Refused by the import: the batch failed with the message, nothing imported."""
    batch = run_import(user, data, name, **options)
    assert batch.status == ImportBatch.Status.FAILED and batch.created_rows == 0
    assert Person.objects.count() == 0
    return batch.message


def test_merged_cells(people, run_import):
    message = failed(run_import, people["zacapa"], xlsx_bytes([person_row(), person_row()], merge="A2:A3"))
    assert "celdas combinadas" in message


def test_missing_required_columns(people, run_import):
    headers = [h for h in HEADERS if h not in {"Sexo", "Fecha de nacimiento"}]
    rows = [[v for h, v in zip(HEADERS, person_row(), strict=True) if h in headers]]
    message = failed(run_import, people["zacapa"], xlsx_bytes(rows, headers))
    assert message == "Faltan columnas obligatorias: «Sexo», «Fecha de nacimiento»."


def test_wrong_template(people, run_import):
    message = failed(run_import, people["zacapa"], xlsx_bytes([["Partida", 1000]], ["Actividad", "Monto"]))
    assert "no es la plantilla de «Personas»" in message


def test_file_over_the_size_limit(people, run_import, settings):
    settings.IMPORT_MAX_BYTES = 50 * 1024  # the 50 MB of the issue, scaled down to keep the test fast
    data = csv_bytes([person_row(address="x" * 200)] * 300)
    assert len(data) > 50 * 1024
    error = refused(run_import, people["zacapa"], data, "grande.csv")
    assert error.message == "El archivo pesa más de 50 KB, el máximo. Divídalo en varios archivos."


def test_zip_bomb_disguised_as_xlsx(people, run_import):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (200 * 1024 * 1024))  # 200 MB of zeros, ~200 KB zipped
    assert "descomprime a un tamaño desproporcionado" in failed(run_import, people["zacapa"], out.getvalue())


def test_not_a_spreadsheet(people, run_import):
    assert "no es un libro de Excel" in refused(run_import, people["zacapa"], b"\xd0\xcf\x11\xe0 old xls",
                                                 "viejo.xls").message
    assert "vacío" in refused(run_import, people["zacapa"], b"", "vacio.csv").message
    assert "dañado" in failed(run_import, people["zacapa"], b"PK\x03\x04 broken", "roto.xlsx")


def test_planner_and_auditor_cannot_import(people, run_import):
    for who in ("planner", "auditor"):
        with pytest.raises(ApplicationError) as caught:
            run_import(people[who], xlsx_bytes([person_row()]))
        assert "solo lectura" in caught.value.message or "cifras agregadas" in caught.value.message
    assert ImportBatch.objects.count() == 0


def test_a_file_of_another_template_is_named(people, run_import):
    message = failed(run_import, people["zacapa"], xlsx_bytes([person_row()]), kind="inscripciones")
    assert message == "Este archivo es de la plantilla «Personas», no de «Inscripciones». Elija la plantilla correcta."
