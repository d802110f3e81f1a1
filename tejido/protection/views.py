"""Child-protection pages. Each view starts with a selector that applies the one rule
(access.require_protection_officer): everybody else gets the ordinary "not found" page."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.selectors import center_get
from tejido.common.audit import history_rows, log_view
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.registry.selectors import person_get
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.web.forms import apply_error
from tejido.web.views.common import paginate

from . import services
from .figures import cases_per_month, month_bars
from .forms import ActionForm, CloseForm, FilterForm, ReferForm, ReportForm
from .selectors import case_actions, case_get, case_list, case_merge_pending, cases_to_move, guard

PREFIXES = {"action": "accion", "refer": "referencia", "close": "cierre"}


def case_filter(request) -> tuple:
    """The list's filter form and its valid values (shared by the page and its export)."""
    form = FilterForm(request.GET or None, initial={"anio": timezone.localdate().year})
    return form, form.cleaned_data if form.is_valid() else {}


def case_rows(request):
    """The cases for ?estado=, for the export (which logs itself as an export, not a search)."""
    return case_list(user=request.user, status=case_filter(request)[1].get("estado", ""), log=False)


@login_required
def case_list_view(request):
    today = timezone.localdate()
    form, data = case_filter(request)
    year = data.get("anio") or today.year
    cases = case_list(user=request.user, status=data.get("estado", ""))
    page, query = paginate(request, cases)
    table = cases_per_month(user=request.user, year=year)
    return render(request, "protection/case_list.html", {
        "form": form, "page": page, "query": query, "table": table, "bars": month_bars(table),
        "to_move": cases_to_move(user=request.user),
    })


def _child_and_center(user, data) -> tuple:
    try:
        child = person_get(user=user, pk=data["child_id"], log=False)
    except NotFoundOrOutOfScope:
        raise ApplicationError(_("No existe una persona con ese número de registro."), field="child") from None
    if not data["center_id"]:
        return child, None  # the service takes the center of the child's enrolment
    try:
        return child, center_get(user=user, pk=data["center_id"])
    except NotFoundOrOutOfScope:
        raise ApplicationError(_("No existe un centro con ese número."), field="center") from None


@login_required
@once_per_token  # a double-submitted form creates one record
def case_report_view(request):
    guard(request.user)
    form = ReportForm(request.POST or None, initial={"reported_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child, center = _child_and_center(request.user, data)
            case = services.case_report(
                child=child, center=center, reported_on=data["reported_on"], reporter_role=data["reporter_role"],
                reporter_name=data["reporter_name"], suspicion=data["suspicion"], description=data["description"],
                acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Caso registrado."))
            return redirect("protection_case_detail", pk=case.pk)
    return render(request, "protection/case_report.html", {"form": form})


def _forms(request, bound: str | None = None, data=None) -> dict:
    today = timezone.localdate()
    me = request.user.get_full_name() or request.user.username
    forms = {
        "action": ActionForm(prefix=PREFIXES["action"], initial={"date": today, "done_by": me}),
        "refer": ReferForm(prefix=PREFIXES["refer"], initial={"date": today, "done_by": me}),
        "close": CloseForm(prefix=PREFIXES["close"], initial={"closed_on": today}),
    }
    if bound:
        forms[bound] = type(forms[bound])(data, prefix=PREFIXES[bound])
    return forms


def _detail(request, case, forms: dict):
    return render(request, "protection/case_detail.html", {
        "case": case, "actions": case_actions(case), "history": history_rows(case),
        "pending_merge": case_merge_pending(case), **forms,
    })


@login_required
def case_detail_view(request, pk):
    case = case_get(user=request.user, pk=pk)
    return _detail(request, case, _forms(request))


def _post(request, pk, which: str, save) -> object:
    """Shared shape of the three POST forms: validate, call the service, or show the page again
    with the message next to its field (that showing is an opening too, so it is logged). Referring
    and closing change the case: a form loaded before someone else changed it is refused."""
    case = case_get(user=request.user, pk=pk, log=False)
    if request.method != "POST":
        return redirect("protection_case_detail", pk=case.pk)
    forms = _forms(request, which, request.POST)
    form = forms[which]
    if form.is_valid():
        try:
            with locking.Edit(request, case).saving() if which in ("refer", "close") else nullcontext():
                message = save(case, form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, message)
            return redirect("protection_case_detail", pk=case.pk)
    log_view(request.user, case)
    return _detail(request, case, forms)


@login_required
@once_per_token  # a double-submitted form creates one record
def case_action_view(request, pk):
    def save(case, data):
        services.case_action_add(case=case, acting_user=request.user, **data)
        return _("Acción registrada.")
    return _post(request, pk, "action", save)


@login_required
def case_refer_view(request, pk):
    def save(case, data):
        services.case_refer(case=case, acting_user=request.user, **data)
        return _("Referencia registrada; el caso queda referido a autoridades.")
    return _post(request, pk, "refer", save)


@login_required
def case_close_view(request, pk):
    def save(case, data):
        services.case_close(case=case, closed_on=data["closed_on"], summary=data["closing_summary"],
                            acting_user=request.user)
        return _("Caso cerrado.")
    return _post(request, pk, "close", save)


@login_required
def case_follow_merge_view(request, pk):
    """Move the case to the record its child was merged into, or (decision=keep) leave it. Like the
    other POST targets: "not found" for everyone but the officer, whatever the method."""
    case = case_get(user=request.user, pk=pk, log=False)
    if request.method != "POST":
        return redirect("protection_case_detail", pk=case.pk)
    keep = request.POST.get("decision") == "keep"
    try:
        decided = services.case_follow_merge(case=case, acting_user=request.user, keep=keep)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        merge = decided.merge
        messages.success(request, _("El caso queda en el registro #%(id)s.") % {
            "id": merge.duplicate_id if keep else merge.survivor_id})
    return redirect("protection_case_detail", pk=case.pk)
