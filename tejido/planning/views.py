"""Planning pages: the plan of a year with executed values, editing an output (planning
staff), and the budget (import, manual entry, execution tables)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.web.forms import apply_error

from . import figures, services
from .budget_import import import_execution
from .forms import MONTH_NAMES, BudgetImportForm, BudgetLineForm, OutputForm
from .models import BudgetImport, Indicator, Output, Plan, RuleKind


def plan_period(request, year: int) -> tuple[dt.date, dt.date]:
    """?desde=&hasta=; by default the plan's year (up to today for the current year)."""
    today = timezone.localdate()
    default_end = min(dt.date(year, 12, 31), today) if year == today.year else dt.date(year, 12, 31)

    def given(name, default):
        try:
            return parse_date(request.GET.get(name) or "") or default
        except ValueError:
            return default
    start, end = given("desde", dt.date(year, 1, 1)), given("hasta", default_end)
    return (start, end) if start <= end else (end, start)


def _plan(year) -> Plan:
    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        raise NotFoundOrOutOfScope()
    return plan


@login_required
def index(request):
    plans = list(Plan.objects.order_by("-year"))
    current = next((p for p in plans if p.year == timezone.localdate().year), plans[0] if plans else None)
    if current is not None and not request.GET.get("todos"):
        return redirect("planning_plan", year=current.year)
    return render(request, "planning/index.html", {"plans": plans})


def plan_rows(request, pk: int) -> list[dict]:
    """The rows of the plan page (year `pk`, ?desde=&hasta=), for its export."""
    _plan(pk)
    return figures.physical_targets(request.user, *plan_period(request, pk))["rows"]


def budget_rows(request, pk: int) -> list[dict]:
    """The budget page's table by activity (year `pk`, ?desde=&hasta=), for its export."""
    _plan(pk)
    return figures.budget_execution(request.user, *plan_period(request, pk))["by_activity"]


@login_required
def plan_detail(request, year: int):
    plan = _plan(year)
    start, end = plan_period(request, year)
    data = figures.physical_targets(request.user, start, end)
    return render(request, "planning/plan.html", {
        "plan": plan, "start": start, "end": end, "data": data, "plans": Plan.objects.order_by("-year"),
        "can_write": services.can_write_planning(request.user)})


def _output_initial(output) -> dict:
    indicator = Indicator.objects.filter(output=output).first()
    initial = {"initial_target": output.initial_target, "current_target": output.current_target,
               "kind": indicator.kind if indicator else RuleKind.MANUAL, "note": indicator.note if indicator else ""}
    initial.update((indicator.params if indicator else {}))
    for month, value in enumerate(output.monthly_targets or [], start=1):
        initial[f"month_{month}"] = value
    for row in output.manual_values.all():
        initial[f"manual_{row.month}"] = row.value
    return initial


@login_required
def output_edit(request, pk: int):
    services.require_planning_write(request.user)
    output = Output.objects.select_related("activity__plan", "parent").filter(pk=pk).first()
    if output is None:
        raise NotFoundOrOutOfScope()
    form = OutputForm(request.POST or None, initial=_output_initial(output))
    edit = locking.Edit(request, output, table=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with edit.saving():
                services.output_update(output=output, acting_user=request.user, initial_target=data["initial_target"],
                                       current_target=data["current_target"], monthly_targets=form.monthly(),
                                       rule=data["kind"], params=form.params(), note=data["note"],
                                       manual_values=form.manual())
        except locking.ConflictError:  # the current values in the form, what was typed in the table
            current = _output_initial(output)
            edit.compare(form, form.fields, current=current)
            form = OutputForm(initial=current)
        except ApplicationError as error:
            if error.field == "monthly_targets":
                form.add_error(None, error.message)
            else:
                apply_error(form, error)
        else:
            messages.success(request, _("Producto actualizado."))
            return redirect("planning_plan", year=output.activity.plan.year)
    return render(request, "planning/output_edit.html", {
        "output": output, "form": form, "plan": output.activity.plan, **edit.context(),
        "months": list(zip(MONTH_NAMES, form.month_fields(), form.manual_fields(), strict=True))})


@login_required
@once_per_token  # a double-submitted form creates one record
def budget(request, year: int):
    services.require_budget_read(request.user)
    plan = _plan(year)
    can_write = services.can_write_planning(request.user)
    import_form = BudgetImportForm()
    line_form = BudgetLineForm(activities=plan.activities.order_by("position"))
    replace = locking.Replace(request)  # a line already there is replaced only when confirmed
    if request.method == "POST":
        services.require_planning_write(request.user)
        if request.POST.get("action") == "import":
            import_form = BudgetImportForm(request.POST, request.FILES)
            if import_form.is_valid():
                upload = import_form.cleaned_data["file"]
                try:
                    batch = import_execution(upload=upload, file_name=upload.name, acting_user=request.user)
                except ApplicationError as error:
                    apply_error(import_form, error)
                    for extra in error.extra.get("errors", [])[1:]:
                        import_form.add_error("file", extra)
                else:
                    messages.success(request, _("Se importaron %(n)s filas (meses %(m)s).")
                                     % {"n": batch.rows, "m": batch.months})
                    return redirect("planning_budget", year=batch.plan.year)
        else:
            line_form = BudgetLineForm(request.POST, activities=plan.activities.order_by("position"))
            if line_form.is_valid():
                try:
                    services.budget_line_set(acting_user=request.user, replace=replace, **line_form.cleaned_data)
                except ApplicationError as error:
                    replace.refused(error)
                    apply_error(line_form, error)
                else:
                    messages.success(request, _("Línea de presupuesto guardada."))
                    return redirect("planning_budget", year=plan.year)
    start, end = plan_period(request, year)
    return render(request, "planning/budget.html", {
        "plan": plan, "start": start, "end": end, "data": figures.budget_execution(request.user, start, end),
        "import_form": import_form, "line_form": line_form, "can_write": can_write, "replace": replace,
        "imports": BudgetImport.objects.filter(plan=plan).select_related("imported_by")[:10]})
