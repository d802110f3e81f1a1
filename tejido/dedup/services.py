"""The only writers of this app: reject a pair, merge two people, undo a merge, queue a search.

A merge validates everything first (permission, both people live, conflicts the database would
refuse, the surviving record's new values) and runs in one transaction: it is all or nothing.

Rows of confidential models (tejido.common.confidential: protection cases) never move with a merge
nor appear in what it returns or records: they stay on the record merged away until their reader
decides (`follow_merge`); undo takes back what she moved."""

import datetime as dt

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tejido.common.audit import save_with_history
from tejido.common.confidential import is_confidential, may_read
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope, PermissionDenied
from tejido.registry.models import Person
from tejido.registry.services import PERSON_FIELDS, person_soft_delete, person_update
from tejido.reliability.locking import check_version

from .models import ConfidentialMove, DedupRun, DuplicateCandidate, PersonMerge
from .permissions import may_run, require_decide
from .relations import conflicts, person_links
from .selectors import pending_decision

MERGE_FIELDS = list(PERSON_FIELDS)
MERGED_REASON = "fusionado con #%(id)s"
STALE_AFTER = dt.timedelta(hours=2)


def decision_version(candidate: DuplicateCandidate) -> str:
    """What the pair page's forms carry (hidden «version»): when the pair was last decided or its
    merge undone, empty if never. Not the probability, which a new search refreshes."""
    return candidate.reviewed_at.isoformat() if candidate.reviewed_at else ""


def _when(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "d/m/Y H:i") if moment else "—"


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else _("alguien")


def _lock_pending(candidate: DuplicateCandidate, version: str | None) -> DuplicateCandidate:
    """Lock the pair's row (`select_for_update`, first of all locks: pair, then people) and refuse
    unless it is still pending as the officer saw it. Two simultaneous decisions queue on the lock:
    the second reads the first's decision and is refused, nothing changes. `version` None (API): only
    the state is checked."""
    # No select_related: after waiting for the lock PostgreSQL re-reads the locked row only, a joined
    # reviewer would be the one of before the wait.
    current = DuplicateCandidate.objects.select_for_update().get(pk=candidate.pk)
    if current.status != DuplicateCandidate.Status.PENDING:
        raise ApplicationError(_("Este par ya fue decidido por %(who)s el %(when)s (%(status)s); no se cambió "
                                 "nada.") % {"who": _who(current.reviewed_by), "when": _when(current.reviewed_at),
                                             "status": current.get_status_display()}, field="keep")
    if version is not None and version.strip() != decision_version(current):
        raise ApplicationError(_("Este par cambió mientras usted lo revisaba (%(who)s, el %(when)s: %(reason)s); "
                                 "revíselo de nuevo. No se cambió nada.") % {
            "who": _who(current.reviewed_by), "when": _when(current.reviewed_at), "reason": current.reason or "—"},
            field="keep")
    return current


@transaction.atomic
def candidate_reject(*, candidate: DuplicateCandidate, reason: str, acting_user,
                     version: str | None = None, if_match: str | None = None) -> DuplicateCandidate:
    """`version`: the pair page's (decision_version), refused with the message of who decided.
    `if_match`: the API's If-Match (locking.version_of), refused with 409."""
    require_decide(acting_user, candidate.person_a, candidate.person_b)
    if if_match is not None:  # API: a stale If-Match is a 409 (locks the pair's row first)
        check_version(candidate, if_match)
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise ApplicationError(_("Explique por qué no son la misma persona (al menos 5 caracteres)."), field="reason")
    candidate = _lock_pending(candidate, version)
    candidate.status = DuplicateCandidate.Status.REJECTED
    candidate.reason = reason[:300]
    candidate.reviewed_by, candidate.reviewed_at = acting_user, timezone.now()
    candidate.save()
    return candidate


def _json(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _stored(person: Person, name: str):
    return _json(Person._meta.get_field(name).value_from_object(person))


def _restore(person: Person, changes: dict) -> None:
    for name, (old, _new) in changes.items():
        field = Person._meta.get_field(name)
        setattr(person, field.attname, field.to_python(old))


def _move(link, ids, to_id: int, acting_user, reason: str) -> None:
    """Point rows `ids` of `link` at person `to_id`, with a history row where the model keeps one."""
    rows = link.model._base_manager.filter(pk__in=ids)
    if getattr(link.model._meta, "simple_history_manager_attribute", None):
        for row in rows:
            setattr(row, link.field.attname, to_id)
            save_with_history(row, acting_user=acting_user, reason=reason)
    else:
        rows.update(**{link.field.attname: to_id})


@transaction.atomic
def person_merge(*, candidate: DuplicateCandidate, keep: str, take_from_other=(), acting_user,
                 version: str | None = None, if_match: str | None = None) -> PersonMerge:
    """Fold one person of the pair into the other.

    keep: "a" or "b", the record that survives (its number stays).
    take_from_other: fields whose value comes from the record that goes away.
    """
    if keep not in ("a", "b"):
        raise ApplicationError(_("Elija qué registro se conserva."), field="keep")
    survivor, duplicate = ((candidate.person_a, candidate.person_b) if keep == "a"
                           else (candidate.person_b, candidate.person_a))
    require_decide(acting_user, survivor, duplicate)
    if if_match is not None:  # API: a stale If-Match is a 409 (locks the pair's row first)
        check_version(candidate, if_match)
    candidate = _lock_pending(candidate, version)
    survivor = Person.all_objects.select_for_update().get(pk=survivor.pk)
    duplicate = Person.all_objects.select_for_update().get(pk=duplicate.pk)
    if survivor.is_deleted or duplicate.is_deleted:
        raise ApplicationError(_("Uno de los dos registros ya fue eliminado o fusionado."))
    unknown = set(take_from_other) - set(MERGE_FIELDS)
    if unknown:
        raise ApplicationError(_("Campos desconocidos: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
                               field="fields")
    clashes = conflicts(survivor.pk, duplicate.pk)
    if clashes:
        raise ApplicationError(
            _("No se puede fusionar: los dos registros tienen datos que no pueden quedar juntos en una sola persona. "
              "Resuélvalos primero (por ejemplo, dando egreso a una inscripción o quitando a uno del hogar): ")
            + "; ".join(clashes), field="keep", extra={"conflicts": clashes})

    reason = _("Fusión de #%(dup)s en #%(keep)s") % {"dup": duplicate.pk, "keep": survivor.pk}
    changes = {"survivor": {}, "duplicate": {}}
    taken = {name: getattr(duplicate, name) for name in take_from_other
             if _stored(duplicate, name) != _stored(survivor, name)}
    for name in taken:
        changes["survivor"][name] = [_stored(survivor, name), _stored(duplicate, name)]
    if "cui" in taken and duplicate.cui:  # a CUI is unique: free it before the survivor takes it
        changes["duplicate"]["cui"] = [duplicate.cui, None]
        duplicate.cui = None
        save_with_history(duplicate, acting_user=acting_user, reason=reason)
    if taken:
        person_update(person=survivor, acting_user=acting_user, **taken)

    moves = []
    for link in person_links():  # confidential rows stay where they are (follow_merge)
        ids = sorted(link.rows_of(duplicate.pk).values_list("pk", flat=True))
        if ids:
            _move(link, ids, survivor.pk, acting_user, reason)
            moves.append({"model": link.model._meta.label, "field": link.field.name, "ids": ids})
    person_soft_delete(person=duplicate, reason=MERGED_REASON % {"id": survivor.pk}, acting_user=acting_user)

    candidate.status = DuplicateCandidate.Status.CONFIRMED
    candidate.reviewed_by, candidate.reviewed_at = acting_user, timezone.now()
    candidate.save()
    return PersonMerge.objects.create(survivor=survivor, duplicate=duplicate, candidate=candidate,
                                      field_changes=changes, moves=moves, merged_by=acting_user)


@transaction.atomic
def merge_undo(*, merge: PersonMerge, acting_user, if_match: str | None = None) -> PersonMerge:
    """Give every moved row back to the duplicate, restore both records' values and the duplicate."""
    if if_match is not None:  # API: a stale If-Match is a 409
        check_version(merge, if_match)
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.candidate_id:  # the same order of locks as a decision on the pair: pair, then people
        DuplicateCandidate.objects.select_for_update().get(pk=merge.candidate_id)
    survivor = Person.all_objects.select_for_update().get(pk=merge.survivor_id)
    duplicate = Person.all_objects.select_for_update().get(pk=merge.duplicate_id)
    require_decide(acting_user, survivor, duplicate)
    if merge.undone_at:
        raise ApplicationError(_("Esta fusión ya fue deshecha por %(who)s el %(when)s; no se cambió nada.") % {
            "who": _who(merge.undone_by), "when": _when(merge.undone_at)})
    if survivor.is_deleted:
        raise ApplicationError(_("El registro que se conservó fue eliminado o fusionado después; deshaga eso "
                                 "primero."))
    reason = _("Fusión deshecha: #%(dup)s vuelve a separarse de #%(keep)s") % {
        "dup": duplicate.pk, "keep": survivor.pk}
    links = {link.label: link for link in person_links(include_confidential=True)}
    for move in merge.moves:
        link = links.get(f"{move['model']}.{move['field']}")
        if link is None:
            raise ApplicationError(_("La tabla %(model)s ya no existe: no se puede deshacer.") % {
                "model": move["model"]})
        _move(link, move["ids"], duplicate.pk, acting_user, reason)
    # Confidential rows their reader moved after the merge go back too, whoever undoes it; nothing
    # about them reaches the answer. Only those still on the survivor (the reader's own pages are the
    # only other writers).
    for decided in ConfidentialMove.objects.filter(merge=merge, decision=ConfidentialMove.Decision.MOVED):
        link = links.get(f"{decided.model}.{decided.field}")
        if link is None:
            raise ApplicationError(_("Una tabla de la fusión ya no existe: no se puede deshacer."))
        ids = list(link.rows_of(survivor.pk).filter(pk=decided.row_id).values_list("pk", flat=True))
        if ids:
            _move(link, ids, duplicate.pk, acting_user, reason)
    _restore(survivor, merge.field_changes.get("survivor", {}))
    survivor.refresh_derived()
    save_with_history(survivor, acting_user=acting_user, reason=reason)
    _restore(duplicate, merge.field_changes.get("duplicate", {}))
    duplicate.deleted_at, duplicate.deleted_by, duplicate.deletion_reason = None, None, ""
    duplicate.refresh_derived()
    save_with_history(duplicate, acting_user=acting_user, reason=reason)

    merge.undone_at, merge.undone_by = timezone.now(), acting_user
    merge.save()
    if merge.candidate_id:
        DuplicateCandidate.objects.filter(pk=merge.candidate_id).update(
            status=DuplicateCandidate.Status.PENDING, reviewed_by=acting_user, reviewed_at=timezone.now(),
            reason=_("Fusión deshecha"))
    return merge


@transaction.atomic
def follow_merge(*, row, acting_user, keep: bool = False) -> ConfidentialMove:
    """The reader of a confidential model decides about one of its rows left on a record merged away:
    move it to the survivor, or (`keep`) leave it where it is. Either way it stops being pending and
    the decision is recorded apart from the merge (ConfidentialMove); a moved row gets a history
    row and returns with an undo of the merge. Anyone else: "not found", nothing changes."""
    model = type(row)
    if not is_confidential(model) or not may_read(acting_user, model):
        raise NotFoundOrOutOfScope()
    pending = pending_decision(model._base_manager.get(pk=row.pk))  # as stored, not as the caller loaded it
    if pending is None:
        raise ApplicationError(_("Este registro ya no está en un registro fusionado pendiente de decisión; no se "
                                 "cambió nada."))
    # The order of locks of an undo: the merge, then the rows.
    merge = PersonMerge.objects.select_for_update().get(pk=pending.merge.pk)
    current = model._base_manager.select_for_update().get(pk=row.pk)
    link = pending.link
    decided = ConfidentialMove.objects.filter(merge=merge, model=model._meta.label, field=link.field.name,
                                              row_id=row.pk)
    if merge.undone_at or getattr(current, link.field.attname) != merge.duplicate_id or decided.exists():
        raise ApplicationError(_("La fusión cambió mientras usted lo revisaba; revíselo de nuevo. No se cambió "
                                 "nada."))
    if not keep:
        clashes = conflicts(merge.survivor_id, merge.duplicate_id, links=[link], only_ids=[row.pk])
        if clashes:
            raise ApplicationError(_("No se puede mover: ") + "; ".join(clashes), extra={"conflicts": clashes})
        _move(link, [row.pk], merge.survivor_id, acting_user,
              _("Fusión #%(merge)s: movido del registro #%(dup)s al #%(keep)s") % {
                  "merge": merge.pk, "dup": merge.duplicate_id, "keep": merge.survivor_id})
    return ConfidentialMove.objects.create(
        merge=merge, model=model._meta.label, field=link.field.name, row_id=row.pk, decided_by=acting_user,
        decision=ConfidentialMove.Decision.KEPT if keep else ConfidentialMove.Decision.MOVED)


def run_start(*, acting_user, department=None, threshold=None) -> DedupRun:
    """Queue a search (central staff and administrators) and start it in the background."""
    from . import jobs
    from .linkage import DEFAULT_THRESHOLD

    if not may_run(acting_user):
        raise PermissionDenied(_("Solo el personal central puede buscar duplicados en el registro."))
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.5 <= threshold < 1:
        raise ApplicationError(_("La probabilidad mínima debe estar entre 0,5 y 0,99."), field="threshold")
    # A run that died with its process would block forever: one older than STALE_AFTER no longer counts.
    recent = DedupRun.objects.filter(created_at__gte=timezone.now() - STALE_AFTER)
    if recent.filter(status__in=[DedupRun.Status.QUEUED, DedupRun.Status.RUNNING]).exists():
        raise ApplicationError(_("Ya hay una búsqueda en curso; espere a que termine."))
    run = DedupRun.objects.create(started_by=acting_user, department=department, threshold=threshold)
    jobs.start(run)
    return run
