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


register(TableSpec("shelters.by_shelter", _("Albergues temporales"), "", by_shelter))
