"""Drill-down: the people behind a count of a report table, through the viewer's own scope.

A table declares which of its columns are person counts of a program's enrolments and with
which filter (`Table.drill`); the page links each such cell to `/informes/personas/`, which
lists the same people the figure counted: enrolments of the program overlapping the period, at
centers of the row's department, of the column's sex. The list and the figure use the same
`served_in` rule and the same scope, so the number of people listed equals the cell."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from tejido.programs.figures import served_in
from tejido.registry.models import Person
from tejido.territory.scope import restrict

SEXES = {"M", "F"}


def drill_spec(program: str, columns: dict[str, dict]) -> dict:
    """columns: column id -> extra filter, e.g. {"men": {"sexo": "M"}, "total": {}}."""
    return {"program": program, "row_key": "department", "columns": columns}


def drill_url(report: dict, table: dict, row: dict, column_id: str, *, totals: bool = False) -> str | None:
    drill = table.get("drill")
    if not drill or column_id not in drill["columns"]:
        return None
    params = {"programa": drill["program"], "desde": report["period"]["start"], "hasta": report["period"]["end"],
              **drill["columns"][column_id]}
    if not totals:
        params["departamento"] = row.get(drill["row_key"], "")
    for department in report["scope"]["departments"] if totals else ():
        params.setdefault("en", [])
        params["en"].append(department)
    return f"{reverse('report_people')}?{urlencode(params, doseq=True)}"


def served_people(*, user, program: str, start: dt.date, end: dt.date, department: str = "", sex: str = "",
                  within=()):
    """The distinct people a `served_by_department` count counted, as a Person queryset."""
    served = restrict(served_in(program, start, end), user, department="department_id", center="center_id",
                      personal=True)
    if department:
        served = served.filter(department__name=department)
    if within:
        served = served.filter(department__name__in=list(within))
    if sex in SEXES:
        served = served.filter(person__sex=sex)
    return Person.objects.filter(pk__in=served.values("person_id"))
