"""Scoped reads of duplicate pairs and merges. A pair is visible only when *both* people are
visible to the user (registry scope); one person outside scope hides the whole pair, and an id
outside scope answers like a missing one. Rows of confidential models (tejido.common.confidential)
are counted and listed only for the users each model names as its readers."""

from dataclasses import dataclass

from django.db.models import QuerySet

from tejido.common.audit import log_view
from tejido.common.confidential import is_confidential, may_read
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.registry.models import Person
from tejido.registry.selectors import PERSON_SCOPE
from tejido.territory.scope import restrict, scope_of

from .models import ConfidentialMove, DedupRun, DuplicateCandidate, PersonMerge
from .relations import Link, links_for, person_links


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


def related_counts(person: Person, *, user) -> list[tuple[str, int]]:
    """How many live rows of each kind point at the person (enrolments, services, households...),
    of the kinds `user` may know about (a protection case only for the protection officer)."""
    counts = []
    for link in links_for(user):
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


def _readable(model_label: str, user) -> bool:
    from django.apps import apps

    try:
        return may_read(user, apps.get_model(model_label))
    except LookupError:
        return False


def confidential_decisions(merge: PersonMerge, user) -> list[ConfidentialMove]:
    """What the readers decided about confidential rows left by the merge: only those `user` reads."""
    return [decided for decided in ConfidentialMove.objects.filter(merge=merge).select_related("decided_by")
            if _readable(decided.model, user)]


def merge_moves(merge: PersonMerge, user) -> list[dict]:
    """The merge's moved rows as `user` may read them: the merge's own `moves` (never confidential),
    then the confidential rows moved afterwards by their reader, when `user` is one."""
    groups = {}
    for decided in confidential_decisions(merge, user):
        if decided.decision == ConfidentialMove.Decision.MOVED:
            groups.setdefault((decided.model, decided.field), []).append(decided.row_id)
    return list(merge.moves) + [{"model": model, "field": field, "ids": sorted(ids)}
                                for (model, field), ids in sorted(groups.items())]


@dataclass(frozen=True)
class Pending:
    """A confidential row still on a record merged away, waiting for its reader's decision."""

    row: object
    link: Link
    merge: PersonMerge


def _confidential_links(model) -> list[Link]:
    return [link for link in person_links(include_confidential=True) if link.model is model]


def pending_decision(row) -> Pending | None:
    """The merge (not undone) that folded away the person this confidential row points at, if its
    reader has not decided about the row yet."""
    model = type(row)
    if not is_confidential(model):
        return None
    for link in _confidential_links(model):
        person_id = getattr(row, link.field.attname)
        merge = PersonMerge.objects.filter(duplicate_id=person_id, undone_at__isnull=True).first()
        if merge is not None and not ConfidentialMove.objects.filter(
                merge=merge, model=model._meta.label, field=link.field.name, row_id=row.pk).exists():
            return Pending(row, link, merge)
    return None


def pending_decisions(*, user, model) -> list[Pending]:
    """Every live row of confidential `model` waiting for a decision (empty for anyone but its readers)."""
    if not is_confidential(model) or not may_read(user, model):
        return []
    live = PersonMerge.objects.filter(undone_at__isnull=True)
    found = []
    for link in _confidential_links(model):
        rows = list(model._default_manager.filter(**{f"{link.field.attname}__in": live.values("duplicate_id")})
                    .order_by("pk"))
        merges = {merge.duplicate_id: merge for merge in
                  live.filter(duplicate_id__in={getattr(row, link.field.attname) for row in rows})}
        decided = set(ConfidentialMove.objects.filter(merge__in=list(merges.values()), model=model._meta.label,
                                                      field=link.field.name).values_list("merge_id", "row_id"))
        for row in rows:
            merge = merges.get(getattr(row, link.field.attname))  # None: undone between the two reads
            if merge is not None and (merge.pk, row.pk) not in decided:
                found.append(Pending(row, link, merge))
    return found


def latest_runs(limit: int = 5) -> list[DedupRun]:
    return list(DedupRun.objects.select_related("started_by", "department")[:limit])
