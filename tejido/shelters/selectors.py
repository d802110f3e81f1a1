"""Scoped reads of shelters. A shelter belongs to the department where it runs; center
clerks see the shelters of their centers. Shelters themselves are not personal data (anyone
in scope counts them); the people sheltered are, and go through `personal=True`."""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from tejido.common.query import filter_given
from tejido.territory.scope import get_for_user, require_personal_data, restrict, scope_of

from .models import Shelter, ShelterFamily, Stay
from .services import present_on

SHELTER_SCOPE = {"department": "department_id", "center": "center_id"}


def open_on(day: dt.date) -> Q:
    return Q(opened_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gte=day))


def shelters_in_scope(user) -> QuerySet:
    return restrict(Shelter.objects.all(), user, **SHELTER_SCOPE)


def with_occupancy(qs: QuerySet, day: dt.date) -> QuerySet:
    """Persons and families present on `day`, one query."""
    here = present_on(day, "stays__")
    return qs.annotate(present=Count("stays", filter=here, distinct=True),
                       families_present=Count("stays__family", filter=here, distinct=True))


def shelter_list(*, user, status: str = "", event: str = "", start=None, end=None, department_id=None,
                 day: dt.date | None = None) -> QuerySet:
    """status: "abierto" | "cerrado" | "" (all). A period keeps shelters that ran in it."""
    day = day or timezone.localdate()
    qs = shelters_in_scope(user).select_related("municipality__department", "center")
    qs = filter_given(qs, event=event, department_id=department_id)
    if status == "abierto":
        qs = qs.filter(closed_on__isnull=True)
    elif status == "cerrado":
        qs = qs.filter(closed_on__isnull=False)
    if end is not None:
        qs = qs.filter(opened_on__lte=end)
    if start is not None:
        qs = qs.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    return with_occupancy(qs, day).order_by("closed_on", "-opened_on", "-id")


def shelter_get(*, user, pk) -> Shelter:
    return get_for_user(Shelter.objects.select_related("municipality__department", "center", "department"), pk,
                        user, **SHELTER_SCOPE)


def families_of(*, user, shelter: Shelter) -> list[ShelterFamily]:
    """The families and their members (names): personal data, caller logs the access."""
    require_personal_data(user)
    stays = Stay.objects.select_related("person").order_by("position", "id")
    return list(ShelterFamily.objects.filter(shelter=shelter).prefetch_related(Prefetch("stays", queryset=stays))
                .order_by("check_in", "id"))


def stays_of(*, shelter: Shelter, ids) -> list[Stay]:
    return list(Stay.objects.filter(shelter=shelter, pk__in=list(ids)))


def may_write(user, shelter: Shelter) -> bool:
    """Writers of the shelter's department, or clerks of its center; national writers anywhere."""
    scope = scope_of(user)
    return scope.can_write and (scope.national or shelter.department_id in scope.department_ids
                                or (shelter.center_id is not None and shelter.center_id in scope.center_ids))
