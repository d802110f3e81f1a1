"""Planning tables for the report engine (seed 001 tables 19 and 20). The lead registers
this module with the catalogue; nothing here imports it."""

from django.utils.translation import gettext_lazy as _

from tejido.reports.drill import drill_spec
from tejido.reports.tables import MONEY, PERCENT, TEXT, Column, Table, TableSpec, register
from tejido.territory.scope import scope_of

from . import figures


def physical_targets(user, period) -> Table:
    data = figures.physical_targets(user, period.start, period.end)

    def row(r):
        return {"output": r["output"], "unit": r.get("unit", ""), "target": r["target"], "executed": r["executed"],
                "percent": r["percent"]}

    return Table(
        id="planning.physical_targets",
        title=str(_("Resumen de ejecución de metas físicas de productos y subproductos")),
        columns=[Column("output", _("Concepto"), TEXT), Column("unit", _("Unidad de medida"), TEXT),
                 Column("target", _("Meta vigente")), Column("executed", _("Ejecución acumulada")),
                 Column("percent", _("% de ejecución"), PERCENT)],
        rows=[row(r) for r in data["rows"]],
        totals=row({**data["total"], "unit": ""}) if data["total"] else {},
        note=str(data["note"]),
        # Each output's counting rule says which records its execution counts (none for typed values).
        drill=drill_spec({"executed": {}}, rows=[r["drill"] for r in data["rows"]]))


def budget_execution(user, period) -> Table:
    columns = [Column("activity", _("Actividad presupuestaria"), TEXT), Column("assigned", _("Asignado"), MONEY),
               Column("current", _("Vigente"), MONEY), Column("executed", _("Ejecutado"), MONEY),
               Column("percent", _("% de ejecución"), PERCENT), Column("balance", _("Saldo por ejecutar"), MONEY)]
    title = str(_("Ejecución presupuestaria por actividad"))
    if not scope_of(user).national:
        # The budget is the secretariat's as a whole: departmental reports leave it out.
        return Table(id="planning.budget_execution", title=title, columns=columns, rows=[],
                     note=str(_("La ejecución presupuestaria la consultan los roles nacionales.")))
    data = figures.budget_execution(user, period.start, period.end)
    keys = ("assigned", "current", "executed", "percent", "balance")

    def row(r, activity):
        return {"activity": activity, **{k: r[k] for k in keys}}

    return Table(
        id="planning.budget_execution", title=title, columns=columns,
        rows=[row(r, r["activity"]) for r in data["by_activity"]],
        totals=row(data["totals"], str(_("Totales"))) if data["totals"] else {},
        note=str(data["note"]), chart={"kind": "bar", "column": "executed"})


register(TableSpec("planning.physical_targets", _("Ejecución de metas físicas"), "", physical_targets))
register(TableSpec("planning.budget_execution", _("Ejecución presupuestaria"), "", budget_execution))
