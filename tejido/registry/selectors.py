"""Scoped reads of people and households. Search ignores accents and case, matches partial
names and either surname, and finds a CUI."""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from tejido.common.audit import log_view
from tejido.common.paging import PAGE_SIZE, WindowPage, capped_count
from tejido.common.query import filter_given
from tejido.common.text import search_tokens
from tejido.territory.scope import get_for_user, restrict

from .cui import clean_cui
from .models import Household, HouseholdMember, Person


def _served_in_scope(scope):
    """People enrolled at a center inside the scope who live (or were registered) elsewhere.

    Residents are already admitted by the plain scope filter, so only the few who cross a
    border are listed, as literal ids: an OR with a subquery would stop PostgreSQL from using
    the department and search indexes at a million people."""
    from tejido.programs.models import Enrolment

    if scope.department_ids:
        # lives_elsewhere: outside the center's department (a small partial index). A person
        # living in another department of the same scope is listed too: harmless, already in.
        served = Enrolment.objects.filter(department_id__in=scope.department_ids, lives_elsewhere=True)
    else:
        served = (Enrolment.objects.filter(center_id__in=scope.center_ids)
                  .exclude(person__registered_center_id__in=scope.center_ids))
    # order_by(): without it the model's ordering joins the DISTINCT and forces a sort.
    ids = list(served.order_by().values_list("person_id", flat=True).distinct())
    return Q(pk__in=ids) if ids else Q(pk__in=[])


def _served_in_scope_by_row(scope):
    """The same rule for one record at a time (opening a person): an EXISTS on that person's own
    enrolments, instead of listing everyone who crosses a border (a query per page view)."""
    from tejido.programs.models import Enrolment

    if scope.department_ids:
        served = Enrolment.objects.filter(department_id__in=scope.department_ids)
    else:
        served = Enrolment.objects.filter(center_id__in=scope.center_ids)
    return Q(Exists(served.filter(person_id=OuterRef("pk"))))


PERSON_SCOPE = {"department": "department_id", "center": "registered_center_id", "personal": True,
                "served_via": _served_in_scope}
PERSON_RECORD_SCOPE = {**PERSON_SCOPE, "served_via": _served_in_scope_by_row}
HOUSEHOLD_SCOPE = {"department": "department_id", "center": None, "personal": True}


def person_list(*, user, q: str = "", department_id=None, municipality_id=None, sex: str = "", pueblo: str = "",
                include_deleted: bool = False) -> QuerySet:
    base = Person.all_objects if include_deleted else Person.objects
    qs = restrict(base.select_related("municipality", "department"), user, **PERSON_SCOPE)
    return filter_given(filter_by_text(qs, q), department_id=department_id, municipality_id=municipality_id,
                        sex=sex, pueblo=pueblo)


def filter_by_text(qs: QuerySet, q: str) -> QuerySet:
    """Every word must appear somewhere in the normalised name; digits also match the CUI."""
    digits = clean_cui(q)
    if digits.isdigit() and len(digits) >= 4:
        return qs.filter(cui__startswith=digits)
    for token in search_tokens(q):
        qs = qs.filter(search_name__contains=token)
    return qs


def person_get(*, user, pk, log: bool = True) -> Person:
    person = get_for_user(Person.objects.select_related("municipality__department", "place", "registered_center"),
                          pk, user, **PERSON_RECORD_SCOPE)
    if log:
        log_view(user, person)
    return person


def openable_person_ids(user, ids) -> set[int]:
    """Which of these people `user` may open. A page of a service in scope (a fair in Zacapa)
    names everyone it served, some registered elsewhere: those are shown without a link, so the
    page never offers one that answers 404."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return set()
    return set(restrict(Person.objects.filter(pk__in=ids), user, **PERSON_RECORD_SCOPE).values_list("pk", flat=True))


def person_households(person: Person) -> QuerySet:
    return HouseholdMember.objects.filter(person=person).select_related("household__municipality")


def household_list(*, user, q: str = "", department_id=None, municipality_id=None, kind: str = "") -> QuerySet:
    qs = restrict(Household.objects.select_related("municipality", "department"), user, **HOUSEHOLD_SCOPE)
    return filter_given(qs, name__icontains=q, department_id=department_id, municipality_id=municipality_id,
                        kind=kind)


def household_get(*, user, pk, log: bool = True) -> Household:
    members = HouseholdMember.objects.select_related("person").order_by("relationship", "person__birth_date")
    household = get_for_user(
        Household.objects.select_related("municipality__department", "place").prefetch_related(
            Prefetch("memberships", queryset=members)
        ),
        pk, user, **HOUSEHOLD_SCOPE,
    )
    if log:
        log_view(user, household)
    return household


# The list order, spelled so that no index can supply it (the columns are NOT NULL, so
# NULLS FIRST changes nothing but the plan): used to sort a small set of matches.
_SORT_MATCHES = [F(name).asc(nulls_first=True) for name in Person._meta.ordering]


# A person list counts its matches up to here and then says "más de 1.000": counting the ten
# thousand "López" of a department cost ten times more than the page (bench/search.py).
PERSON_COUNT_CAP = 1_000


def person_page(qs: QuerySet, *, searching: bool, number: int = 1, size: int = PAGE_SIZE):
    """One page of a person list, read the fast way at a million rows (bench/README.md):

    - a search with few matches: sort the matches (the trigram index finds them) rather than
      walk the name index hoping to meet them early;
    - otherwise: walk the covering name index for the page's ids only, then load those rows.
    Returns (page, total, capped)."""
    total, capped = capped_count(qs, PERSON_COUNT_CAP)
    if searching and not capped:
        return WindowPage(qs.order_by(*_SORT_MATCHES), number, size), total, capped
    page = WindowPage(qs.values_list("pk", flat=True), number, size)
    page.object_list = list(qs.filter(pk__in=page.object_list))
    return page, total, capped
