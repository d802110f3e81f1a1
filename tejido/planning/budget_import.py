"""Import of SICOIN's budget execution export (CSV or XLSX): validate every row first,
then write all of them in one transaction, or nothing.

Columns (first row, any order, case and accents ignored; docs/budget_import.md):
anio, mes, actividad, grupo_gasto, asignado, vigente, ejecutado.
asignado and vigente are the annual amounts as of the month; ejecutado is what was
executed (devengado) in that month. A re-imported month replaces that month's lines.
The upload is read as the imports read theirs (size limit, streaming, workbook checked before it
is opened and opened in a child process: `read_upload`), since this one is read in the request."""

import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError

from .models import BudgetImport, BudgetLine, Plan, SpendingGroup
from .services import require_planning_write

COLUMNS = ("anio", "mes", "actividad", "grupo_gasto", "asignado", "vigente", "ejecutado")
AMOUNTS = ("asignado", "vigente", "ejecutado")
MAX_ROWS = 5000
MAX_ERRORS = 20


@dataclass
class ParsedRow:
    line: int
    year: int
    month: int
    activity: object
    group: str
    assigned: Decimal
    current: Decimal
    executed: Decimal


def _key(text) -> str:
    """Lower case, no accents, single spaces: "Atención Integral " == "atencion integral"."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().lower()


def _header_key(text) -> str:
    key = _key(text).replace(" ", "_")
    return "anio" if key == "ano" else key  # "año" without its tilde


def read_upload(upload, file_name: str) -> list[list]:
    """The file's rows as lists of cells (header first), read safely (issue 15): copied to disk in
    chunks up to BUDGET_IMPORT_MAX_BYTES (never read whole into memory), checked by the imports'
    reader (first bytes; a CSV's encoding, line ends and cells; a workbook part by part before it
    is opened), a workbook then read by a child process with a memory and time ceiling
    (imports/sandbox.py), and at most MAX_ROWS + 1 data rows kept."""
    from tejido.common.uploads import stage
    from tejido.imports import reader, sandbox

    name = (file_name or "").lower()
    if not name.endswith((".csv", ".xlsx")):
        raise ApplicationError(_("El archivo debe ser CSV (.csv) o Excel (.xlsx)."), field="file")
    limit = settings.BUDGET_IMPORT_MAX_BYTES
    staged = stage(upload, limit=limit, field="file")
    try:
        if reader.quick_check(staged.head, staged.size, file_name, limit=limit) == "xlsx":
            reader.check_xlsx(staged.path, sheet_name=None)
            return sandbox.read_rows(staged.path, max_rows=MAX_ROWS + 2)
        sheet = reader.inspect(staged.path, file_name, limit=limit)
        return [sheet.headers] + [values for _n, values in islice(sheet.rows(), MAX_ROWS + 1)]
    except ApplicationError as error:
        raise ApplicationError(error.message, field="file") from None  # this form's field is «file»
    finally:
        staged.delete()


def _amount(value):
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    text = str(value or "").strip().replace("Q", "").replace(" ", "").replace(",", "")
    if not text:
        return Decimal("0.00")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount.quantize(Decimal("0.01")) if amount.is_finite() else None


def _integer(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _group(value) -> str | None:
    text = _key(value).replace("grupo", "").strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text.isdigit():
        return None
    code = text.zfill(3)
    return code if code in SpendingGroup.values else None


def parse(rows: list[list]) -> tuple[list[ParsedRow], list[str]]:
    """Every row checked; returns the parsed rows and the Spanish errors (row and column named)."""
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        return [], [_("El archivo está vacío.")]
    header = [_header_key(c) for c in rows[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [_("Fila 1 (encabezados): faltan las columnas %(m)s. Columnas esperadas: %(e)s.")
                    % {"m": ", ".join(missing), "e": ", ".join(COLUMNS)}]
    if len(rows) - 1 > MAX_ROWS:
        return [], [_("El archivo tiene más de %(n)s filas.") % {"n": MAX_ROWS}]
    at = {name: header.index(name) for name in COLUMNS}
    plans = {p.year: p for p in Plan.objects.prefetch_related("activities")}
    parsed, errors, seen = [], [], {}

    def error(line, column, message):
        errors.append(_("Fila %(f)s, columna «%(c)s»: %(m)s") % {"f": line, "c": column, "m": message})

    for line, row in enumerate(rows[1:], start=2):
        cell = {name: (row[i] if i < len(row) else "") for name, i in at.items()}
        year, month = _integer(cell["anio"]), _integer(cell["mes"])
        ok = True
        plan = plans.get(year)
        if year is None:
            error(line, "anio", _("«%(v)s» no es un año.") % {"v": cell["anio"]})
            ok = False
        elif plan is None:
            error(line, "anio", _("no hay plan registrado para %(y)s.") % {"y": year})
            ok = False
        if month is None or not 1 <= month <= 12:
            error(line, "mes", _("«%(v)s» no es un mes entre 1 y 12.") % {"v": cell["mes"]})
            ok = False
        activity = None
        if plan is not None:
            wanted = _key(cell["actividad"])
            activity = next((a for a in plan.activities.all() if wanted in (_key(a.name), _key(a.code))), None)
            if activity is None:
                error(line, "actividad", _("actividad presupuestaria desconocida: «%(v)s».") % {"v": cell["actividad"]})
                ok = False
        group = _group(cell["grupo_gasto"])
        if group is None:
            error(line, "grupo_gasto", _("grupo de gasto desconocido: «%(v)s» (use 000, 100, 200, 300, 400 o 900).")
                  % {"v": cell["grupo_gasto"]})
            ok = False
        amounts = {}
        for name in AMOUNTS:
            amounts[name] = _amount(cell[name])
            if amounts[name] is None:
                error(line, name, _("«%(v)s» no es un monto válido.") % {"v": cell[name]})
                ok = False
            elif amounts[name] < 0:
                error(line, name, _("el monto no puede ser negativo."))
                ok = False
        if not ok:
            continue
        key = (activity.pk, group, month)
        if key in seen:
            error(line, "actividad", _("repite la actividad, el grupo y el mes de la fila %(f)s.") % {"f": seen[key]})
            continue
        seen[key] = line
        parsed.append(ParsedRow(line, year, month, activity, group, amounts["asignado"], amounts["vigente"],
                                amounts["ejecutado"]))
    if not parsed and not errors:
        errors.append(_("El archivo no tiene filas de datos."))
    return parsed, errors


@transaction.atomic
def import_execution(*, file_name: str, acting_user, upload=None, data: bytes | None = None) -> BudgetImport:
    """All rows or none: any error raises ApplicationError naming the row and column. `upload`: an
    uploaded file (or any binary file object), read in chunks; `data`: the file's bytes."""
    require_planning_write(acting_user)
    parsed, errors = parse(read_upload(upload if upload is not None else io.BytesIO(data), file_name))
    if errors:
        more = len(errors) - 1
        message = errors[0] + (_(" (y %(n)s errores más)") % {"n": more} if more else "")
        raise ApplicationError(message + " " + _("No se importó nada."), field="file",
                               extra={"errors": errors[:MAX_ERRORS]})
    years = {r.year for r in parsed}
    if len(years) > 1:
        raise ApplicationError(_("El archivo mezcla varios ejercicios fiscales (%(y)s); importe uno a la vez. "
                                 "No se importó nada.") % {"y": ", ".join(map(str, sorted(years)))}, field="file")
    plan = parsed[0].activity.plan
    months = sorted({r.month for r in parsed})
    batch = BudgetImport.objects.create(plan=plan, file_name=file_name[:200], rows=len(parsed),
                                        months=",".join(map(str, months)), imported_by=acting_user)
    # A re-imported month replaces that month: SICOIN's export is the source of truth.
    BudgetLine.objects.filter(activity__plan=plan, month__in=months).delete()
    BudgetLine.objects.bulk_create([
        BudgetLine(activity=r.activity, group=r.group, month=r.month, assigned=r.assigned, current=r.current,
                   executed=r.executed, batch=batch, updated_by=acting_user) for r in parsed])
    return batch
