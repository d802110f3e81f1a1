"""Shelter tables for the report engine (seed 003: ALBERGUES, UBICACIÓN, FECHA DE COBERTURA,
PERSONAS BENEFICIADAS). The reports app imports this module."""

from django.utils.translation import gettext_lazy as _

from tejido.reports.drill import drill_spec, records
from tejido.reports.tables import TEXT, Column, Table, TableSpec, register

from . import figures


def _date(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def by_shelter(user, period) -> Table:
    data = figures.by_shelter(user=user, start=period.start, end=period.end)
    rows = [{"shelter": s.name, "location": s.location, "start": _date(s.opened_on),
             "end": _date(s.closed_on) or str(_("abierto")), "persons": s.persons} for s in data["rows"]]
    return Table(
        id="shelters.by_shelter", title=str(_("Albergues temporales administrados y personas atendidas")),
        columns=[Column("shelter", _("Albergue"), TEXT), Column("location", _("Ubicación"), TEXT),
                 Column("start", _("Inicio de cobertura"), TEXT), Column("end", _("Fin de cobertura"), TEXT),
                 Column("persons", _("Personas beneficiadas"))],
        rows=rows,
        totals={"shelter": str(_("Total de personas atendidas")), "persons": data["total"]["persons"]},
        note=str(_("Personas distintas con estadía en el periodo, por albergue.")),
        drill=drill_spec({"persons": records("albergados")}, rows=[{"albergue": s.pk} for s in data["rows"]]))


def supplies(user, period) -> Table:
    """Supplies handed out at the shelters in the period (hygiene kits, rations, blankets...): how
    many, and at how many shelters. Recorded at the shelter (shelters.Supply), reported here."""
    from django.db.models import Count, Sum

    from .models import Supply, SupplyItem
    from .selectors import shelters_in_scope

    data = {r["item"]: r for r in Supply.objects.filter(
        shelter__in=shelters_in_scope(user), date__gte=period.start, date__lte=period.end).order_by()
        .values("item").annotate(quantity=Sum("quantity"), shelters=Count("shelter", distinct=True))}
    items = [(code, label) for code, label in SupplyItem.choices if code in data]
    rows = [{"item": str(label), "shelters": data[code]["shelters"], "quantity": data[code]["quantity"]}
            for code, label in items]
    return Table(
        id="shelters.supplies", title=str(_("Insumos entregados en albergues temporales")),
        columns=[Column("item", _("Insumo"), TEXT), Column("shelters", _("Albergues")),
                 Column("quantity", _("Cantidad entregada"))],
        rows=rows, totals={"item": str(_("Total")), "quantity": sum(r["quantity"] for r in rows)},
        note=str(_("Kits de higiene, raciones, frazadas y otros insumos entregados en el periodo, a familias o al "
                   "albergue.")),
        drill=drill_spec({"quantity": records("insumos_albergue")}, rows=[{"insumo": code} for code, _l in items]))


register(TableSpec("shelters.by_shelter", _("Albergues temporales"), "", by_shelter))
register(TableSpec("shelters.supplies", _("Insumos entregados en albergues"), "", supplies))
