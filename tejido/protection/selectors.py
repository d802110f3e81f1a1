"""Reads of protection cases. Every entry point checks the role first; refusals are logged
as denied access, listings as searches and openings as views (who *looked* at a case)."""

from django.db.models import QuerySet

from tejido.common.audit import log_access, log_view
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.common.models import AccessEvent

from .access import require_protection_officer
from .models import CaseAction, CaseStatus, ProtectionCase

MODEL = ProtectionCase._meta.label


def guard(user, *, object_id="") -> None:
    """require_protection_officer, leaving a trace of who tried."""
    try:
        require_protection_officer(user)
    except NotFoundOrOutOfScope:
        log_access(user, AccessEvent.Action.DENIED, model=MODEL, object_id=object_id)
        raise


def case_list(*, user, status: str = "", log: bool = True) -> QuerySet:
    guard(user)
    qs = ProtectionCase.objects.select_related("child", "center", "department")
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    if log:
        log_access(user, AccessEvent.Action.SEARCH, model=MODEL, status=status)
    return qs


def case_get(*, user, pk, log: bool = True) -> ProtectionCase:
    guard(user, object_id=pk)
    try:
        case = ProtectionCase.objects.select_related("child__municipality", "center__municipality",
                                                     "department").get(pk=pk)
    except (ProtectionCase.DoesNotExist, ValueError, TypeError):
        raise NotFoundOrOutOfScope() from None
    if log:
        log_view(user, case)
    return case


def cases_to_move(*, user) -> list:
    """Cases whose child was merged into another record by the duplicate review: a merge leaves
    the case where it is (nobody else may learn it exists); the officer decides whether it follows
    (services.case_follow_merge). Items have `.row` (the case) and `.merge` (dedup.PersonMerge)."""
    from tejido.dedup.selectors import pending_decisions

    guard(user)
    return pending_decisions(user=user, model=ProtectionCase)


def case_merge_pending(case: ProtectionCase):
    """The merge waiting for the officer's decision about this case, or None (callers passed case_get)."""
    from tejido.dedup.selectors import pending_decision

    return pending_decision(case)


def case_actions(case: ProtectionCase) -> QuerySet:
    """The timeline, oldest first (callers already passed case_get)."""
    return CaseAction.objects.filter(case=case).order_by("date", "id")
