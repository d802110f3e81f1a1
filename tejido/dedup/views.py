"""Review queue (/duplicados/): pairs within the user's scope, a pair side by side with merge and
reject, merges with undo, and the background search for central staff. Every page that shows
people is logged as personal-data access."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError
from tejido.common.models import AccessEvent
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import require_personal_data
from tejido.web.forms import apply_error

from . import services
from .comparison import rows
from .forms import RejectForm, RunForm
from .models import DuplicateCandidate
from .permissions import may_decide, may_run
from .selectors import (
    candidate_get,
    candidate_list,
    confidential_decisions,
    latest_runs,
    merge_get,
    merge_list,
    merge_moves,
    related_counts,
)

PAGE = 50


def _log_list(user, model: str, ids) -> None:
    log_access(user, AccessEvent.Action.VIEW, model=model, ids=list(ids))


@login_required
def queue(request):
    require_personal_data(request.user)
    status = request.GET.get("estado", DuplicateCandidate.Status.PENDING)
    status = status if status in DuplicateCandidate.Status.values else DuplicateCandidate.Status.PENDING
    page = Paginator(candidate_list(user=request.user, status=status), PAGE).get_page(request.GET.get("pagina"))
    _log_list(request.user, "dedup.DuplicateCandidate", (c.pk for c in page.object_list))
    return render(request, "dedup/queue.html", {
        "page": page, "status": status, "statuses": DuplicateCandidate.Status.choices,
        "can_run": may_run(request.user), "runs": latest_runs() if may_run(request.user) else [],
        "run_form": RunForm()})


def _pair_page(request, candidate, *, reject_form=None, merge_error: str = ""):
    a, b = candidate.person_a, candidate.person_b
    return render(request, "dedup/pair.html", {
        "candidate": candidate, "a": a, "b": b, "rows": rows(a, b),
        "counts_a": related_counts(a, user=request.user), "counts_b": related_counts(b, user=request.user),
        "can_decide": candidate.status == DuplicateCandidate.Status.PENDING and may_decide(request.user, a, b),
        "reject_form": reject_form or RejectForm(), "merge_error": merge_error,
        "version": request.POST.get("version", services.decision_version(candidate)) if reject_form
        else services.decision_version(candidate)})


@login_required
def pair(request, pk):
    require_personal_data(request.user)
    return _pair_page(request, candidate_get(user=request.user, pk=pk))


@login_required
@require_POST
def merge(request, pk):
    candidate = candidate_get(user=request.user, pk=pk, log=False)
    keep = request.POST.get("keep", "")
    take = [name for name in services.MERGE_FIELDS
            if request.POST.get(f"campo_{name}") in ("a", "b") and request.POST[f"campo_{name}"] != keep]
    try:
        done = services.person_merge(candidate=candidate, keep=keep, take_from_other=take, acting_user=request.user,
                                     version=request.POST.get("version"))
    except ApplicationError as error:
        return _pair_page(request, candidate_get(user=request.user, pk=pk, log=False), merge_error=error.message)
    messages.success(request, _("Registros fusionados: se conserva #%(id)s con %(n)s datos movidos.") % {
        "id": done.survivor_id, "n": done.moved_count})
    return redirect("dedup_merge", pk=done.pk)


@login_required
@require_POST
def reject(request, pk):
    candidate = candidate_get(user=request.user, pk=pk, log=False)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.candidate_reject(candidate=candidate, reason=form.cleaned_data["reason"],
                                      acting_user=request.user, version=request.POST.get("version"))
        except ApplicationError as error:
            if error.field != "keep":
                apply_error(form, error)
            else:  # decided meanwhile by someone else: the page shows it as it is now
                return _pair_page(request, candidate_get(user=request.user, pk=pk, log=False),
                                  merge_error=error.message)
        else:
            messages.success(request, _("Marcado como personas distintas; no volverá a proponerse."))
            return redirect("dedup_queue")
    return _pair_page(request, candidate, reject_form=form)


@login_required
def merges(request):
    require_personal_data(request.user)
    page = Paginator(merge_list(user=request.user), PAGE).get_page(request.GET.get("pagina"))
    _log_list(request.user, "dedup.PersonMerge", (m.pk for m in page.object_list))
    return render(request, "dedup/merges.html", {"page": page})


@login_required
def merge_detail(request, pk):
    require_personal_data(request.user)
    done = merge_get(user=request.user, pk=pk)
    return render(request, "dedup/merge.html", {
        "merge": done, "moves": merge_moves(done, request.user),
        "decisions": confidential_decisions(done, request.user),
        "can_undo": not done.undone_at and not done.survivor.is_deleted
        and may_decide(request.user, done.survivor, done.duplicate)})


@login_required
@require_POST
def undo(request, pk):
    done = merge_get(user=request.user, pk=pk, log=False)
    services.merge_undo(merge=done, acting_user=request.user)  # refusals become a page message
    messages.success(request, _("Fusión deshecha: #%(id)s vuelve a ser un registro propio.") % {
        "id": done.duplicate_id})
    return redirect("dedup_merge", pk=pk)


@login_required
@require_POST
@once_per_token  # a double-submitted form creates one record
def run(request):
    form = RunForm(request.POST)
    if form.is_valid():
        try:
            started = services.run_start(acting_user=request.user, department=form.cleaned_data["department"],
                                         threshold=form.cleaned_data["threshold"])
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Búsqueda #%(id)s iniciada; los pares aparecerán en esta lista.") % {
                "id": started.pk})
    else:
        messages.error(request, _("Revise la probabilidad mínima (entre 0,5 y 0,99)."))
    return redirect("dedup_queue")
