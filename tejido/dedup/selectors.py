"""Scoped reads of duplicate pairs and merges. A pair is visible only when *both* people are
visible to the user (registry scope); one person outside scope hides the whole pair, and an id
outside scope answers like a missing one."""

from django.db.models import QuerySet

from tejido.common.audit import log_view
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.registry.models import Person
from tejido.registry.selectors import PERSON_SCOPE
from tejido.territory.scope import restrict, scope_of

from .models import DedupRun, DuplicateCandidate, PersonMerge
from .relations import person_links


def visible_people(user) -> QuerySet:
    """Every person the user may see, live or merged away (a merge's duplicate is soft-deleted)."""
    return restrict(Person.all_objects.all(), user, **PERSON_SCOPE)


def _both_visible(qs: QuerySet, user, a: str, b: str) -> QuerySet:
    scope = scope_of(user)
    if not scope.sees_personal_data:
        return qs.none()
    if scope.national:
        return qs
    people = visible_people(user).values("pk")
    return qs.filter(**{f"{a}__in": people}).filter(**{f"{b}__in": people})


def _get(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFoundOrOutOfScope() from None


def candidate_list(*, user, status: str = DuplicateCandidate.Status.PENDING) -> QuerySet:
    qs = DuplicateCandidate.objects.select_related("person_a__municipality", "person_b__municipality",
                                                  "reviewed_by")
    if status:
        qs = qs.filter(status=status)
    return _both_visible(qs, user, "person_a", "person_b")


def candidate_get(*, user, pk, log: bool = True) -> DuplicateCandidate:
    qs = DuplicateCandidate.objects.select_related(
        "person_a__municipality__department", "person_b__municipality__department", "person_a__registered_center",
        "person_b__registered_center", "person_a__place", "person_b__place", "reviewed_by")
    candidate = _get(_both_visible(qs, user, "person_a", "person_b"), pk)
    if log:
        log_view(user, candidate.person_a)
        log_view(user, candidate.person_b)
    return candidate


def merge_list(*, user) -> QuerySet:
    qs = PersonMerge.objects.select_related("survivor", "duplicate", "merged_by", "undone_by")
    return _both_visible(qs, user, "survivor", "duplicate")


def merge_get(*, user, pk, log: bool = True) -> PersonMerge:
    qs = PersonMerge.objects.select_related("survivor", "duplicate", "merged_by", "undone_by", "candidate")
    merge = _get(_both_visible(qs, user, "survivor", "duplicate"), pk)
    if log:
        log_view(user, merge.survivor)
        log_view(user, merge.duplicate)
    return merge


def related_counts(person: Person) -> list[tuple[str, int]]:
    """How many live rows of each kind point at the person (enrolments, services, households...)."""
    counts = []
    for link in person_links():
        rows = link.rows_of(person.pk)
        if hasattr(link.model, "deleted_at"):
            rows = rows.filter(deleted_at__isnull=True)
        number = rows.count()
        if number:
            counts.append((_kind_name(link), number))
    return counts


def _kind_name(link) -> str:
    """An automatic many-to-many table (event participants) is named after its other side."""
    if link.model._meta.auto_created:
        for field in link.model._meta.concrete_fields:
            if field.is_relation and field is not link.field:
                return str(field.related_model._meta.verbose_name_plural)
    return str(link.model._meta.verbose_name_plural)


def latest_runs(limit: int = 5) -> list[DedupRun]:
    return list(DedupRun.objects.select_related("started_by", "department")[:limit])
