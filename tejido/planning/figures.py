"""Planning figures for any period and scope: physical targets against execution (seed 001
table 19) and budget execution by activity and spending group (table 20, seed 003).

- The plan is the one of the fiscal year of the period's end; targets are national and annual.
- Executed values come from the records through each output's counting rule (indicators.py),
  in the user's scope: a departmental officer sees what was counted in their departments.
- Ejecución acumulada (executed_ytd): January to the end of the period, as in seed 003; its % is
  the share of the annual target reached so far.
- % de ejecución = executed / current target × 100 (two decimals, half up); the total row adds
  the products (not sub-products) measured in people, as the seed's "TOTAL PERSONAS BENEFICIADAS".
- Budget: assigned and current are the annual amounts as of the last month of the period
  (SICOIN's snapshot); executed adds the months of the period, executed_ytd January to the
  period's last month; % = executed / current; saldo por ejecutar = current − executed_ytd."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, Sum
from django.utils.translation import gettext as _

from tejido.territory.scope import scope_of

from .indicators import describe, drill_params, executed, months_in
from .models import BudgetLine, Output, Plan, SpendingGroup, Unit
from .services import require_budget_read

ZERO = Decimal("0.00")


def percent(part, whole) -> Decimal | None:
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def plan_for(start: dt.date, end: dt.date) -> Plan | None:
    return Plan.objects.filter(year=end.year).first()


def _outputs(plan: Plan):
    children = Output.objects.select_related("indicator").order_by("position", "id")
    return (Output.objects.filter(activity__plan=plan).select_related("activity", "activity__plan", "indicator")
            .prefetch_related(Prefetch("children", queryset=children))
            .order_by("activity__position", "activity_id", "position", "id"))


def physical_targets(user, start: dt.date, end: dt.date) -> dict:
    """{"plan", "rows": [{kind: heading|output|suboutput, output, unit, target, executed, percent,
    programmed, rule, id}], "total": {...}, "note"}; the seed's table 19 order."""
    plan = plan_for(start, end)
    national = scope_of(user).national
    note = "" if national else _("Las metas son nacionales; la ejecución cuenta solo lo registrado en sus "
                                 "departamentos. Los valores digitados por Planificación (documentos) son nacionales "
                                 "y no se muestran por departamento.")
    if plan is None:
        return {"plan": None, "rows": [], "total": {},
                "note": _("No hay plan registrado para %(y)s.") % {"y": end.year}}
    months = months_in(plan.year, start, end)
    outputs = list(_outputs(plan))
    by_parent: dict = {}
    for output in outputs:
        by_parent.setdefault(output.parent_id, []).append(output)
    cache: dict = {}
    # «Ejecución acumulada» (seed 003): January to the end of the period. A period that starts in
    # January is its own year to date: counted once.
    year_start = dt.date(plan.year, 1, 1)
    cache_ytd: dict = cache if start <= year_start else {}
    rows, activity_id = [], None
    for product in by_parent.get(None, []):
        if product.activity_id != activity_id:
            activity_id = product.activity_id
            if product.activity.heading:
                rows.append({"kind": "heading", "output": product.activity.heading, "id": None, "unit": "",
                             "target": None, "executed": None, "percent": None, "executed_ytd": None,
                             "percent_ytd": None, "programmed": None, "rule": "", "drill": {}})
        for output in [product] + by_parent.get(product.pk, []):
            done = executed(output, user, start, end, cache)
            done_ytd = executed(output, user, min(start, year_start), end, cache_ytd)
            programmed = sum(output.monthly_targets[m - 1] for m in months) if output.monthly_targets else None
            rows.append({"kind": "suboutput" if output.parent_id else "output", "id": output.pk,
                         "output": output.name, "unit": output.get_unit_display(), "unit_code": output.unit,
                         "target": output.current_target, "initial_target": output.initial_target,
                         "executed": done, "percent": percent(done, output.current_target),
                         "executed_ytd": done_ytd, "percent_ytd": percent(done_ytd, output.current_target),
                         "programmed": programmed, "rule": describe(getattr(output, "indicator", None)),
                         "activity": output.activity.name, "drill": drill_params(output)})
    people = [r for r in rows if r["kind"] == "output" and r["unit_code"] == Unit.PERSON]
    target = sum(r["target"] for r in people)
    done = sum(r["executed"] or 0 for r in people)
    done_ytd = sum(r["executed_ytd"] or 0 for r in people)
    total = {"output": _("TOTAL PERSONAS BENEFICIADAS"), "target": target, "executed": done,
             "percent": percent(done, target), "executed_ytd": done_ytd, "percent_ytd": percent(done_ytd, target)}
    return {"plan": plan, "rows": rows, "total": total, "note": note}


def _amounts(assigned, current, executed_amount, executed_ytd) -> dict:
    """The period's execution and the year's to the end of the period («ejecución acumulada», seed
    003): the balance left to execute is what the year has not yet executed."""
    return {"assigned": assigned, "current": current, "executed": executed_amount,
            "percent": percent(executed_amount, current), "executed_ytd": executed_ytd,
            "percent_ytd": percent(executed_ytd, current), "balance": current - executed_ytd}


def budget_execution(user, start: dt.date, end: dt.date) -> dict:
    """{"plan", "by_activity": [...], "by_group": [...], "totals": {...}, "group_totals": {...}, "note"}.
    National roles only (require_budget_read)."""
    require_budget_read(user)
    plan = plan_for(start, end)
    if plan is None:
        return {"plan": None, "by_activity": [], "by_group": [], "totals": {}, "group_totals": {},
                "note": _("No hay plan registrado para %(y)s.") % {"y": end.year}}
    months = months_in(plan.year, start, end)
    last = max(months) if months else 0
    lines = BudgetLine.objects.filter(activity__plan=plan)
    spent = {(r["activity_id"], r["group"]): r["n"] for r in lines.filter(month__in=months)
             .values("activity_id", "group").annotate(n=Sum("executed")).order_by()}
    # January to the period's last month: the year's execution so far.
    spent_ytd = {(r["activity_id"], r["group"]): r["n"] for r in lines.filter(month__lte=last)
                 .values("activity_id", "group").annotate(n=Sum("executed")).order_by()}
    # The latest snapshot of the annual amounts up to the period's last month, per activity and group.
    snapshot = {}
    for row in lines.filter(month__lte=last).order_by("month").values("activity_id", "group", "assigned", "current"):
        snapshot[(row["activity_id"], row["group"])] = (row["assigned"], row["current"])
    by_activity, by_group = [], {code: [ZERO, ZERO, ZERO, ZERO] for code in SpendingGroup.values}
    from_plan = False
    for activity in plan.activities.order_by("position", "id"):
        keys = [k for k in set(snapshot) | set(spent_ytd) if k[0] == activity.pk]
        if keys:
            assigned = sum((snapshot.get(k, (ZERO, ZERO))[0] for k in keys), ZERO)
            current = sum((snapshot.get(k, (ZERO, ZERO))[1] for k in keys), ZERO)
            done = sum((spent.get(k) or ZERO for k in keys), ZERO)
            done_ytd = sum((spent_ytd.get(k) or ZERO for k in keys), ZERO)
            for k in keys:
                totals = by_group[k[1]]
                totals[0] += snapshot.get(k, (ZERO, ZERO))[0]
                totals[1] += snapshot.get(k, (ZERO, ZERO))[1]
                totals[2] += spent.get(k) or ZERO
                totals[3] += spent_ytd.get(k) or ZERO
        else:
            # Nothing imported yet: the plan's own amounts, nothing executed.
            assigned, current, done, done_ytd, from_plan = activity.assigned, activity.current, ZERO, ZERO, True
        by_activity.append({"activity": activity.name, "code": activity.code,
                            **_amounts(assigned, current, done, done_ytd)})
    group_rows = [{"group": code, "name": str(SpendingGroup(code).label), **_amounts(*by_group[code])}
                  for code in SpendingGroup.values]

    def total(rows):
        return _amounts(*(sum((r[k] for r in rows), ZERO) for k in ("assigned", "current", "executed",
                                                                      "executed_ytd")))

    note = _("Asignado y vigente: montos anuales al último mes del periodo; ejecutado: suma de los meses del "
             "periodo (devengado); ejecución acumulada: de enero al último mes del periodo. Saldo por "
             "ejecutar = vigente − ejecución acumulada.")
    if from_plan:
        note += " " + _("Las actividades sin líneas importadas muestran los montos del plan y nada ejecutado.")
    return {"plan": plan, "by_activity": by_activity, "by_group": group_rows, "totals": total(by_activity),
            "group_totals": total(group_rows), "note": note}
