"""Presupuesto: SICOIN's budget execution export, as its own importer in tejido/planning/
budget_import.py reads it (docs/budget_import.md), offered in the same page, command and API.
Nothing is re-implemented: each row is checked by budget_import.parse, and pass 2 hands the
valid rows to budget_import.import_execution, which replaces the months it contains (SICOIN is the
source of truth). So a budget row is never "already imported, skipped": importing a month again
replaces it, and the row keys of the replaced months are replaced with it."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.common.errors import ApplicationError
from tejido.planning import budget_import
from tejido.planning.models import BudgetLine
from tejido.planning.services import require_planning_write

from ..fields import Column
from .base import Kind, RowErrors

_ERROR = re.compile(r"^Fila \d+, columna «([^»]+)»: (.*)$", re.S)
HELP = {
    "anio": gettext_lazy("Ejercicio fiscal; debe existir el plan de ese año (uno por archivo)"),
    "mes": gettext_lazy("1 a 12"),
    "actividad": gettext_lazy("Actividad presupuestaria por su nombre"),
    "grupo_gasto": gettext_lazy("000, 100, 200, 300, 400 o 900"),
    "asignado": gettext_lazy("Monto asignado anual"),
    "vigente": gettext_lazy("Monto vigente anual al cierre del mes"),
    "ejecutado": gettext_lazy("Monto ejecutado (devengado) en ese mes"),
}


@dataclass
class BudgetContext:
    user: object
    years: dict = field(default_factory=dict)  # year -> row keys of that year


class BudgetKind(Kind):
    slug = "presupuesto"
    label = gettext_lazy("Ejecución presupuestaria (SICOIN)")
    key_help = gettext_lazy("Año + mes + actividad + grupo de gasto; importar un mes otra vez lo reemplaza.")
    rehearse = True
    whole_file = True
    all_or_nothing = True  # a month is replaced whole: never with only some of its rows

    def __init__(self):
        self.columns = [Column(name, name, True, lambda v: v, HELP[name]) for name in budget_import.COLUMNS]

    def check_user(self, user) -> None:
        require_planning_write(user)

    def context(self, user) -> BudgetContext:
        return BudgetContext(user=user)

    def after_rehearsal(self, ctx) -> None:
        ctx.years.clear()

    def validate(self, values, positions, ctx) -> dict:
        row = [values[positions[name]] if positions[name] < len(values) else "" for name in budget_import.COLUMNS]
        parsed, errors = budget_import.parse([list(budget_import.COLUMNS), ["" if v is None else v for v in row]])
        if errors:
            raise RowErrors([_split(message) for message in errors])
        line = parsed[0]
        return {"row": [str(v) for v in row], "year": line.year, "month": line.month,
                "activity_id": line.activity.pk, "group": line.group}

    def key(self, clean: dict) -> str:
        return f"{clean['year']}|{clean['month']}|{clean['activity_id']}|{clean['group']}"

    def existing(self, keys, ctx) -> set[str]:
        return set()  # a month imported again replaces the stored one

    def apply(self, clean: dict, ctx) -> int:
        ctx.years.setdefault(clean["year"], []).append(self.key(clean))
        return 0

    def finish(self, ctx) -> dict[str, str]:
        """One fiscal year per file, as budget_import requires: rows of the other years are errors."""
        if len(ctx.years) < 2:
            return {}
        first = min(ctx.years, key=lambda year: min(ctx.years[year]))
        message = _("anio: el archivo mezcla varios ejercicios fiscales; importe uno a la vez (el primero es "
                    "%(year)s).") % {"year": first}
        return {key: message for year, keys in ctx.years.items() if year != first for key in keys}

    def write(self, records, ctx) -> list[int]:
        from ..models import ImportedRow

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(budget_import.COLUMNS)
        writer.writerows(record["row"] for record in records)
        try:
            batch = budget_import.import_execution(data=out.getvalue().encode("utf-8"), file_name="importacion.csv",
                                                   acting_user=ctx.user)
        except ApplicationError as error:
            raise ApplicationError(error.message, field="archivo") from None
        # The lines of these months were replaced: so are their row keys.
        for month in {record["month"] for record in records}:
            ImportedRow.objects.filter(kind=self.slug, key__startswith=f"{records[0]['year']}|{month}|").delete()
        lines = {(line.month, line.activity_id, line.group): line.pk for line in BudgetLine.objects.filter(batch=batch)}
        return [lines[(r["month"], r["activity_id"], r["group"])] for r in records]


def _split(message: str) -> tuple[str, str]:
    """budget_import's «Fila N, columna «x»: text» as (column x, text); the row is already known."""
    match = _ERROR.match(message)
    return (match[1], match[2]) if match else ("", message)
