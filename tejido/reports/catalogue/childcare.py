"""Hogares Comunitarios / CADI tables (seed 001 §4: tables 1 and 7)."""

from django.utils.translation import gettext_lazy as _

from tejido.childcare import figures

from ..tables import PERCENT, TEXT, Column, Table, TableSpec, register


def children_by_department(user, period) -> Table:
    data = figures.children_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "municipalities": r["municipalities"], "men": r["male"],
                "women": r["female"], "total": r["children"], "community_homes": r["community_homes"],
                "cadi": r["cadis"]}

    return Table(
        id="childcare.children_by_department", title=str(_("Niñas y niños atendidos por departamento")),
        columns=[Column("department", _("Departamento"), TEXT), Column("municipalities", _("Municipios")),
                 Column("men", _("Niños")), Column("women", _("Niñas")), Column("total", _("Total")),
                 Column("community_homes", _("Hogares Comunitarios")), Column("cadi", _("CADI"))],
        rows=[row(r, r["department__name"]) for r in data["rows"]],
        totals=row(data["total"], str(_("Total"))),
        note=str(_("Departamento del centro donde se atendió. El total cuenta personas, municipios y centros "
                   "distintos.")),
        chart={"kind": "bar", "column": "total", "map": True})


def nutrition_status(user, period) -> Table:
    data = figures.nutrition_status(user=user, start=period.start, end=period.end)
    indicators = ["P/T", "IMC/E", "T/E"]
    rows = []
    for indicator, table in zip(indicators, data["tables"], strict=True):
        for label, n, share in table["rows"]:
            rows.append({"indicator": indicator, "status": label, "n": n, "percent": share})
    return Table(
        id="childcare.nutrition_status", title=str(_("Estado nutricional (primera toma del periodo)")),
        columns=[Column("indicator", _("Indicador"), TEXT), Column("status", _("Estado"), TEXT),
                 Column("n", _("Niñas y niños")), Column("percent", _("Porcentaje"), PERCENT)],
        rows=rows, totals={"indicator": str(_("Total evaluados")), "n": data["children"]},
        note=str(_("Una toma por niña o niño: la primera del periodo. Valores inverosímiles excluidos: %(n)s.")
                 % {"n": data["implausible"]}))


register(TableSpec("childcare.children_by_department", _("Niñas y niños atendidos por departamento"), "childcare",
                   children_by_department))
register(TableSpec("childcare.nutrition_status", _("Estado nutricional"), "childcare", nutrition_status))
