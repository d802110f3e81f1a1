"""Drill-down: the records behind a count of a report table, through the viewer's own scope.

A table declares, per column, which records its figure counts (`Table.drill`, built with
`drill_spec`): a *source* (`drill_sources.SOURCES`: people served, centers, municipalities,
events, deliveries, migrant receptions, sheltered people) and that column's filters; each row
adds its own filters (by default its department). The page links each such cell to
`/informes/personas/` (people) or `/informes/registros/` (any other source), which lists the
records with the same query the figure used and the same scope, and shows their count (or the
sum of the measured field), so the list agrees with the cell. A test checks that for every cell
of every table that links."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from tejido.programs.figures import served_in
from tejido.registry.models import Person
from tejido.territory.scope import restrict

SEXES = {"M", "F"}
PEOPLE = "personas"


def people(program: str, **filters) -> dict:
    """A column counting the people a program served (`served_in`), e.g. people("elderly", sexo="M")."""
    return {"fuente": PEOPLE, "programa": program, **filters}


def records(source: str, **filters) -> dict:
    """A column counting (or summing) records of another source, e.g. records("eventos", tipo="charla")."""
    return {"fuente": source, **filters}


def drill_spec(columns: dict[str, dict], *, rows: list[dict] | None = None, totals: dict | None = None,
               row_key: str = "department", row_param: str = "departamento") -> dict:
    """columns: column id -> source and filters. rows: each row's own filters, in the table's row
    order; without it a row is filtered by its `row_key` value passed as `row_param`. totals: the
    totals row's own filters, when the total is not everything the source holds."""
    spec = {"columns": columns, "row_key": row_key, "row_param": row_param}
    if rows is not None:
        spec["rows"] = rows
    if totals:
        spec["totals"] = totals
    return spec


def is_personal(params: dict) -> bool:
    from .drill_sources import SOURCES

    source = params.get("fuente")
    return source == PEOPLE or (source in SOURCES and SOURCES[source].personal)


def drill_url(report: dict, table: dict, row: dict, column_id: str, *, index: int | None = None,
              totals: bool = False, personal: bool = True) -> str | None:
    """personal=False (a viewer without personal data): only links to lists of centers, events..."""
    drill = table.get("drill")
    if not drill or column_id not in drill["columns"] or not row.get(column_id):
        return None  # not a drillable count, or nothing behind it
    params = {"desde": report["period"]["start"], "hasta": report["period"]["end"], **drill["columns"][column_id]}
    if totals:
        # The total counts everything in the report's scope: its departments ([] = national).
        params["en"] = list(report["scope"]["departments"])
        params.update(drill.get("totals", {}))
    elif drill.get("rows") is not None:
        if index is None or index >= len(drill["rows"]):
            return None
        params.update(drill["rows"][index])
    else:
        params[drill["row_param"]] = row.get(drill["row_key"], "")
    if "fuente" not in params or (not personal and is_personal(params)):
        return None  # not listable records, or not for this viewer
    name = "report_people" if params["fuente"] == PEOPLE else "report_records"
    return f"{reverse(name)}?{urlencode(params, doseq=True)}"


def served_people(*, user, program: str, start: dt.date, end: dt.date, department: str = "", sex: str = "",
                  within=(), center_kinds=(), pueblos=(), communities=(), born_by: dt.date | None = None,
                  born_after: dt.date | None = None):
    """The distinct people a `served_by_department` count counted, as a Person queryset."""
    served = restrict(served_in(program, start, end), user, department="department_id", center="center_id",
                      personal=True)
    if department:
        served = served.filter(department__name=department)
    if within:
        served = served.filter(department__name__in=list(within))
    if sex in SEXES:
        served = served.filter(person__sex=sex)
    if center_kinds:
        served = served.filter(center__kind__in=list(center_kinds))
    if pueblos:
        served = served.filter(person__pueblo__in=list(pueblos))
    if communities:
        served = served.filter(person__language_community__in=list(communities))
    if born_by:  # age groups: born on or before (old enough) ...
        served = served.filter(person__birth_date__lte=born_by)
    if born_after:  # ... and after (young enough)
        served = served.filter(person__birth_date__gt=born_after)
    return Person.objects.filter(pk__in=served.values("person_id"))
