"""The pieces of a dashboard, all computed by other apps' functions for the user's scope:

- headline figures: the totals row of the report engine's tables (tejido.reports.tables.TABLES);
- coverage by department: the same tables' rows, drawn as a choropleth (tejido.reports.charts.map_png);
- targets against execution month by month: the planning app's counting rules
  (tejido.planning.indicators.executed) for each cumulative period January → end of month.

Nothing here counts records itself and nothing names a person."""

import calendar
import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.accounts.models import Program
from tejido.planning.figures import percent
from tejido.planning.indicators import drill_params, executed, executed_series
from tejido.planning.models import Output, Plan
from tejido.reports.drill import drill_url, is_personal
from tejido.reports.period import MONTHS, Period
from tejido.reports.tables import TABLES
from tejido.territory.scope import scope_of


@dataclass(frozen=True)
class Headline:
    program: str
    table: str        # a registered report table
    column: str       # the column whose total is the figure (and the map's value)
    label: Promise
    url_name: str     # the program's figures page
    people: bool = True   # counts people (joins the cross-program coverage map)


HEADLINES = (
    Headline(Program.CHILDCARE, "childcare.children_by_department", "total",
             gettext_lazy("Niñas y niños atendidos"), "childcare_figures"),
    Headline(Program.WOMEN, "women.by_department", "women", gettext_lazy("Mujeres beneficiarias"), "women_figures"),
    Headline(Program.SOCIAL_SERVICE, "social_service.persons_by_department", "total",
             gettext_lazy("Personas atendidas en Servicio Social"), "socialservice_figures"),
    Headline(Program.SOCIAL_SERVICE, "migrants.by_destination_department", "families",
             gettext_lazy("Familias migrantes retornadas recibidas"), "migrants_figures", people=False),
    Headline(Program.ELDERLY, "elderly.by_department", "beneficiaries",
             gettext_lazy("Personas adultas mayores atendidas"), "elderly_figures"),
)


def year_period(year: int, today: dt.date) -> Period:
    """The year so far (January 1 to today), or the whole year for a past year."""
    end = today if year == today.year else dt.date(year, 12, 31)
    return Period.between(dt.date(year, 1, 1), end)


def headline_tables(user, period: Period, program: str = "") -> list[tuple[Headline, dict]]:
    """Each headline with its report table (the engine's JSON contract) for the user's scope."""
    built: dict = {}
    out = []
    for headline in HEADLINES:
        if program and headline.program != program:
            continue
        if headline.table not in built:
            built[headline.table] = TABLES[headline.table].build(user, period).as_contract()
        out.append((headline, built[headline.table]))
    return out


def _report(period: Period) -> dict:
    """What the drill-down needs of a report: its period; the scope is the viewer's own."""
    return {"period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
            "scope": {"departments": []}}


def figures(tables, period: Period, personal: bool) -> list[dict]:
    """Each headline with the link to the records behind it (drill-down), when the viewer may see them."""
    return [{"program": str(Program(h.program).label), "label": str(h.label), "value": t["totals"].get(h.column),
             "url_name": h.url_name,
             "records": drill_url(_report(period), t, t["totals"], h.column, totals=True, personal=personal)}
            for h, t in tables]


def coverage_links(tables, coverage_table: dict, period: Period, personal: bool) -> dict:
    """{(department, column id): link to the people behind that cell} for the coverage table."""
    shown = [(h, t) for h, t in tables if h.people]
    links = {}
    for i, (headline, table) in enumerate(shown):
        for index, row in enumerate(table["rows"]):
            url = drill_url(_report(period), table, row, headline.column, index=index, personal=personal)
            if url and row.get("department"):
                links[f"{row['department']}|p{i}"] = url
    return links


def coverage(tables, program: str = "") -> dict:
    """A report-table dict by department: one column per people headline and their sum (the map's
    value). Across programs a person served by two programs counts in each."""
    shown = [(h, t) for h, t in tables if h.people]
    by_department: dict = {}
    for index, (headline, table) in enumerate(shown):
        for row in table["rows"]:
            name = row.get("department")
            if not name:
                continue
            values = by_department.setdefault(name, [0] * len(shown))
            values[index] += row.get(headline.column) or 0
    columns = [{"id": "department", "label": _("Departamento"), "kind": "text"}]
    columns += [{"id": f"p{i}", "label": str(h.label), "kind": "int"} for i, (h, _t) in enumerate(shown)]
    multiple = len(shown) > 1
    if multiple:
        columns.append({"id": "people", "label": _("Personas atendidas (suma de programas)"), "kind": "int"})
    value_column = "people" if multiple else "p0"
    rows = []
    for name in sorted(by_department):
        values = by_department[name]
        row = {"department": name, **{f"p{i}": v for i, v in enumerate(values)}}
        if multiple:
            row["people"] = sum(values)
        rows.append(row)
    totals = {"department": _("Total")}
    for i, (headline, table) in enumerate(shown):
        totals[f"p{i}"] = table["totals"].get(headline.column) or 0
    if multiple:
        totals["people"] = sum(totals[f"p{i}"] for i in range(len(shown)))
    title = (_("Personas atendidas por departamento, todos los programas") if multiple
             else _("%(label)s por departamento") % {"label": shown[0][0].label} if shown else "")
    return {"id": "dashboards.coverage", "title": title, "columns": columns, "rows": rows, "totals": totals,
            "chart": {"kind": "bar", "column": value_column, "map": True}, "program": program}


def _month_end(year: int, month: int, upto: dt.date) -> dt.date:
    return min(dt.date(year, month, calendar.monthrange(year, month)[1]), upto)


def _outputs(plan: Plan, program: str):
    children = Output.objects.select_related("indicator").order_by("position", "id")
    qs = (Output.objects.filter(activity__plan=plan).select_related("activity", "activity__plan", "indicator")
          .prefetch_related(Prefetch("children", queryset=children))
          .order_by("activity__position", "activity_id", "position", "id"))
    return qs.filter(activity__program=program) if program else qs


def monthly_execution(user, year: int, upto: dt.date, program: str = "") -> dict:
    """{"plan", "months": [labels], "outputs": [{name, unit, target, kind, months: [{label, programmed,
    executed}], executed, percent, chart}], "note"}; months January to the month of `upto`.

    Executed in month m = the output's counting rule over January 1 → end of m (cumulative), so a
    person served in March and again in May counts once, as the planning pages count the year."""
    plan = Plan.objects.filter(year=year).first()
    note = "" if scope_of(user).national else _(
        "Las metas son nacionales; la ejecución cuenta solo lo registrado en su territorio. Los valores "
        "digitados por Planificación son nacionales y no se muestran.")
    if plan is None:
        return {"plan": None, "months": [], "outputs": [],
                "note": _("No hay plan registrado para %(y)s.") % {"y": year}}
    outputs = list(_outputs(plan, program))
    personal = scope_of(user).sees_personal_data
    last = upto.month if upto.year == year else 12
    closed = last - 1 if upto.year == year else 12
    values = _closed_months(user, plan, outputs, closed, upto)
    if closed < last:
        # The month in course is always counted live.
        cache_now: dict = {}
        for output in outputs:
            values[output.pk] = values[output.pk] + [
                executed(output, user, dt.date(year, 1, 1), _month_end(year, last, upto), cache_now)]
    rows = []
    for output in _table_order(outputs):
        done = values[output.pk]
        programmed = _cumulative(output.monthly_targets)[:last] if any(output.monthly_targets or []) else None
        months = [{"label": MONTHS[m - 1][:3], "month": MONTHS[m - 1], "executed": done[m - 1],
                   "programmed": programmed[m - 1] if programmed else None,
                   "records": _executed_url(output, year, m, upto, personal) if done[m - 1] else None}
                  for m in range(1, last + 1)]
        current = done[-1] if done else None
        rows.append({"id": output.pk, "name": output.name, "unit": output.get_unit_display(),
                     "kind": "suboutput" if output.parent_id else "output", "activity": output.activity.name,
                     "target": output.current_target, "months": months, "executed": current,
                     "programmed": programmed[-1] if programmed else None,
                     "percent": percent(current, output.current_target),
                     "chart": sparkline(months, output.current_target)})
    return {"plan": plan, "months": [MONTHS[m - 1] for m in range(1, last + 1)], "outputs": rows, "note": note}


def _executed_url(output, year: int, month: int, upto: dt.date, personal: bool) -> str | None:
    """The records the output's rule counted from January 1 to the end of `month` (drill-down)."""
    params = drill_params(output)
    if not params or (not personal and is_personal(params)):
        return None
    report = {"period": {"start": dt.date(year, 1, 1).isoformat(),
                         "end": _month_end(year, month, upto).isoformat()}, "scope": {"departments": []}}
    table = {"drill": {"columns": {"executed": params}, "row_key": "", "row_param": ""}}
    return drill_url(report, table, {"executed": 1}, "executed", totals=True, personal=personal)


# Closed months change only when someone records late: recount them at most every few minutes.
CLOSED_MONTHS_SECONDS = 10 * 60


def _closed_months(user, plan: Plan, outputs: list, closed: int, upto: dt.date) -> dict:
    """{output id: [cumulative executed value at the end of each month 1..closed]}, cached per scope
    and per counting rule (editing a rule or its parameters changes the key)."""
    if not closed:
        return {o.pk: [] for o in outputs}
    scope = scope_of(user)
    rules = [(o.pk, getattr(getattr(o, "indicator", None), "kind", ""),
              getattr(getattr(o, "indicator", None), "params", None), [c.pk for c in o.children.all()])
             for o in outputs]
    key = "dashboards:closed:" + hashlib.sha256(json.dumps(
        [plan.pk, plan.year, closed, scope.national, sorted(scope.department_ids), sorted(scope.center_ids), rules],
        sort_keys=True, default=str).encode()).hexdigest()
    values = cache.get(key)
    if values is not None:
        return values
    start = dt.date(plan.year, 1, 1)
    ends = [_month_end(plan.year, month, upto) for month in range(1, closed + 1)]
    # Each rule reads its records once for all the months; a product that adds its sub-products
    # reuses their series.
    counted: dict = {}
    values = {o.pk: list(executed_series(o, user, start, ends, counted)) for o in outputs}
    cache.set(key, values, CLOSED_MONTHS_SECONDS)
    return values


def _table_order(outputs: list) -> list:
    """Products in the plan's order, each followed by its sub-products (table 19's order)."""
    by_parent: dict = {}
    for output in outputs:
        by_parent.setdefault(output.parent_id, []).append(output)
    ordered = []
    for product in by_parent.get(None, []):
        ordered += [product] + by_parent.get(product.pk, [])
    return ordered


def _cumulative(values) -> list[int]:
    total, out = 0, []
    for value in list(values or [])[:12]:
        total += int(value or 0)
        out.append(total)
    return out + [total] * (12 - len(out))


# Sparkline geometry (SVG user units).
WIDTH, HEIGHT, GAP = 240, 60, 2


def sparkline(months: list[dict], target: int) -> dict:
    """Bars for the executed cumulative value of each month and a line for the programmed one,
    on the scale of the annual target (or of the largest value if it is larger)."""
    top = max([target or 0] + [m["executed"] or 0 for m in months] + [m["programmed"] or 0 for m in months] + [1])
    step = WIDTH / 12

    def y(value):
        return round(HEIGHT - HEIGHT * (value or 0) / top, 1)

    bars = []
    for i, month in enumerate(months):
        if month["executed"] is None:
            continue
        top_y = y(month["executed"])
        bars.append({"x": round(i * step + GAP / 2, 1), "y": top_y, "w": round(step - GAP, 1),
                     "h": round(HEIGHT - top_y, 1), "title": f"{month['month']}: {month['executed']}"})
    points = " ".join(f"{round(i * step + step / 2, 1)},{y(m['programmed'])}"
                      for i, m in enumerate(months) if m["programmed"] is not None)
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "points": points, "target_y": y(target)}
