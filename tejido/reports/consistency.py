"""What does not add up between records, plan and budget, for any period and the viewer's scope.

The published 2023 report contradicted itself (221 vs 218 municipalities, 80+3 vs 82+2 elderly
centers, 4,490 vs 24,490 social-service people) because its tables were typed separately. Here
every table is computed, so the checks are of another kind: plan outputs nobody can count,
monthly programming that does not add up, budget executed beyond the current amount, services
recorded at closed centers or outside any center, enrolments the program's age rule would now
refuse, people whose identity is still incomplete, the plan's count of a program's people
disagreeing with the program's own table (a counting rule that drifted from the report), execution
beyond 150 % of the target, and two tables of one report counting the same centers differently
(read from the built tables, not by running one query twice)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum
from django.utils.translation import gettext as _

from tejido.programs.figures import served_in
from tejido.programs.models import AgeRule, Delivery, Enrolment, Event
from tejido.territory.scope import restrict, scope_of

from .report_checks import beyond_target, daycare_center_counts

LIMIT = 20


@dataclass
class Finding:
    title: str
    explanation: str
    count: int
    examples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.count == 0


def _examples(qs, render) -> tuple[int, list[str]]:
    return qs.count(), [render(obj) for obj in qs[:LIMIT]]


def plan_outputs_without_rule(user, start, end) -> Finding | None:
    from tejido.planning.figures import plan_for
    from tejido.planning.models import Output

    plan = plan_for(start, end)
    if plan is None:
        return Finding(_("Sin plan para el periodo"), _("No hay un plan anual del año del periodo: las metas físicas "
                                                        "no se pueden comparar."), 1, [])
    qs = Output.objects.filter(activity__plan=plan, indicator__isnull=True).order_by("activity__position", "position")
    n, examples = _examples(qs, lambda o: o.name)
    return Finding(_("Productos sin regla de conteo"),
                   _("Su ejecución no se calcula de los registros; defina la regla en Plan y presupuesto."),
                   n, examples)


def monthly_programming_mismatch(user, start, end) -> Finding | None:
    from tejido.planning.figures import plan_for
    from tejido.planning.models import Output

    plan = plan_for(start, end)
    if plan is None:
        return None
    wrong = [o for o in Output.objects.filter(activity__plan=plan).order_by("activity__position", "position")
             if o.monthly_targets and sum(int(v or 0) for v in o.monthly_targets) != o.current_target]
    return Finding(_("Programación mensual que no suma la meta vigente"),
                   _("La suma de los 12 meses debe ser la meta física vigente."), len(wrong),
                   [f"{o.name}: {sum(int(v or 0) for v in o.monthly_targets)} ≠ {o.current_target}"
                    for o in wrong[:LIMIT]])


def budget_overrun(user, start, end) -> Finding | None:
    from tejido.planning.figures import plan_for
    from tejido.planning.models import BudgetLine

    plan = plan_for(start, end)
    if plan is None or not scope_of(user).national:
        return None
    months = range(start.month if start.year == plan.year else 1, (end.month if end.year == plan.year else 12) + 1)
    lines = BudgetLine.objects.filter(activity__plan=plan, month__in=list(months))
    executed = {(r["activity__name"], r["group"]): r["executed"]
                for r in lines.values("activity__name", "group").annotate(executed=Sum("executed")).order_by()}
    last = lines.filter(month=max(months)) if months else lines.none()
    current = {(r.activity.name, r.group): r.current for r in last.select_related("activity")}
    over = [f"{activity} / {group}: Q{executed[key]:,.2f} > Q{current.get(key, 0):,.2f}"
            for key in sorted(executed) for activity, group in [key] if executed[key] > current.get(key, 0)]
    return Finding(_("Presupuesto ejecutado mayor que el vigente"),
                   _("Por actividad y grupo de gasto, en los meses del periodo."), len(over), over[:LIMIT])


def services_at_closed_centers(user, start, end) -> Finding:
    qs = restrict(Enrolment.objects.filter(center__closed_on__isnull=False, start__lte=end)
                  .filter(Q(end__isnull=True) | Q(end__gt=F("center__closed_on")))
                  .select_related("center", "person"), user, department="department_id", center="center_id")
    n, examples = _examples(qs.order_by("center__name"),
                            lambda e: f"{e.center}: {_('inscripción activa después del cierre')} "
                                      f"({e.center.closed_on:%d/%m/%Y})")
    return Finding(_("Inscripciones que siguen después del cierre del centro"),
                   _("Registre el egreso o el traslado de estas personas."), n, examples)


def deliveries_outside_any_center(user, start, end) -> Finding:
    qs = restrict(Delivery.objects.filter(date__gte=start, date__lte=end, center__isnull=True, event__isnull=True,
                                          person__isnull=True), user, department="department_id")
    n, examples = _examples(qs.order_by("-date"), lambda d: f"{d.date:%d/%m/%Y} {d.item_label} × {d.quantity}")
    return Finding(_("Entregas sin centro, evento ni persona"),
                   _("No se pueden atribuir a nadie ni a ningún lugar de servicio."), n, examples)


def events_without_participants(user, start, end) -> Finding:
    qs = restrict(Event.objects.filter(date__gte=start, date__lte=end, unnamed_participants=0,
                                       participants__isnull=True), user, department="department_id",
                  center="center_id")
    n, examples = _examples(qs.order_by("-date"), lambda e: f"{e.date:%d/%m/%Y} {e.topic}")
    return Finding(_("Eventos sin participantes"), _("Un evento sin personas no cuenta en ninguna cifra de personas."),
                   n, examples)


def enrolments_outside_age_rule(user, start, end) -> Finding:
    """Birth dates corrected after enrolment can leave people outside the program's ages."""
    from tejido.programs.ages import completed_months

    wrong = []
    for rule in AgeRule.objects.all():
        served = restrict(served_in(rule.program, start, end).select_related("person", "center"), user,
                          department="department_id", center="center_id", personal=True)
        for e in served.only("start", "program", "person__birth_date", "person__given_names",
                             "person__first_surname", "person__second_surname", "person__married_surname",
                             "center__name", "center__code").iterator():
            months = completed_months(e.person.birth_date, e.start)
            if months < rule.min_months or (rule.max_months is not None and months >= rule.max_months):
                wrong.append(f"{e.get_program_display()}: {e.person.full_name} ({e.center})")
    return Finding(_("Inscripciones fuera de la regla de edad del programa"),
                   _("Probablemente se corrigió la fecha de nacimiento después de inscribir."), len(wrong),
                   wrong[:LIMIT])


def incomplete_identity(user, start, end) -> Finding:
    from tejido.registry.models import Person

    # A count without names: planners see it too. Identity is incomplete now, whatever the period.
    qs = restrict(Person.objects.filter(birth_date_estimated=True, cui__isnull=True), user,
                  department="department_id", center="registered_center_id")
    n, _examples_unused = _examples(qs, str)
    return Finding(_("Personas con identidad incompleta"),
                   _("Fecha de nacimiento estimada y sin CUI (p. ej. familias migrantes registradas en la "
                     "recepción): complételas en la ficha de la persona."), n, [])


# The report table (and its total column) that publishes each program's people: the plan's output
# is compared with the figure as the report prints it, not with a second run of the rule's query.
PEOPLE_TABLES = {"childcare": ("childcare.children_by_department", "total"),
                 "elderly": ("elderly.by_department", "beneficiaries"),
                 "women": ("women.by_department", "women")}


def plan_agrees_with_program_tables(user, start, end) -> Finding | None:
    """The plan's 'unique persons' outputs must equal the people the program's report table prints."""
    from tejido.planning.figures import plan_for
    from tejido.planning.indicators import executed
    from tejido.planning.models import Output

    from .period import Period
    from .tables import TABLES

    plan = plan_for(start, end)
    if plan is None:
        return None
    period, printed = Period.between(start, end), {}
    disagreements = []
    for output in Output.objects.filter(activity__plan=plan, indicator__kind="unique_persons_enrolled"):
        params = output.indicator.params or {}
        program = params.get("program")
        if program not in PEOPLE_TABLES or params.get("center_kinds"):  # the table counts every center kind
            continue
        if program not in printed:
            table_id, column = PEOPLE_TABLES[program]
            printed[program] = TABLES[table_id].build(user, period).as_contract()["totals"].get(column) or 0
        counted = executed(output, user, start, end)
        if counted is not None and counted != printed[program]:
            disagreements.append(f"{output.name}: {counted:,} ≠ {printed[program]:,}")
    return Finding(_("Metas físicas que no coinciden con el cuadro del programa"),
                   _("La regla de conteo del producto cuenta distinto que el cuadro de personas del programa en el "
                     "informe."), len(disagreements), disagreements[:LIMIT])


def targets_not_summing_their_suboutputs(user, start, end) -> Finding | None:
    """A product whose execution is the sum of its sub-products (rule «suma de sus subproductos»)
    must have as target the sum of their targets (same unit): otherwise its % cannot be read."""
    from tejido.planning.figures import plan_for
    from tejido.planning.models import Output, RuleKind

    plan = plan_for(start, end)
    if plan is None:
        return None
    products = (Output.objects.filter(activity__plan=plan, parent__isnull=True, indicator__kind=RuleKind.SUM_SUBOUTPUTS)
                .prefetch_related("children").order_by("activity__position", "position"))
    wrong = []
    for product in products:
        summed = sum(child.current_target for child in product.children.all() if child.unit == product.unit)
        if summed != product.current_target:
            wrong.append(f"{product.name}: {product.current_target:,} ≠ {summed:,}")
    return Finding(_("Metas de productos que no suman sus subproductos"),
                   _("La ejecución del producto es la suma de sus subproductos de la misma unidad; su meta vigente "
                     "también debe serlo."), len(wrong), wrong[:LIMIT])


ADDITIVE_RULES = ("events_held", "families_received", "migrant_persons_received", "units_created", "manual")


def year_equals_its_four_month_periods(user, start, end) -> Finding | None:
    """For a whole year: outputs whose rule adds up over time (events, families received, units
    organised, typed values) must execute in the year what their three four-month periods add up
    to; distinct-people rules are not additive and are left out."""
    from tejido.planning.figures import plan_for
    from tejido.planning.indicators import executed
    from tejido.planning.models import Output

    from .period import Period

    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31) or start.year != end.year:
        return None
    plan = plan_for(start, end)
    if plan is None:
        return None
    parts = [Period.four_month(start.year, n) for n in (1, 2, 3)]
    wrong = []
    for output in (Output.objects.filter(activity__plan=plan, indicator__kind__in=ADDITIVE_RULES)
                   .select_related("indicator", "activity__plan").order_by("activity__position", "position")):
        year = executed(output, user, start, end, {})
        summed = [executed(output, user, p.start, p.end, {}) for p in parts]
        if year is not None and None not in summed and year != sum(summed):
            wrong.append(f"{output.name}: {year:,} ≠ {' + '.join(f'{v:,}' for v in summed)}")
    return Finding(_("Año distinto de la suma de sus cuatrimestres"),
                   _("Para las reglas que se suman en el tiempo (eventos, familias recibidas, unidades conformadas, "
                     "valores digitados), el año debe ser la suma de sus tres cuatrimestres."),
                   len(wrong), wrong[:LIMIT])


def execution_far_above_target(user, start, end) -> Finding | None:
    """Accumulated execution (January to the period's end) beyond 150 % of the current target."""
    from tejido.planning.figures import physical_targets

    data = physical_targets(user, start, end)
    if data["plan"] is None:
        return None
    over = [f"{r['output']}: {r['executed_ytd']:,} / {r['target']:,} ({r['percent_ytd']} %)" for r in data["rows"]
            if r["kind"] != "heading" and beyond_target(r)]
    return Finding(_("Ejecución mayor que 150 % de la meta vigente"),
                   _("Ejecución acumulada de enero al final del periodo: revise la meta o la regla de conteo."),
                   len(over), over[:LIMIT])


def daycare_centers_agree_between_tables(user, start, end) -> Finding:
    """The report's two daycare center counts, read from the tables as published: centers where a
    child was served (table 1: Hogares Comunitarios + CADI) and centers in operation at the period's
    end (the licences table). They differ when a center operates without a child enrolled or served
    children and closed (the seed's 80 + 3 vs 82 + 2 is this kind of disagreement)."""
    from tejido.accounts.models import Program
    from tejido.agreements.selectors import licensed_centers
    from tejido.programs.figures import SCOPE

    from .period import Period
    from .tables import TABLES

    period = Period.between(start, end)
    served, operating = daycare_center_counts(TABLES["childcare.children_by_department"].build(user, period)
                                              .as_contract(),
                                              TABLES["agreements.center_licences"].build(user, period).as_contract())
    if served == operating:
        return Finding(_("Centros de primera infancia que no coinciden entre cuadros"), "", 0)
    served_ids = restrict(served_in(Program.CHILDCARE, start, end), user, **SCOPE).values("center_id")
    idle = (licensed_centers(user=user, program=Program.CHILDCARE, day=end).exclude(pk__in=served_ids)
            .order_by("name"))
    examples = [f"{c.name}: {_('en funcionamiento sin niñas ni niños atendidos en el periodo')}" for c in idle[:LIMIT]]
    return Finding(_("Centros de primera infancia que no coinciden entre cuadros"),
                   _("Cuadro de niñas y niños por departamento: %(served)s centros con niñas o niños atendidos; "
                     "cuadro de licencias: %(operating)s centros en funcionamiento al %(day)s. Registre a los niños "
                     "de cada centro en funcionamiento o su cierre.")
                   % {"served": served, "operating": operating, "day": end.strftime("%d/%m/%Y")},
                   abs(operating - served), examples)


CHECKS = [plan_outputs_without_rule, monthly_programming_mismatch, budget_overrun, plan_agrees_with_program_tables,
          targets_not_summing_their_suboutputs, year_equals_its_four_month_periods, execution_far_above_target,
          daycare_centers_agree_between_tables, services_at_closed_centers, deliveries_outside_any_center,
          events_without_participants, enrolments_outside_age_rule, incomplete_identity]


def run_checks(*, user, start: dt.date, end: dt.date) -> list[Finding]:
    findings = []
    for check in CHECKS:
        finding = check(user, start, end)
        if finding is not None:
            findings.append(finding)
    return findings
