"""Servicio Social tables (seed 001 tables 15 and 16)."""

from django.utils.translation import gettext_lazy as _

from tejido.socialservice import figures

from ..drill import drill_spec, records
from ..tables import TEXT, Column, Table, TableSpec, register


def products_delivered(user, period) -> Table:
    data = figures.products_delivered(user=user, start=period.start, end=period.end)
    return Table(
        id="social_service.products_delivered", title=str(_("Productos ortopédicos e insumos entregados")),
        columns=[Column("product", _("Producto ortopédico / insumo"), TEXT), Column("quantity", _("Cantidad"))],
        rows=[{"product": r["product"], "quantity": r["quantity"]} for r in data["rows"]],
        totals={"product": str(_("Total")), "quantity": data["total"]},
        chart={"kind": "bar", "column": "quantity"},
        drill=drill_spec({"quantity": records("entregas", programa="social_service")},
                         rows=[{"producto": r["code"]} for r in data["rows"]],
                         totals={"producto": [r["code"] for r in data["rows"]]}))


def persons_by_department(user, period) -> Table:
    data = figures.people_by_department(user=user, start=period.start, end=period.end)

    def row(r, department):
        return {"department": department, "municipalities": r.get("municipalities"), "men": r["male"],
                "women": r["female"], "total": r["total"]}

    totals = row(data["total"], str(_("Total")))
    totals.pop("municipalities")
    return Table(
        id="social_service.persons_by_department", title=str(_("Personas beneficiadas en Servicio Social")),
        columns=[Column("department", _("Departamento"), TEXT), Column("municipalities", _("Municipios")),
                 Column("men", _("Hombres")), Column("women", _("Mujeres")), Column("total", _("Total"))],
        rows=[row(r, r["department"]) for r in data["rows"]], totals=totals,
        note=str(_("Personas registradas, una vez por departamento donde se atendieron (una vez en el total), más "
                   "las atendidas sin registro en jornadas, contadas por sexo.")),
        chart={"kind": "bar", "column": "total", "map": True})


register(TableSpec("social_service.products_delivered", _("Productos entregados"), "social_service",
                   products_delivered))
register(TableSpec("social_service.persons_by_department", _("Personas beneficiadas por departamento"),
                   "social_service", persons_by_department))
