"""Demo plan and budget: the current year's plan with the 2022 outputs and rules (targets
scaled to the demo's size), documents typed monthly, and monthly SICOIN-like execution lines."""

import random
from decimal import Decimal

from django.utils import timezone

from tejido.planning.models import BudgetLine, ManualExecution, Output, Plan, RuleKind, SpendingGroup, Unit
from tejido.planning.seed2022 import PLAN_2022, load_plan
from tejido.registry.models import Person

# Share of each activity's budget by spending group (000, 100, 200, 300, 400, 900), in %.
SHARES = {
    "direccion": (60, 20, 10, 5, 3, 2),
    "primera_infancia": (30, 5, 10, 1, 54, 0),
    "servicio_social": (40, 10, 35, 5, 10, 0),
    "mujer": (60, 10, 25, 5, 0, 0),
    "adulto_mayor": (55, 15, 25, 5, 0, 0),
}
SEED_PEOPLE = 58425  # people the 2022 plan meant to reach (seed 004)


def _scaled(scale: float) -> list:
    def target(unit, n):
        return n if unit == Unit.DOCUMENT else max(1, round(n * scale))

    return [(code, name, heading, program, budget,
             [(product, unit, target(unit, n), rule,
               [(sub, sub_unit, target(sub_unit, m), sub_rule) for sub, sub_unit, m, sub_rule in subs])
              for product, unit, n, rule, subs in products])
            for code, name, heading, program, budget, products in PLAN_2022]


def load_planning_demo(admin, rng: random.Random) -> int:
    today = timezone.localdate()
    if Plan.objects.filter(year=today.year).exists():
        return 0
    # Demo people are ~5% of the country's beneficiaries; aim a little above what they reach.
    scale = max(Person.objects.count(), 200) * 1.2 / SEED_PEOPLE
    plan = load_plan(year=today.year, acting_user=admin, data=_scaled(scale), monthly=True,
                     source="Demostración (metas del plan 2022 a escala de los datos de demostración)")
    months = range(1, today.month + 1)
    created = Output.objects.filter(activity__plan=plan).count()
    for output in Output.objects.filter(activity__plan=plan, indicator__kind=RuleKind.MANUAL):
        for month in months:
            ManualExecution.objects.create(output=output, month=month, value=1, note="Informe mensual")
            created += 1
    lines = []
    for activity in plan.activities.all():
        for group, share in zip(SpendingGroup.values, SHARES[activity.code], strict=True):
            assigned = (activity.current * share / 100).quantize(Decimal("0.01"))
            current = (assigned * Decimal(str(round(rng.uniform(0.95, 1.08), 3)))).quantize(Decimal("0.01"))
            for month in months:
                pace = Decimal(str(round(rng.uniform(0.6, 1.0), 3)))
                lines.append(BudgetLine(activity=activity, group=group, month=month, assigned=assigned,
                                        current=current, executed=(current / 12 * pace).quantize(Decimal("0.01")),
                                        updated_by=admin))
    BudgetLine.objects.bulk_create(lines)
    return created + len(lines)
