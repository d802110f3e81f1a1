"""Exporting any list a user can see to CSV or XLSX (docs/exports.md).

A list registers a `ListExport`: the rows come from the page's own scoped selector (same
filters, same search, same scope), so an export can never hold more than the page pages
through. Both formats are written row by row: memory stays flat however long the list is.
Every text cell is neutralised against formula injection and every export is logged."""

import csv
import datetime as dt
import inspect
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from .audit import log_access
from .errors import ApplicationError, NotFoundOrOutOfScope
from .models import AccessEvent, AccessEventPerson
from .text import neutralize_formula

FORMATS = ("csv", "xlsx")
CHUNK_SIZE = 2000
# An XLSX sheet holds 1,048,576 rows; longer lists go on to another sheet.
XLSX_SHEET_ROWS = 1_048_575


@dataclass(frozen=True)
class Column:
    """A Spanish header and how to read the cell from a row: a dotted attribute path
    ("person.municipality.name"; a method such as get_sex_display is called) or a function."""

    header: str
    value: str | Callable


@dataclass(frozen=True)
class ListExport:
    slug: str  # URL: /exportar/<slug>.csv
    title: str  # the sheet's name
    model: str  # app label of the rows, for the access log
    # the columns, or columns(request, **url_kwargs) when they depend on data (one per product)
    columns: list[Column] | Callable[..., list[Column]]
    # rows(request, **url_kwargs) -> scoped QuerySet or iterable; it raises like the page does.
    rows: Callable[..., Iterable]
    personal: bool = True  # personal data: planners are refused, as on the page
    extra_check: Callable | None = None  # further rule(user) that raises, e.g. protection officer only


_REGISTRY: dict[str, ListExport] = {}
_discovered = False


def register(export: ListExport) -> ListExport:
    _REGISTRY[export.slug] = export
    return export


def _discover() -> None:
    """Exports are declared in each app's exports.py, imported on first use."""
    global _discovered
    if not _discovered:
        autodiscover_modules("exports")
        _discovered = True


def get_export(slug: str) -> ListExport:
    _discover()
    try:
        return _REGISTRY[slug]
    except KeyError:
        raise NotFoundOrOutOfScope() from None


def all_exports() -> dict[str, ListExport]:
    _discover()
    return dict(_REGISTRY)


def check_may_export(user, export: ListExport) -> None:
    """Raise as the page would: the list's own rule first (protection: "not found" to
    everyone else), then personal data (planners)."""
    from tejido.territory.scope import require_personal_data

    if export.extra_check is not None:
        export.extra_check(user)
    if export.personal:
        require_personal_data(user)


def may_export(user, export: ListExport) -> bool:
    try:
        check_may_export(user, export)
    except ApplicationError:
        return False
    return True


# --- cells -------------------------------------------------------------------------------

def read_value(row, accessor, labels: dict | None = None):
    if callable(accessor):
        return accessor(row)
    value = row
    for part in accessor.split("."):
        if value is None:
            return None
        if labels is not None and part.startswith("get_") and part.endswith("_display") and hasattr(value, "_meta"):
            value = _choice_label(value, part[4:-8], labels)
            continue
        value = value[part] if isinstance(value, dict) else getattr(value, part)
        if callable(value):
            value = value()
    return value


def _choice_label(obj, name: str, labels: dict):
    """get_<field>_display, translated once per export: Django's translates every choice on
    every call, which made choice columns most of an export's time."""
    table = labels.get((type(obj), name))
    if table is None:
        table = labels[(type(obj), name)] = {k: str(v) for k, v in obj._meta.get_field(name).flatchoices}
    value = getattr(obj, name)
    return table.get(value, value)


def safe_cell(value):
    """The value as a spreadsheet should get it: numbers and dates stay typed; text that a
    spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe,
    even "-5" when it is text (a CUI or a phone number is text, never a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Sí") if value else _("No")
    if isinstance(value, int | float | Decimal | dt.date | dt.time):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    return neutralize_formula(str(value))


def _text(value) -> str:
    """CSV has no types: dates as ISO (2026-05-17), numbers with a decimal point."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def iter_rows(columns: list[Column], source) -> Iterable[list]:
    if isinstance(source, QuerySet):
        source = source.iterator(chunk_size=CHUNK_SIZE)
    labels: dict = {}
    for row in source:
        yield [safe_cell(read_value(row, column.value, labels)) for column in columns]


def headers(columns: list[Column]) -> list[str]:
    return [str(column.header) for column in columns]


# --- responses ---------------------------------------------------------------------------

class _Echo:
    def write(self, value):
        return value


def csv_response(columns: list[Column], source, *, filename: str) -> StreamingHttpResponse:
    """Comma separated (the list separator of Spanish (Guatemala) spreadsheets), UTF-8 with
    a byte order mark so Excel reads accents right; streamed row by row."""
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff" + writer.writerow(headers(columns))
        for row in iter_rows(columns, source):
            yield writer.writerow([_text(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_xlsx(columns: list[Column], source, target, *, title: str) -> int:
    """Write-only workbook: openpyxl keeps one row at a time and spills sheets to disk."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet, written, count = None, XLSX_SHEET_ROWS, 0
    for row in iter_rows(columns, source):
        if written == XLSX_SHEET_ROWS:
            number = len(workbook.worksheets) + 1
            sheet = workbook.create_sheet(_sheet_title(title, number))
            sheet.append(headers(columns))
            written = 0
        sheet.append(row)
        written += 1
        count += 1
    if sheet is None:
        workbook.create_sheet(_sheet_title(title, 1)).append(headers(columns))
    workbook.save(target)
    return count


def _sheet_title(title: str, number: int) -> str:
    clean = "".join(c for c in str(title) if c not in "[]:*?/\\")[:28]
    return clean if number == 1 else f"{clean[:24]} ({number})"


def xlsx_response(columns: list[Column], source, *, filename: str, title: str) -> FileResponse:
    # An unnamed temporary file: the workbook never sits whole in memory and the file
    # disappears when the response closes it.
    target = tempfile.TemporaryFile(suffix=".xlsx")
    write_xlsx(columns, source, target, title=title)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=f"{filename}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _takes(function, request, url_kwargs) -> bool:
    """Whether the list's rows() accepts exactly these URL parameters."""
    try:
        inspect.signature(function).bind(request, **url_kwargs)
    except TypeError:
        return False
    return True


# An export of up to this many people records each of them (AccessEventPerson), so the auditor's
# search by person finds it; a longer one records only how many (docs: tejido/common/README.md).
EXPORT_PEOPLE_CAP = 5_000
# Export filters whose value is a department id (the page's «Departamento» select).
DEPARTMENT_FILTERS = ("department", "departamento")


def _log_export(request, export: ListExport, source, *, object_id, **detail) -> AccessEvent:
    """The export's access event, with the people its rows carry (up to EXPORT_PEOPLE_CAP) and the
    department the list was filtered to. The list's `object_id` is the record the list belongs to (a
    center, a shelter), not a row of `export.model`: its department is not looked up."""
    from tejido.territory.models import Department

    from .access_records import people_in

    people = people_in(source, export.model, cap=EXPORT_PEOPLE_CAP)
    if people is not None:
        detail["exported_people"] = len(people) if len(people) <= EXPORT_PEOPLE_CAP else f"+{EXPORT_PEOPLE_CAP}"
    department = next((int(v) for k, v in detail.get("filters", {}).items()
                       if k in DEPARTMENT_FILTERS and str(v).isdecimal() and len(str(v)) < 6), None)
    if department is not None and not Department.objects.filter(pk=department).exists():
        department = None
    with transaction.atomic():
        event = log_access(request.user, AccessEvent.Action.EXPORT, model=export.model, object_id=object_id,
                           record_department=department, via=AccessEvent.Channel.EXPORT, **detail)
        if people and len(people) <= EXPORT_PEOPLE_CAP:
            AccessEventPerson.objects.bulk_create([AccessEventPerson(event=event, person_id=pk) for pk in people],
                                                  batch_size=1000)
    return event


def export_response(request, slug: str, fmt: str, **url_kwargs):
    """Check, log and answer one export. The same call serves pages and the API."""
    export = get_export(slug)
    if not _takes(export.rows, request, url_kwargs):
        # e.g. /exportaciones/personas/58: that list has no per-record form (was a 500)
        raise NotFoundOrOutOfScope()
    if fmt not in FORMATS:
        raise ApplicationError(_("Formato de exportación no disponible: use csv o xlsx."), field="formato")
    try:
        check_may_export(request.user, export)
    except ApplicationError:
        # A refused export is worth knowing about too (a planner, anyone at the protection list).
        log_access(request.user, AccessEvent.Action.DENIED, model=export.model, list=slug, format=fmt)
        raise
    source = export.rows(request, **url_kwargs)
    columns = export.columns(request, **url_kwargs) if callable(export.columns) else export.columns
    filters = {k: v for k, v in request.GET.items() if v}
    _log_export(request, export, source, object_id=url_kwargs.get("pk", ""), list=slug, format=fmt, filters=filters,
                **{k: str(v) for k, v in url_kwargs.items() if k != "pk"})
    filename = f"{slug}-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        return csv_response(columns, source, filename=filename)
    return xlsx_response(columns, source, filename=filename, title=export.title)
