"""Any person count broken down by one dimension: where the service was given or where the
person lives; department, municipality, sex, pueblo, language community, age group or month.

Counts are distinct people with an enrolment of the program overlapping the period (the rule of
every program's table), in the viewer's scope. Ages are completed years on the last day of the
period, in half-open groups."""

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.accounts.models import Program
from tejido.common.errors import ApplicationError
from tejido.programs.ages import years_before as _years_before
from tejido.programs.figures import served_in
from tejido.registry.choices import LanguageCommunity, Pueblo, Sex
from tejido.territory.scope import restrict

from .period import MONTHS, Period
from .tables import PERCENT, TEXT, Column, Table, percent

DIMENSIONS = {
    "department": gettext_lazy("Departamento"),
    "municipality": gettext_lazy("Municipio"),
    "sex": gettext_lazy("Sexo"),
    "pueblo": gettext_lazy("Pueblo"),
    "language": gettext_lazy("Comunidad lingüística"),
    "age_group": gettext_lazy("Grupo de edad"),
    "month": gettext_lazy("Mes"),
}
PLACES = {"service": gettext_lazy("donde se prestó el servicio"), "residence": gettext_lazy("donde vive la persona")}
AGE_GROUPS = ((0, 6), (6, 13), (13, 18), (18, 30), (30, 60), (60, None))
SCOPE = {"department": "department_id", "center": "center_id"}



def _grouped(served, field: str, labels: dict | None = None) -> list[dict]:
    rows = served.values(field).annotate(n=Count("person", distinct=True)).order_by(field)
    return [{"group": str((labels or {}).get(r[field], r[field] or "—")), "people": r["n"]} for r in rows]


def breakdown(*, user, program: str, period: Period, dimension: str, place: str = "service") -> Table:
    if program not in Program.values:
        raise ApplicationError(_("Elija un programa."), field="programa")
    if dimension not in DIMENSIONS:
        raise ApplicationError(_("Elija cómo desagregar."), field="dimension")
    if place not in PLACES:
        raise ApplicationError(_("Elija servicio o residencia."), field="lugar")
    served = restrict(served_in(program, period.start, period.end), user, **SCOPE)
    where = "department__name" if place == "service" else "person__department__name"
    if dimension == "department":
        rows = _grouped(served, where)
    elif dimension == "municipality":
        town = "center__municipality__name" if place == "service" else "person__municipality__name"
        rows = [{"group": f"{r[town]} ({r[where]})", "people": r["n"]}
                for r in served.values(where, town).annotate(n=Count("person", distinct=True)).order_by(where, town)]
    elif dimension == "sex":
        rows = _grouped(served, "person__sex", dict(Sex.choices))
    elif dimension == "pueblo":
        rows = _grouped(served, "person__pueblo", dict(Pueblo.choices))
    elif dimension == "language":
        rows = _grouped(served, "person__language_community", dict(LanguageCommunity.choices))
    elif dimension == "age_group":
        measures = {}
        for low, high in AGE_GROUPS:
            condition = Q(person__birth_date__lte=_years_before(period.end, low))
            if high is not None:
                condition &= Q(person__birth_date__gt=_years_before(period.end, high))
            measures[f"g{low}"] = Count("person", filter=condition, distinct=True)
        counts = served.aggregate(**measures)
        rows = [{"group": (_("%(a)s a %(b)s años") % {"a": low, "b": high - 1}) if high else
                 (_("%(a)s años y más") % {"a": low}), "people": counts[f"g{low}"]} for low, high in AGE_GROUPS]
    else:  # month: people served in each month of the period (a person counts in every month served)
        rows = []
        day = period.start.replace(day=1)
        while day <= period.end:
            month = Period.month(day.year, day.month)
            in_month = restrict(served_in(program, max(month.start, period.start), min(month.end, period.end)),
                                user, **SCOPE)
            rows.append({"group": f"{MONTHS[day.month - 1]} {day.year}",
                         "people": in_month.aggregate(n=Count("person", distinct=True))["n"]})
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    total = served.aggregate(n=Count("person", distinct=True))["n"]
    for row in rows:
        row["percent"] = percent(row["people"], total)
    note = _("Personas distintas atendidas en el periodo; lugar: %(place)s.") % {"place": PLACES[place]}
    if dimension == "month":
        note += " " + _("Cada mes cuenta a quien fue atendido ese mes: la suma de los meses no es el total.")
    if dimension == "age_group":
        note += " " + _("Edad en años cumplidos al último día del periodo.")
    return Table(id=f"{program}.people_by_{dimension}",
                 title=_("%(program)s: personas por %(dimension)s") % {"program": Program(program).label,
                                                                       "dimension": str(DIMENSIONS[dimension]).lower()},
                 columns=[Column("group", DIMENSIONS[dimension], TEXT), Column("people", _("Personas")),
                          Column("percent", _("Porcentaje"), PERCENT)],
                 rows=rows, totals={"group": _("Total"), "people": total,
                                    "percent": 100 if total and dimension != "month" else None},
                 note=note)
