"""The two passes of an import. Pass 1 streams every row through validation (nothing is
written); pass 2 — only when no row has an error, or when the user asked for valid rows only —
streams the file again and writes in batches inside ONE transaction, so an import lands whole
or not at all. A third stream writes the error report (the same file back with an «Errores»
column) only when some row has errors.

On PostgreSQL, kinds that give COPY text lines (people) run both passes as one stream
(`stream_all`): inside the import's transaction, each batch of valid rows (with their «+» history
rows and row keys) is sent with COPY by a writer thread while the next batch is validated; the
first row with an error (all or nothing) stops the writing and the transaction is rolled back at
the end, so the outcome is the same."""

import csv
import os
import pickle
import threading

from django.db import connection, transaction
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.text import neutralize_formula

from .copytext import copy_escape
from .kinds.base import RowErrors, writer
from .models import ImportBatch, ImportedRow

BATCH = 5000
PREPARE = 1000  # rows whose lookups are loaded together (Kind.prepare)
STREAM_BATCH = 20000  # rows per COPY in stream_all: fewer round trips, memory still a few MB
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


def _validate_rows(kind, sheet, positions, ctx, *, spool=None, progress=None, sink=None,
                   batch_size=BATCH) -> Outcome:
    """`sink(rows, outcome)`, if given, receives each batch of valid rows not imported before."""
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
        # The service's rules over the batch's new rows at once (kinds that check set-based).
        refused = kind.check_batch([p for p in pending if p[1] not in existing and p[1] not in conflicts], ctx)
        outcome.errors.update(refused)
        if spool is not None or sink is not None:
            valid = [p for p in pending if p[1] not in existing and p[1] not in conflicts and p[0] not in refused]
            if spool is not None:
                pickle.dump(valid, spool, protocol=pickle.HIGHEST_PROTOCOL)
            if sink is not None:
                sink(valid, outcome)
        pending.clear()

    for number, values in _prepared(kind, sheet.rows(), positions, ctx):
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
        if len(pending) >= batch_size:
            flush()
        if progress and outcome.total % BATCH == 0:
            progress(outcome)
    flush()
    # Rules over a group of rows (e.g. one head per household) once every row has been seen.
    for key, message in kind.finish(ctx).items():
        if key in accepted:
            outcome.errors[accepted[key]] = message
    return outcome


def _prepared(kind, rows, positions, ctx, size: int = PREPARE):
    """The rows as they come, in chunks whose lookups the kind loads at once (`Kind.prepare`: the
    people a chunk names, one query instead of one per row) before each row is validated."""
    chunk = []
    for item in rows:
        chunk.append(item)
        if len(chunk) >= size:
            kind.prepare([values for _n, values in chunk], positions, ctx)
            yield from chunk
            chunk = []
    if chunk:
        kind.prepare([values for _n, values in chunk], positions, ctx)
        yield from chunk


@transaction.atomic
def write_all(kind, spool, ctx, outcome: Outcome, batch: ImportBatch, *, progress=None) -> int:
    """Pass 2: insert the spooled valid rows; any failure rolls the whole import back."""
    if connection.vendor == "postgresql":
        # This transaction only: the commit does not wait for the WAL flush to disk. A server crash
        # in the fraction of a second after it can lose the import whole (never part of it).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
    keys_writer = writer()
    kind.begin(ctx, batch)  # kinds that write their records themselves write their history rows too
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


def can_stream(kind) -> bool:
    """Both passes as one stream: PostgreSQL, and a kind that writes COPY text lines (people)."""
    return connection.vendor == "postgresql" and kind.copy_table is not None and not kind.rehearse


def stream_all(kind, sheet, positions, ctx, batch: ImportBatch, *, all_or_nothing: bool = True,
               progress=None) -> Outcome:
    """Pass 1 and pass 2 together, in ONE transaction: each batch of valid rows goes to PostgreSQL
    by COPY (a writer thread) while the next batch is validated. With all or nothing, the first
    row with an error stops the writing and the transaction is rolled back once every row has
    been validated (the report still names every error); `outcome.created` is then 0."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            # As in write_all: the commit does not wait for the WAL flush (a crash loses the whole import).
            cursor.execute("SET LOCAL synchronous_commit = off")
        stream = CopyStream(kind, ctx, batch, all_or_nothing=all_or_nothing, progress=progress)
        try:
            outcome = _validate_rows(kind, sheet, positions, ctx, sink=stream, batch_size=STREAM_BATCH,
                                     progress=progress)
        except BaseException:
            stream.abandon()  # the thread lets go of the connection before the rollback
            raise
        stream.close(outcome)  # waits for the last COPY; raises its error, if any
        outcome.created = stream.created
        if stream.halted or (all_or_nothing and outcome.errors):
            transaction.set_rollback(True)
            outcome.created = 0
    return outcome


class CopyStream:
    """Receives batches of valid rows from pass 1 and COPYs them (the kind's table and the row keys)
    on the import's own connection, from a thread, while pass 1 goes on validating: the thread
    mostly waits on PostgreSQL, which releases the GIL. The connection is never used by two
    threads at once: before any query of its own (row keys, ids), pass 1 waits for the thread."""

    def __init__(self, kind, ctx, batch: ImportBatch, *, all_or_nothing: bool, progress=None):
        self.kind, self.ctx, self.batch = kind, ctx, batch
        self.all_or_nothing, self.progress = all_or_nothing, progress
        self.halted = False
        self.created = 0
        self._thread = None
        self._in_flight = 0
        self._error = None
        self._raw = connection.connection  # the psycopg connection inside Django's transaction
        self._table_sql = f'COPY {kind.copy_table} ({", ".join(kind.copy_columns)}) FROM STDIN'
        self._keys_sql = (f"COPY {ImportedRow._meta.db_table} (kind, key, batch_id, row_number, object_id) "
                          "FROM STDIN")
        # The records' «+» history rows (who imported them, when, which batch), by the same stream.
        kind.begin(ctx, batch)
        self._history_sql = (f'COPY {kind.history_table} ({", ".join(kind.history_columns)}) FROM STDIN'
                             if kind.history_table else None)
        # Foreign keys are checked at the end of each COPY (in the thread, while pass 1 goes on)
        # instead of all at COMMIT: the same checks, but overlapped with validation.
        tables = [kind.copy_table, ImportedRow._meta.db_table] + ([kind.history_table] if kind.history_table else [])
        self._constraints = _deferred_foreign_keys(tables)
        self._set_constraints("IMMEDIATE")

    def __call__(self, rows: list, outcome: Outcome) -> None:
        if self.all_or_nothing and outcome.errors:
            self.halted = True  # nothing more is written; the transaction will be rolled back
        if self.halted or not rows:
            return
        self.wait(outcome)
        ids = _reserve_ids(self.kind.copy_table, len(rows))
        table_text, history_text = self.kind.copy_texts([record for _n, _k, record in rows], ids, self.ctx)
        slug, batch_id = self.kind.slug, self.batch.pk
        keys_text = "".join(f"{slug}\t{copy_escape(key)}\t{batch_id}\t{number}\t{pk}\n"
                            for (number, key, _r), pk in zip(rows, ids, strict=True))
        self._in_flight = len(rows)
        self._thread = threading.Thread(target=self._copy, name="import-copy", daemon=True,
                                        args=(table_text.encode(), keys_text.encode(), history_text.encode()))
        self._thread.start()

    def _copy(self, table_data: bytes, keys_data: bytes, history_data: bytes) -> None:
        try:
            with self._raw.cursor() as cursor:
                with cursor.copy(self._table_sql) as copy:
                    copy.write(table_data)
                with cursor.copy(self._keys_sql) as copy:
                    copy.write(keys_data)
                if history_data:
                    with cursor.copy(self._history_sql) as copy:
                        copy.write(history_data)
        except BaseException as error:  # noqa: BLE001 — handed to the main thread by wait()
            self._error = error

    def wait(self, outcome: Outcome | None = None) -> None:
        """Wait for the COPY in flight; raise its error as Django's DatabaseError."""
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            with connection.wrap_database_errors:
                raise error
        self.created += self._in_flight
        self._in_flight = 0
        if self.progress and outcome is not None:
            outcome.created = self.created
            self.progress(outcome)

    def close(self, outcome: Outcome) -> None:
        self.wait(outcome)
        self._set_constraints("DEFERRED")  # back to Django's default for the rest of the transaction

    def abandon(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread, self._error = None, None

    def _set_constraints(self, mode: str) -> None:
        if self._constraints:
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {', '.join(self._constraints)} {mode}")


def _deferred_foreign_keys(tables: list[str]) -> list[str]:
    """The foreign keys of these tables that are DEFERRABLE INITIALLY DEFERRED (Django's), quoted."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.conname) FROM pg_constraint c "
                       "JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND c.condeferrable "
                       "AND c.condeferred AND c.conrelid = ANY(%s::regclass[])", [tables])
        return [row[0] for row in cursor.fetchall()]


def _reserve_ids(table: str, count: int) -> list[int]:
    """COPY returns no ids: take them from the table's identity sequence (safe with concurrent inserts)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                       [table, count])
        return [row[0] for row in cursor.fetchall()]


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
