"""What every import kind provides. A kind owns its columns, how a row becomes a valid record
(reusing its app's rules), the row's natural key, and how a batch of valid rows is written."""

from dataclasses import replace

from django.db import connection
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.text import normalize_text

from ..fields import CellError, Column

FIELD = "archivo"
MEMO_LIMIT = 50_000  # distinct cell texts remembered per column (a few MB at most)
_MISSING = object()


class RowErrors(Exception):
    """Every problem of one row, each as (column header, Spanish message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems)
        self.problems = problems

    @property
    def message(self) -> str:
        return "; ".join(f"{header}: {text}" if header else text for header, text in self.problems)


class Kind:
    slug = ""
    label = ""
    columns: list[Column] = []
    key_help = ""  # how the row key is formed, for docs and the instructions sheet
    # Kinds written through their app's service, row by row: pass 1 also runs `apply` on every
    # valid row inside a transaction it rolls back, so the service's own rules judge each row.
    rehearse = False
    service_fields: dict[str, str] = {}  # service error field -> column header

    def apply(self, clean: dict, ctx) -> int:
        raise NotImplementedError

    # --- set-up -------------------------------------------------------------------------
    def context(self, user):
        """Everything rows are checked against, loaded once (territory, centers in scope)."""
        raise NotImplementedError

    def check_user(self, user) -> None:
        """Raise PermissionDenied for roles that may not import this kind."""
        raise NotImplementedError

    # --- headers ------------------------------------------------------------------------
    def positions(self, headers: list[str]) -> dict[str, int]:
        """Column name -> index in the file; refuses a file without the required columns."""
        found = {normalize_text(h): i for i, h in enumerate(headers) if h}
        self._use_header_variants(found)
        positions = {c.name: found[normalize_text(c.header)] for c in self.columns
                     if normalize_text(c.header) in found}
        missing = [c.header for c in self.columns if c.required and c.name not in positions]
        if not positions:
            other = _matching_kind(headers, self)
            if other:
                raise ApplicationError(_("Este archivo es de la plantilla «%(other)s», no de «%(kind)s». "
                                         "Elija la plantilla correcta.") % {"other": other.label, "kind": self.label},
                                       field=FIELD)
            raise ApplicationError(_("El archivo no es la plantilla de «%(kind)s»: la primera fila debe tener "
                                     "los encabezados de la plantilla (descárguela de esta página).")
                                   % {"kind": self.label}, field=FIELD)
        if missing:
            raise ApplicationError(_("Faltan columnas obligatorias: %(columns)s.")
                                   % {"columns": ", ".join(f"«{m}»" for m in missing)}, field=FIELD)
        return positions

    def _use_header_variants(self, found: dict[str, int]) -> None:
        """A column written under one of its variant headers («Sexo (H/M)») is read with that
        variant's parser, for this import only (a kind instance is one import's: get_kind)."""
        columns = []
        for column in self.columns:
            variant = next(((header, parse) for header, parse in column.variants.items()
                            if normalize_text(header) in found and normalize_text(column.header) not in found), None)
            if variant:
                header, parse = variant
                column = replace(column, header=header, parse=parse)
            columns.append(column)
        self.columns = columns

    # --- rows ---------------------------------------------------------------------------
    def cells(self, values: list, positions: dict[str, int]) -> tuple[dict, list]:
        """Parse each cell; collect every cell problem instead of stopping at the first."""
        plan = self._plan if getattr(self, "_plan_for", None) is positions else self._make_plan(positions)
        clean, problems = {}, []
        width = len(values)
        for name, header, index, parse, required, memo in plan:
            raw = values[index] if index is not None and index < width else None
            # Text cells repeat (codes, municipalities, dates, given names): each spelling is parsed
            # once per file. Parsers are pure for one import (same user, same territory).
            value = memo.get(raw, _MISSING) if type(raw) is str else _MISSING
            if value is _MISSING:
                try:
                    value = parse(raw)
                except CellError as error:
                    problems.append((header, str(error)))
                    continue
                if type(raw) is str and len(memo) < MEMO_LIMIT:
                    memo[raw] = value
            if required and (value is None or value == ""):
                problems.append((header, _("Dato obligatorio.")))
            clean[name] = value
        return clean, problems

    def _make_plan(self, positions):
        """Each column's lookups done once per file, not once per cell: a million rows × 16 columns.
        Built on the first row, after `context()` bound the parsers of this import; the memo of each
        column (cell text -> parsed value) lives as long as the plan: one file."""
        self._plan = [(c.name, c.header, positions.get(c.name), c.parse, c.required, {}) for c in self.columns]
        self._plan_for = positions
        return self._plan

    def validate(self, values: list, positions: dict[str, int], ctx) -> dict:
        """A clean record, or RowErrors naming each wrong column. By default the cells' own
        parsing; a kind with rules across columns or against the database overrides it."""
        clean, problems = self.cells(values, positions)
        if problems:
            raise RowErrors(problems)
        return clean

    def key(self, clean: dict) -> str:
        raise NotImplementedError

    def existing(self, keys: list[str], ctx) -> set[str]:
        """Which of these keys are already in the database (imported before, or registered)."""
        from ..models import ImportedRow

        return values_present(ImportedRow, "key", keys, kind=self.slug)

    def conflicts(self, found: list[tuple[str, dict]], ctx) -> dict[str, str]:
        """Of rows whose key is already stored, those that disagree with what is stored: key -> Spanish
        message. They are row errors, not rows to skip."""
        return {}

    def prepare(self, rows: list[list], positions: dict[str, int], ctx) -> None:
        """Before a chunk of rows is validated: load at once what their cells name (e.g. the people
        of a person column), so that parsing each cell does not query the database."""

    def check_batch(self, rows: list[tuple[int, str, dict]], ctx) -> dict[int, str]:
        """Kinds whose service checks many rows at once (not rehearsed): the new rows of a batch as
        (row number, key, record) -> {row number: Spanish message} for those refused."""
        return {}

    def finish(self, ctx) -> dict[str, str]:
        """Rehearsed kinds: rules over groups of rows, checked after the last row (key -> message)."""
        return {}

    def after_rehearsal(self, ctx) -> None:
        """Called once pass 1's rehearsal is rolled back, before pass 2 writes for real."""

    def write(self, records: list[dict], ctx) -> list[int]:
        """Insert valid records; return their ids in the same order. By default each through the
        service (`apply`), as rehearsed in pass 1."""
        return [self.apply(record, ctx) for record in records]

    # --- audit trail ----------------------------------------------------------------------
    def begin(self, ctx, batch) -> None:
        """Pass 2 is about to write `batch`. Kinds that write records themselves instead of through
        their app's service (people) write the records' creation history rows too, and note here the
        reason those rows carry (`history_reason`)."""

    # --- PostgreSQL COPY (engine.stream_all) ----------------------------------------------
    # A kind that sets `copy_table` writes its records as COPY text lines instead of `write`:
    # validated and written in one stream. Columns left out must be nullable (they get NULL).
    copy_table: str | None = None
    copy_columns: tuple[str, ...] = ()
    # The records' simple-history table, also written by COPY (a «+» row per record), or None.
    history_table: str | None = None
    history_columns: tuple[str, ...] = ()

    def copy_lines(self, records: list[dict], ids: list[int], ctx) -> str:
        """The records as COPY text (`copytext`), one line each, in `copy_columns` order; `ids` reserved."""
        raise NotImplementedError

    def copy_texts(self, records: list[dict], ids: list[int], ctx) -> tuple[str, str]:
        """COPY text of the records and of their history rows (in `history_columns` order; "" without
        `history_table`): one pass over the records for both."""
        return self.copy_lines(records, ids, ctx), ""


class CheckedAtOnce:
    """For a kind whose app service checks and writes many rows at once (issue 18 item 5): pass 1
    runs the service's check over each batch of new rows (one checker for the whole file, so rows
    count against each other); pass 2 checks again with a fresh checker and writes each batch with
    bulk inserts and «+» history rows naming the import. The kind gives `at_once(user)` (the
    service's object: `check(requests)` -> {position: ApplicationError}, `create(requests, reason=)`
    -> the records) and `requests(records)`; its context has `checker` and `reason`."""

    rehearse = False

    def at_once(self, user):
        raise NotImplementedError

    def requests(self, records: list[dict]) -> list:
        raise NotImplementedError

    def check_batch(self, rows, ctx) -> dict[int, str]:
        if ctx.checker is None:
            ctx.checker = self.at_once(ctx.user)
        refused = ctx.checker.check(self.requests([record for _n, _k, record in rows]))
        return {rows[i][0]: RowErrors([(self.service_fields.get(error.field, ""), error.message)]).message
                for i, error in refused.items()}

    def begin(self, ctx, batch) -> None:
        ctx.checker, ctx.reason = self.at_once(ctx.user), history_reason(batch)

    def write(self, records, ctx) -> list[int]:
        return [record.pk for record in ctx.checker.create(self.requests(records), reason=ctx.reason)]


def _matching_kind(headers, current):
    from . import KINDS

    normalized = {normalize_text(h) for h in headers if h}
    for kind in KINDS.values():
        if kind is not current and sum(normalize_text(c.header) in normalized for c in kind.columns) >= 2:
            return kind
    return None


def values_present(model, column: str, values: list, **equal) -> set:
    """Which of `values` are stored in `model.column` (rows matching `equal`), deleted rows included.
    On PostgreSQL one array parameter (= ANY) instead of thousands of IN placeholders: about six
    times faster for a batch of 5,000 keys, which adds up at a million rows."""
    if not values:
        return set()
    if connection.vendor != "postgresql":
        return set(model._base_manager.filter(**{f"{column}__in": values}, **equal).values_list(column, flat=True))
    field = model._meta.get_field
    where = [f'"{field(name).column}" = %s' for name in equal] + [f'"{field(column).column}" = ANY(%s)']
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{field(column).column}" FROM "{model._meta.db_table}" WHERE {" AND ".join(where)}',
                       [*equal.values(), list(values)])
        return {row[0] for row in cursor.fetchall()}


def history_reason(batch) -> str:
    """What the history rows of an import's records say: which batch created them."""
    return _("Importación N.º %(id)s") % {"id": batch.pk}


def writer():
    """COPY on PostgreSQL (ids reserved from the sequence), bulk_create elsewhere: the same
    writers the synthetic-data generator uses, so both load people the same way."""
    from tejido.common.management.commands.generate_people import BulkWriter, CopyWriter

    return CopyWriter() if connection.vendor == "postgresql" else BulkWriter()
