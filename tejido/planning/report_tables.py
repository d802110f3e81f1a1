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
                "percent": r["percent"], "executed_ytd": r["executed_ytd"], "percent_ytd": r["percent_ytd"]}

    return Table(
        id="planning.physical_targets",
        title=str(_("Resumen de ejecución de metas físicas de productos y subproductos")),
        columns=[Column("output", _("Concepto"), TEXT), Column("unit", _("Unidad de medida"), TEXT),
                 Column("target", _("Meta vigente")), Column("executed", _("Ejecución del periodo")),
                 Column("percent", _("% del periodo"), PERCENT), Column("executed_ytd", _("Ejecución acumulada")),
                 Column("percent_ytd", _("% de ejecución acumulada"), PERCENT)],
        rows=[row(r) for r in data["rows"]],
        totals=row({**data["total"], "unit": ""}) if data["total"] else {},
        note=str(data["note"]),
        # Each output's counting rule says which records its execution counts (none for typed values).
        drill=drill_spec({"executed": {}}, rows=[r["drill"] for r in data["rows"]]))


AMOUNTS = ("assigned", "current", "executed", "percent", "executed_ytd", "percent_ytd", "balance")


def _amount_columns() -> list[Column]:
    return [Column("assigned", _("Asignado"), MONEY), Column("current", _("Vigente"), MONEY),
            Column("executed", _("Ejecutado en el periodo"), MONEY), Column("percent", _("% de ejecución"), PERCENT),
            Column("executed_ytd", _("Ejecución acumulada"), MONEY), Column("percent_ytd", _("% acumulado"), PERCENT),
            Column("balance", _("Saldo por ejecutar"), MONEY)]


def _budget_table(user, period, *, table_id, title, first: Column, rows_of, label_of, totals_of) -> Table:
    columns = [first, *_amount_columns()]
    if not scope_of(user).national:
        # The budget is the secretariat's as a whole: departmental reports leave it out.
        return Table(id=table_id, title=title, columns=columns, rows=[],
                     note=str(_("La ejecución presupuestaria la consultan los roles nacionales.")))
    data = figures.budget_execution(user, period.start, period.end)

    def row(r, label):
        return {first.id: label, **{k: r[k] for k in AMOUNTS}}

    totals = data[totals_of]
    return Table(id=table_id, title=title, columns=columns, rows=[row(r, label_of(r)) for r in data[rows_of]],
                 totals=row(totals, str(_("Totales"))) if totals else {},
                 note=str(data["note"]), chart={"kind": "bar", "column": "executed_ytd"})


def budget_execution(user, period) -> Table:
    return _budget_table(user, period, table_id="planning.budget_execution",
                         title=str(_("Ejecución presupuestaria por actividad")),
                         first=Column("activity", _("Actividad presupuestaria"), TEXT), rows_of="by_activity",
                         label_of=lambda r: r["activity"], totals_of="totals")


def budget_by_group(user, period) -> Table:
    """Seed 003's first table: execution by spending group (000 … 900), groups as rows."""
    return _budget_table(user, period, table_id="planning.budget_by_group",
                         title=str(_("Ejecución financiera por grupo de gasto")),
                         first=Column("group", _("Grupo de gasto"), TEXT), rows_of="by_group",
                         label_of=lambda r: f"{r['group']} {r['name']}", totals_of="group_totals")


register(TableSpec("planning.physical_targets", _("Ejecución de metas físicas"), "", physical_targets))
register(TableSpec("planning.budget_by_group", _("Ejecución financiera por grupo de gasto"), "", budget_by_group))
register(TableSpec("planning.budget_execution", _("Ejecución presupuestaria"), "", budget_execution))
