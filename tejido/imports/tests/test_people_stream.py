"""People on PostgreSQL are validated and written as one stream (engine.stream_all): COPY text lines
built in pass 1 and sent by a writer thread. The COPY text format, and that the stream keeps every
behaviour of the two passes: all or nothing, valid rows only, row keys, errors, progress."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection

from tejido.common.testing import valid_cui
from tejido.imports import engine
from tejido.imports.copytext import NULL, copy_escape, copy_value
from tejido.imports.fields import as_text
from tejido.imports.kinds import KINDS
from tejido.imports.kinds.people import PERSON_COPY_COLUMNS
from tejido.imports.models import ImportBatch, ImportedRow
from tejido.registry.models import Person

from .helpers import HEADERS, person_row, read_report

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

# Names as they come from real spreadsheets and from mischief: a backslash, the text of COPY's NULL
# marker, a carriage return inside a cell, a tab, quotes and a formula-like start.
ODD_NAMES = ["Ana\\Lucía", "\\N", "Rosa\rMaría", "José\tDaniel", 'Juan "el Chino"', "=Pedro", "María\\tJosé"]


def csv_file(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def parse_copy_line(line: str) -> list:
    """PostgreSQL's reading of one COPY text line (what the server stores)."""
    fields = []
    for raw in line.rstrip("\n").split("\t"):
        if raw == NULL:
            fields.append(None)
            continue
        out, i = [], 0
        while i < len(raw):
            if raw[i] == "\\":
                out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[raw[i + 1]])
                i += 2
            else:
                out.append(raw[i])
                i += 1
        fields.append("".join(out))
    return fields


def test_copy_escape_writes_backslash_tab_newline_and_carriage_return_as_copy_reads_them():
    assert copy_escape("Ana Lucía") == "Ana Lucía"  # the common case is returned as is
    assert copy_escape("a\\b\tc\nd\re") == "a\\\\b\\tc\\nd\\re"
    assert copy_escape("\\N") == "\\\\N"  # a name that reads like NULL stays a name
    assert [copy_value(v) for v in (None, True, False, dt.date(2019, 5, 17), 12, "x\ty")] == [
        "\\N", "t", "f", "2019-05-17", "12", "x\\ty"]
    for name in ODD_NAMES:
        assert parse_copy_line(copy_escape(name)) == [name]


def test_copy_columns_cover_every_person_column_and_leave_out_only_nullable_ones():
    columns = {f.column: f for f in Person._meta.concrete_fields}
    assert set(PERSON_COPY_COLUMNS) <= set(columns)
    left_out = set(columns) - set(PERSON_COPY_COLUMNS)
    assert left_out == {"deleted_at", "deleted_by_id", "place_id"}
    assert all(columns[c].null for c in left_out)  # COPY gives them NULL


def test_copy_lines_round_trip_odd_names_and_nulls(people):
    kind = KINDS["personas"]
    ctx = kind.context(people["zacapa"])
    records = []
    for n, name in enumerate(ODD_NAMES):
        values = person_row(given_names=name, first_surname=f"Caal\\{n}", married_surname="", address="Km 5\t\\ Zona 1",
                            cui=valid_cui(1901) if n == 0 else "", registered_center_id="")
        records.append(kind.validate(values, kind.positions(HEADERS), ctx))
    text = kind.copy_lines(records, list(range(100, 100 + len(records))), ctx)
    lines = text.splitlines(keepends=True)
    assert len(lines) == len(records)  # no value broke a line
    for pk, record, line in zip(range(100, 100 + len(records)), records, lines, strict=True):
        stored = dict(zip(PERSON_COPY_COLUMNS, parse_copy_line(line), strict=True))
        assert stored["id"] == str(pk)
        assert (stored["given_names"], stored["first_surname"], stored["address"]) == (
            record["given_names"], record["first_surname"], record["address"])
        assert stored["married_surname"] == "" and stored["registered_center_id"] is None
        assert stored["cui"] == record["cui"]  # None -> NULL, a CUI as typed
        assert stored["department_id"] == "19" and stored["birth_date"] == "2019-05-17"
        assert stored["created_by_id"] == str(people["zacapa"].pk) and stored["deletion_reason"] == ""


@postgres_only
def test_odd_names_are_stored_exactly_as_the_other_path_stores_them(people, run_import):
    rows = [person_row(given_names=name, first_surname="Caal\\Xol", address="Km 5 \\ Zona 1",
                       birth_date=f"0{n + 1}/01/2019") for n, name in enumerate(ODD_NAMES)]
    batch = run_import(people["zacapa"], csv_file(rows), name="raros.csv")
    assert (batch.status, batch.created_rows) == ("done", len(ODD_NAMES))
    stored = list(Person.objects.order_by("birth_date").values_list("given_names", "first_surname", "address",
                                                                    "search_name"))
    # as_text is the cell rule of both paths: tabs and newlines become one space, the rest is kept.
    assert [s[0] for s in stored] == [as_text(name) for name in ODD_NAMES]
    assert stored[0][:3] == ("Ana\\Lucía", "Caal\\Xol", "Km 5 \\ Zona 1")
    assert stored[1][0] == "\\N" and stored[2][0] == "Rosa\rMaría" and stored[3][0] == "José Daniel"
    assert stored[0][3] == "ana lucia caal xol caal"  # search_name as Person.refresh_derived computes it
    person = Person.objects.get(given_names="Rosa\rMaría")
    person.refresh_derived()
    assert person.search_name == stored[2][3]


@postgres_only
def test_an_error_after_some_batches_were_written_imports_nothing(people, run_import, monkeypatch):
    monkeypatch.setattr(engine, "STREAM_BATCH", 2)  # several COPYs before the bad row
    rows = [person_row(given_names=f"Persona {n}", cui=valid_cui(1901)) for n in range(5)]
    rows.append(person_row(sex="?"))
    rows.append(person_row(given_names="Última"))
    before = Person.objects.count()
    batch = run_import(people["zacapa"], csv_file(rows), name="p.csv")
    assert (batch.status, batch.total_rows, batch.error_rows, batch.created_rows) == ("rejected", 7, 1, 0)
    assert Person.objects.count() == before and not ImportedRow.objects.exists()
    assert read_report(batch.report_path)[6][-1].startswith("Sexo: Valor desconocido")
    # Nothing half-saved: the fixed file imports every row, once.
    rows[5] = person_row(given_names="Corregida")
    again = run_import(people["zacapa"], csv_file(rows), name="p.csv")
    assert (again.status, again.created_rows) == ("done", 7)


@postgres_only
def test_valid_rows_only_writes_each_good_row_with_its_key_across_batches(people, run_import, monkeypatch):
    monkeypatch.setattr(engine, "STREAM_BATCH", 2)
    rows = [person_row(given_names=f"Persona {n}", birth_date=f"1{n}/02/2001") for n in range(6)]
    rows.insert(3, person_row(birth_date="31/02/2020"))
    batch = run_import(people["zacapa"], csv_file(rows), name="p.csv", valid_rows_only=True)
    assert (batch.status, batch.error_rows, batch.created_rows) == ("done", 1, 6)
    keys = ImportedRow.objects.filter(batch=batch).order_by("row_number")
    assert [k.row_number for k in keys] == [2, 3, 4, 6, 7, 8]  # the file's row numbers, row 5 had the error
    names = dict(Person.objects.values_list("id", "given_names"))
    assert [names[k.object_id] for k in keys] == [f"Persona {n}" for n in range(6)]
    again = run_import(people["zacapa"], csv_file(rows), name="p.csv", valid_rows_only=True)
    assert (again.created_rows, again.skipped_rows) == (0, 6)


@postgres_only
def test_a_copy_rejected_by_the_database_fails_the_import_and_writes_nothing(people, run_import, monkeypatch):
    """The COPY runs in a thread; its error (here a CUI registered since pass 1 looked) reaches the batch."""
    from tejido.common.testing import make_person

    cui = valid_cui(1901)
    make_person(cui=cui)
    monkeypatch.setattr(type(KINDS["personas"]), "existing", lambda self, keys, ctx: set())
    before = Person.objects.count()
    batch = run_import(people["zacapa"], csv_file([person_row(given_names="Rosa"), person_row(cui=cui)]),
                       name="p.csv")
    assert (batch.status, batch.created_rows) == ("failed", 0)
    assert "no se importó nada" in batch.message
    assert Person.objects.count() == before and not ImportedRow.objects.exists()


@postgres_only
def test_dry_run_streams_nothing(people, run_import, monkeypatch):
    monkeypatch.setattr(engine, "stream_all", lambda *a, **k: pytest.fail("a dry run must not write"))
    batch = run_import(people["zacapa"], csv_file([person_row()]), name="p.csv", dry_run=True)
    assert (batch.status, batch.created_rows) == ("validated", 0) and not Person.objects.exists()


def test_progress_of_a_stream_reads_rows_read_and_written_from_the_file(people, run_import):
    """One stream keeps its counts inside its transaction; the page reads them from the progress file."""
    from tejido.imports.selectors import percent, with_live_counts
    from tejido.imports.services import _report_progress

    batch = run_import(people["zacapa"], csv_file([person_row()]), name="p.csv", dry_run=True)
    batch.status, batch.estimated_rows, batch.total_rows, batch.created_rows = "importing", 1000, 0, 0
    _report_progress(batch, 400, 600)
    assert percent(batch) == 50  # 600 of 1000 read (30 %) + 400 of 1000 written (20 %)
    with_live_counts(batch)
    assert (batch.total_rows, batch.created_rows) == (600, 400)
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert (stored.total_rows, stored.created_rows) == (1, 0)  # the database row is not touched
