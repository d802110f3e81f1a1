"""Donations tables for the report engine (seed 001 §8, table 20), registered on import; the
reports app imports this module."""

from django.utils.translation import gettext_lazy as _

from tejido.reports.drill import drill_spec, records
from tejido.reports.tables import MONEY, TEXT, Column, Table, TableSpec, register

from . import figures


def received(user, period) -> Table:
    data = figures.received_table(user=user, start=period.start, end=period.end)
    return Table(
        id="donations.received", title=str(_("Donaciones recibidas")),
        columns=[Column("number", _("No.")), Column("donor", _("Entidad donante"), TEXT),
                 Column("date", _("Fecha de recepción"), TEXT),
                 Column("property_plant_equipment", _("Propiedad, planta y equipo"), TEXT),
                 Column("materials_supplies", _("Materiales y suministros"), TEXT),
                 Column("value", _("Valor en quetzales"), MONEY)],
        rows=[{"number": r["number"], "donor": r["donor"], "date": r["date"].strftime("%d/%m/%Y"),
               "property_plant_equipment": r["property_plant_equipment"],
               "materials_supplies": r["materials_supplies"], "value": r["value"]} for r in data["rows"]],
        totals={"donor": str(_("Monto total de las donaciones recibidas")), "value": data["total"]["value"]})


def by_donor_kind(user, period) -> Table:
    data = figures.value_by_donor_kind(user=user, start=period.start, end=period.end)
    return Table(
        id="donations.by_donor_kind", title=str(_("Donaciones por tipo de donante")),
        columns=[Column("kind", _("Tipo de donante"), TEXT), Column("donations", _("Donaciones")),
                 Column("value", _("Valor en quetzales"), MONEY)],
        rows=[{"kind": r["label"], "donations": r["donations"], "value": r["value"]} for r in data["rows"]],
        totals={"kind": str(_("Total")), **data["total"]},
        chart={"kind": "pie", "column": "value"},
        drill=drill_spec({"donations": records("donaciones")}, rows=[{"tipo": r["kind"]} for r in data["rows"]]))


register(TableSpec("donations.received", _("Donaciones recibidas"), "", received))
register(TableSpec("donations.by_donor_kind", _("Donaciones por tipo de donante"), "", by_donor_kind))
