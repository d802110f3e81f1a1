"""Child-protection cases per month (seed 001 graph 7): counts only, national roles only."""

from django.utils.translation import gettext_lazy as _

from tejido.common.errors import PermissionDenied
from tejido.protection import figures
from tejido.territory.scope import scope_of

from ..tables import TEXT, Column, Table, TableSpec, register

COLUMNS = [Column("month", _("Mes"), TEXT), Column("received", _("Casos reportados")),
           Column("attended", _("Casos atendidos")), Column("closed", _("Casos cerrados")),
           Column("open", _("Abiertos al final del mes"))]


def cases_per_month(user, period) -> Table:
    table = Table(id="protection.cases_per_month", title=str(_("Casos de protección infantil por mes")),
                  columns=COLUMNS, rows=[])
    # Cases are counted nationally: a report narrowed to departments, or a role that may not
    # count them, gets an empty table that says why instead of an error.
    if not scope_of(user).national:
        table.note = str(_("Solo en informes nacionales."))
        return table
    try:
        data = figures.cases_between(user=user, start=period.start, end=period.end)
    except PermissionDenied:
        table.note = str(_("Su rol no consulta casos de protección."))
        return table
    table.rows = [{k: m[k] for k in ("received", "attended", "closed", "open")} | {"month": m["label"]}
                  for m in data["months"]]
    table.totals = {"month": str(_("Periodo")), "received": data["totals"]["received"],
                    "attended": data["totals"]["attended"], "closed": data["totals"]["closed"],
                    "open": data["totals"]["open_at_end"]}
    table.note = str(_("%(period)s; abiertos: al último día del mes (o del periodo).") % {"period": period.label})
    table.chart = {"kind": "bar", "column": "received"}
    return table


YEARS_SHOWN = 4  # seed 001 graph 6: «casos atendidos del 2020-2023»


def cases_by_year(user, period) -> Table:
    """Seed 001 graph 6: cases received, attended and closed in each of the last four years, the
    last one up to the period's end. National roles only, as the monthly table."""
    import datetime as dt

    table = Table(id="protection.cases_by_year", title=str(_("Casos de protección infantil por año")),
                  columns=[Column("year", _("Año"), TEXT), Column("received", _("Casos reportados")),
                           Column("attended", _("Casos atendidos")), Column("closed", _("Casos cerrados"))],
                  rows=[])
    if not scope_of(user).national:
        table.note = str(_("Solo en informes nacionales."))
        return table
    last = period.end.year
    try:
        years = [(year, figures.cases_between(user=user, start=dt.date(year, 1, 1),
                                              end=min(dt.date(year, 12, 31), period.end))["totals"])
                 for year in range(last - YEARS_SHOWN + 1, last + 1)]
    except PermissionDenied:
        table.note = str(_("Su rol no consulta casos de protección."))
        return table
    table.rows = [{"year": str(year), **{k: totals[k] for k in ("received", "attended", "closed")}}
                  for year, totals in years]
    table.note = str(_("Años completos; el último, hasta el %(d)s.") % {"d": period.end.strftime("%d/%m/%Y")})
    table.chart = {"kind": "bar", "column": "attended"}
    return table


register(TableSpec("protection.cases_by_year", _("Casos de protección por año"), "childcare", cases_by_year))
register(TableSpec("protection.cases_per_month", _("Casos de protección por mes"), "childcare", cases_per_month))
