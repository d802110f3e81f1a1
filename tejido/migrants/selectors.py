"""Scoped reads of receptions. Officers of the reception center's department see what was
received there; officers of the destination department also see the families destined to
them (they follow them up). Planners see counts only (figures.py)."""

from django.db.models import Prefetch, Q, QuerySet

from tejido.common.audit import log_view
from tejido.common.query import filter_given
from tejido.common.text import search_tokens
from tejido.programs.referrals import referral_list
from tejido.territory.scope import get_for_user, restrict

from .models import Reception, ReceptionMember
from .services import ORIGIN_PROGRAM, SOURCE_PREFIX


def _destined_to_scope(scope) -> Q:
    if scope.department_ids:
        return Q(destination_department_id__in=scope.department_ids)
    return Q(pk__in=[])


# Without `personal`: for counts. Lists and records add personal=True.
RECEPTION_SCOPE = {"department": "department_id", "center": "center_id", "served_via": _destined_to_scope}


def receptions_in_scope(user, *, personal: bool) -> QuerySet:
    return restrict(Reception.objects.all(), user, personal=personal, **RECEPTION_SCOPE)


def _with_members(qs: QuerySet) -> QuerySet:
    members = ReceptionMember.objects.select_related("person").order_by("position", "id")
    return qs.select_related("center", "destination_municipality__department").prefetch_related(
        Prefetch("members", queryset=members), "care", "vulnerabilities")


def reception_list(*, user, start=None, end=None, center_id=None, destination_department_id=None,
                   q: str = "") -> QuerySet:
    qs = _with_members(receptions_in_scope(user, personal=True))
    qs = filter_given(qs, date__gte=start, date__lte=end, center_id=center_id,
                      destination_department_id=destination_department_id)
    for token in search_tokens(q):
        qs = qs.filter(members__person__search_name__contains=token)
    return qs.distinct() if q else qs


def reception_get(*, user, pk, log: bool = True) -> Reception:
    reception = get_for_user(_with_members(Reception.objects.all()), pk, user, personal=True, **RECEPTION_SCOPE)
    if log:
        log_view(user, reception)
    return reception


def migrant_referrals(*, user, status: str = "", start=None, end=None, reception_id=None) -> QuerySet:
    """Referrals made from receptions (scoped by the department where they are followed up)."""
    qs = referral_list(user=user, origin_program=ORIGIN_PROGRAM, status=status, start=start, end=end,
                       source_prefix=SOURCE_PREFIX)
    if reception_id is not None:
        qs = qs.filter(source=f"{SOURCE_PREFIX}{reception_id}")
    return qs


def reception_id_of(referral) -> int | None:
    tail = referral.source[len(SOURCE_PREFIX):] if referral.source.startswith(SOURCE_PREFIX) else ""
    return int(tail) if tail.isdigit() else None
