"""The only writers of plans, targets, indicator rules, manual values and budget lines.

Planning and budget belong to administrators and planning staff (`require_planning_write`);
planners are read-only everywhere else, departmental officers never change the plan."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tejido.accounts.models import Role
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError, PermissionDenied
from tejido.reliability.locking import Replace, existing_notice
from tejido.territory.scope import scope_of

from .indicators import check_unit, clean_params
from .models import BudgetActivity, BudgetLine, Indicator, ManualExecution, Output, Plan, RuleKind, SpendingGroup

PLANNING_ROLES = {Role.ADMIN, Role.PLANNER}


def can_write_planning(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.role in PLANNING_ROLES))


def require_planning_write(user) -> None:
    if not can_write_planning(user):
        raise PermissionDenied(_("Solo Administración y Planificación pueden modificar el plan y el presupuesto."))


def require_budget_read(user) -> None:
    """The budget is the secretariat's as a whole: national roles read it."""
    if not scope_of(user).national:
        raise PermissionDenied(_("La ejecución presupuestaria la consultan los roles nacionales."))


@transaction.atomic
def plan_create(*, year: int, acting_user, name: str = "", source: str = "") -> Plan:
    require_planning_write(acting_user)
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("El ejercicio fiscal no es válido."), field="year")
    if Plan.objects.filter(year=year).exists():
        raise ApplicationError(_("Ya existe el plan de %(y)s.") % {"y": year}, field="year")
    plan = Plan(year=year, name=name or f"Plan operativo anual {year}", source=source)
    save_with_history(plan, acting_user=acting_user)
    return plan


@transaction.atomic
def activity_create(*, plan: Plan, code: str, name: str, acting_user, heading: str = "", program: str = "",
                    position: int = 0, assigned=0, current=0) -> BudgetActivity:
    require_planning_write(acting_user)
    activity = BudgetActivity(plan=plan, code=code, name=name, heading=heading, program=program,
                              position=position, assigned=Decimal(assigned), current=Decimal(current))
    save_with_history(activity, acting_user=acting_user)
    return activity


def _check_targets(initial: int, current: int, monthly: list) -> list:
    if initial < 0 or current < 0:
        raise ApplicationError(_("Las metas no pueden ser negativas."), field="current_target")
    monthly = [int(v or 0) for v in (monthly or [])]
    if not monthly:
        return []
    if len(monthly) != 12:
        raise ApplicationError(_("La programación mensual tiene 12 meses."), field="monthly_targets")
    if any(v < 0 for v in monthly):
        raise ApplicationError(_("La programación mensual no puede tener valores negativos."), field="monthly_targets")
    if any(monthly) and sum(monthly) != current:
        raise ApplicationError(
            _("La programación mensual suma %(s)s y la meta vigente es %(t)s: deben coincidir.")
            % {"s": sum(monthly), "t": current}, field="monthly_targets")
    return monthly if any(monthly) else []


@transaction.atomic
def output_create(*, activity: BudgetActivity, name: str, unit: str, acting_user, parent: Output | None = None,
                  initial_target: int = 0, current_target: int | None = None, monthly_targets=None,
                  position: int = 0, rule: str = RuleKind.MANUAL, params: dict | None = None) -> Output:
    require_planning_write(acting_user)
    if parent is not None and (parent.activity_id != activity.pk or parent.parent_id is not None):
        raise ApplicationError(_("El producto padre debe ser un producto de la misma actividad."), field="parent")
    check_unit(rule, unit)
    current = initial_target if current_target is None else current_target
    output = Output(activity=activity, parent=parent, name=name, unit=unit, initial_target=initial_target,
                    current_target=current, monthly_targets=_check_targets(initial_target, current, monthly_targets),
                    position=position)
    save_with_history(output, acting_user=acting_user)
    indicator = Indicator(output=output, kind=rule, params=clean_params(rule, params or {}))
    save_with_history(indicator, acting_user=acting_user)
    return output


@transaction.atomic
def output_update(*, output: Output, acting_user, initial_target: int, current_target: int, monthly_targets,
                  rule: str, params: dict, note: str = "", manual_values: dict | None = None) -> Output:
    """Targets, monthly programming and the counting rule; for manual rules, the monthly values."""
    require_planning_write(acting_user)
    check_unit(rule, output.unit)
    output.initial_target, output.current_target = initial_target, current_target
    output.monthly_targets = _check_targets(initial_target, current_target, monthly_targets)
    save_with_history(output, acting_user=acting_user, reason=_("Metas o programación modificadas"))
    indicator = Indicator.objects.filter(output=output).first() or Indicator(output=output)
    indicator.kind, indicator.params, indicator.note = rule, clean_params(rule, params or {}), note
    save_with_history(indicator, acting_user=acting_user)
    if rule == RuleKind.MANUAL and manual_values is not None:
        for month, value in manual_values.items():
            manual_set(output=output, month=month, value=value, acting_user=acting_user)
    return output


@transaction.atomic
def manual_set(*, output: Output, month: int, value: int | None, acting_user, note: str = "") -> None:
    """Type (or clear, with None) one month's executed value of a manual indicator."""
    require_planning_write(acting_user)
    if not 1 <= int(month) <= 12:
        raise ApplicationError(_("El mes debe estar entre 1 y 12."), field="month")
    existing = ManualExecution.objects.filter(output=output, month=month).first()
    if value is None:
        if existing:
            existing.delete()
        return
    if value < 0:
        raise ApplicationError(_("El valor ejecutado no puede ser negativo."), field=f"manual_{month}")
    row = existing or ManualExecution(output=output, month=month)
    row.value, row.note = value, note
    save_with_history(row, acting_user=acting_user)


@transaction.atomic
def _line_notice(line: BudgetLine) -> str:
    from tejido.web.templatetags.tejido import quetzales

    from .forms import MONTH_NAMES

    what = _("una línea de presupuesto de %(activity)s, grupo %(group)s, %(month)s") % {
        "activity": line.activity.name, "group": line.group,
        "month": str(MONTH_NAMES[line.month - 1]).lower()}
    value = _("asignado %(a)s, vigente %(c)s, ejecutado %(e)s") % {
        "a": quetzales(line.assigned), "c": quetzales(line.current), "e": quetzales(line.executed)}
    return existing_notice(what, line, value)


@transaction.atomic
def budget_line_set(*, activity: BudgetActivity, group: str, month: int, assigned, current, executed,
                    acting_user, replace: Replace | None = None) -> BudgetLine:
    """Manual entry (fallback when there is no SICOIN file): one activity, group and month. A line
    already there (typed or imported) is replaced; from the web form (`replace`) only once the user
    confirmed it at its current version (reliability.locking.Replace)."""
    require_planning_write(acting_user)
    if group not in SpendingGroup.values:
        raise ApplicationError(_("Grupo de gasto desconocido."), field="group")
    if not 1 <= int(month) <= 12:
        raise ApplicationError(_("El mes debe estar entre 1 y 12."), field="month")
    for field, amount in (("assigned", assigned), ("current", current), ("executed", executed)):
        if Decimal(amount) < 0:
            raise ApplicationError(_("Los montos no pueden ser negativos."), field=field)
    if replace is not None:  # the activity's row queues two first saves of a line (no line to lock yet)
        BudgetActivity.objects.select_for_update().filter(pk=activity.pk).first()
        existing = BudgetLine.objects.select_for_update().filter(activity=activity, group=group, month=month).first()
        replace.check(existing, _line_notice, field="month")
    line, _created = BudgetLine.objects.update_or_create(
        activity=activity, group=group, month=month,
        defaults={"assigned": assigned, "current": current, "executed": executed, "updated_by": acting_user,
                  "batch": None})
    return line


def spread(total: int) -> list[int]:
    """A target spread over the twelve months (the remainder in the first months)."""
    base, rest = divmod(int(total), 12)
    return [base + (1 if month < rest else 0) for month in range(12)]


@transaction.atomic
def plan_copy(*, source: Plan, year: int, acting_user, scale: float = 1.0) -> Plan:
    """A new year's plan with the same activities, outputs and rules; targets scaled."""
    plan = plan_create(year=year, acting_user=acting_user, source=_("Copia del plan %(y)s") % {"y": source.year})
    for activity in source.activities.all():
        new_activity = activity_create(plan=plan, code=activity.code, name=activity.name, heading=activity.heading,
                                       program=activity.program, position=activity.position,
                                       assigned=activity.assigned, current=activity.current, acting_user=acting_user)
        parents = {}
        # Products before their sub-products (NULL ordering differs between databases).
        outputs = sorted(activity.outputs.select_related("indicator"),
                         key=lambda o: (o.parent_id is not None, o.position, o.pk))
        for output in outputs:
            target = max(1, round(output.current_target * scale)) if output.current_target else 0
            indicator = getattr(output, "indicator", None)
            parents[output.pk] = output_create(
                activity=new_activity, parent=parents.get(output.parent_id), name=output.name, unit=output.unit,
                initial_target=target, monthly_targets=spread(target), position=output.position,
                acting_user=acting_user, rule=indicator.kind if indicator else RuleKind.MANUAL,
                params=indicator.params if indicator else {})
    return plan
