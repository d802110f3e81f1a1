"""The two passes of an import. Pass 1 streams every row through validation (nothing is
written); pass 2 — only when no row has an error, or when the user asked for valid rows only —
streams the file again and writes in batches inside ONE transaction, so an import lands whole
or not at all. A third stream writes the error report (the same file back with an «Errores»
column) only when some row has errors."""

import csv
import os
import pickle

from django.db import connection, transaction
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.text import neutralize_formula

from .kinds.base import RowErrors, writer
from .models import ImportBatch, ImportedRow

BATCH = 5000
ERRORS_HEADER = "Errores"


class Outcome:
    def __init__(self):
        self.total = 0
        self.errors: dict[int, str] = {}  # row number -> Spanish message naming the columns
        self.skipped: set[int] = set()  # rows already imported (or a CUI already registered)
        self.created = 0


def validate_all(kind, sheet, positions, ctx, *, spool=None, progress=None) -> Outcome:
    """Pass 1. Valid rows are pickled to `spool` (a temporary file) in batches, so pass 2 writes
    them without parsing the file again; memory holds one batch at a time."""
    if not kind.rehearse:
        return _validate_rows(kind, sheet, positions, ctx, spool=spool, progress=progress)
    with transaction.atomic():
        outcome = _validate_rows(kind, sheet, positions, ctx, spool=spool, progress=progress)
        transaction.set_rollback(True)  # a rehearsal: nothing it wrote is kept
    kind.after_rehearsal(ctx)  # forget ids of records the rollback took away
    return outcome


def _rehearse(kind, clean, ctx) -> None:
    try:
        with transaction.atomic():
            kind.apply(clean, ctx)
    except ApplicationError as error:
        raise RowErrors([(kind.service_fields.get(error.field, ""), error.message)]) from None


def _validate_rows(kind, sheet, positions, ctx, *, spool=None, progress=None) -> Outcome:
    outcome = Outcome()
    seen: dict[int, int] = {}  # hash of row key -> first row number with it (duplicates inside the file)
    pending: list[tuple[int, str, dict]] = []
    accepted: dict[str, int] = {}  # rehearsed kinds (small files): key -> row, for checks across rows

    def flush():
        existing = kind.existing([key for _n, key, _r in pending], ctx)
        conflicts = kind.conflicts([(key, record) for _n, key, record in pending if key in existing], ctx)
        for number, key, _r in pending:
            if key in conflicts:
                outcome.errors[number] = conflicts[key]
        existing -= set(conflicts)
        outcome.skipped.update(n for n, key, _r in pending if key in existing)
        if spool is not None:
            pickle.dump([p for p in pending if p[1] not in existing and p[1] not in conflicts], spool,
                        protocol=pickle.HIGHEST_PROTOCOL)
        pending.clear()

    for number, values in sheet.rows():
        outcome.total += 1
        try:
            clean = kind.validate(values, positions, ctx)
        except RowErrors as error:
            outcome.errors[number] = error.message
        else:
            key = kind.key(clean)
            first = seen.setdefault(hash(key), number)
            if first != number:
                outcome.errors[number] = (_("Fila repetida: los mismos datos clave que la fila %(row)s.")
                                          % {"row": first})
            elif kind.rehearse and kind.existing([key], ctx):
                outcome.skipped.add(number)
            else:
                try:
                    if kind.rehearse:
                        _rehearse(kind, clean, ctx)
                        accepted[key] = number
                    pending.append((number, key, clean))
                except RowErrors as error:
                    outcome.errors[number] = error.message
        if len(pending) >= BATCH:
            flush()
        if progress and outcome.total % BATCH == 0:
            progress(outcome)
    flush()
    # Rules over a group of rows (e.g. one head per household) once every row has been seen.
    for key, message in kind.finish(ctx).items():
        if key in accepted:
            outcome.errors[accepted[key]] = message
    return outcome


@transaction.atomic
def write_all(kind, spool, ctx, outcome: Outcome, batch: ImportBatch, *, progress=None) -> int:
    """Pass 2: insert the spooled valid rows; any failure rolls the whole import back."""
    if connection.vendor == "postgresql":
        # This transaction only: the commit does not wait for the WAL flush to disk. A server crash
        # in the fraction of a second after it can lose the import whole (never part of it).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
    keys_writer = writer()
    for chunk in _chunks(kind, spool):
        # Rows an after-the-fact check rejected (only reached with "solo filas válidas").
        chunk = [item for item in chunk if item[0] not in outcome.errors]
        ids = kind.write([record for _n, _k, record in chunk], ctx)
        keys_writer.insert(ImportedRow, [
            {"kind": kind.slug, "key": key, "batch_id": batch.pk, "row_number": number, "object_id": pk}
            for (number, key, _r), pk in zip(chunk, ids, strict=True)
        ])
        outcome.created += len(ids)
        if progress:
            progress(outcome)
    return outcome.created


def _chunks(kind, spool):
    """The spooled valid rows in batches; all in one for kinds whose records span rows (a family unit)."""
    spool.seek(0)
    every = []
    while True:
        try:
            chunk = pickle.load(spool)
        except EOFError:
            break
        if getattr(kind, "whole_file", False):
            every.extend(chunk)
        else:
            yield chunk
    if every:
        yield every


def write_report(sheet, outcome: Outcome, path: str) -> None:
    """The uploaded rows back, each with its errors in a last column (XLSX in, XLSX out; CSV in, CSV out)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if sheet.fmt == "xlsx":
        _xlsx_report(sheet, outcome, path)
    else:
        _csv_report(sheet, outcome, path)


def _report_rows(sheet, outcome):
    for number, values in sheet.rows():
        if number in outcome.skipped:
            note = _("Ya importada: se omite.")
        else:
            note = outcome.errors.get(number, "")
        yield [neutralize_formula(v) for v in values], note


def _xlsx_report(sheet, outcome, path):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("Datos")
    red = PatternFill("solid", fgColor="FFC7CE")
    header_cell = WriteOnlyCell(data, ERRORS_HEADER)
    header_cell.font = Font(bold=True)
    data.append([*sheet.headers, header_cell])
    width = len(sheet.headers)
    for values, note in _report_rows(sheet, outcome):
        values = (values + [None] * width)[:width]
        cell = WriteOnlyCell(data, note)
        if note and note != _("Ya importada: se omite."):
            cell.fill = red
        data.append([*values, cell])
    workbook.save(path)


def _csv_report(sheet, outcome, path):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=sheet.delimiter)
        out.writerow([*sheet.headers, ERRORS_HEADER])
        width = len(sheet.headers)
        for values, note in _report_rows(sheet, outcome):
            out.writerow([*(values + [""] * width)[:width], note])
