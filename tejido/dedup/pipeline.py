"""A full run: export people, score pairs with Splink, store candidates for review.

Re-running refreshes the probability of pending pairs and adds new ones; a pair an officer
rejected or merged is never re-opened."""

import time

from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .export import export_people
from .linkage import DEFAULT_THRESHOLD, connect, find_pairs
from .models import DedupRun, DuplicateCandidate


def store_candidates(pairs, *, run: DedupRun | None = None) -> int:
    """Insert new pairs, refresh pending ones; returns how many were new."""
    known = {}
    ids = {a for a, _b, _p, _m in pairs}
    for chunk in _chunks(sorted(ids), 5000):
        for pk, a, b, status in DuplicateCandidate.objects.filter(person_a_id__in=chunk).values_list(
                "pk", "person_a_id", "person_b_id", "status"):
            known[(a, b)] = (pk, status)
    new, refresh = [], []
    for a, b, probability, matched_on in pairs:
        if (a, b) not in known:
            new.append(DuplicateCandidate(person_a_id=a, person_b_id=b, probability=probability,
                                          matched_on=matched_on, run=run))
        elif known[(a, b)][1] == DuplicateCandidate.Status.PENDING:
            refresh.append(DuplicateCandidate(pk=known[(a, b)][0], probability=probability, matched_on=matched_on,
                                              run=run))
    with transaction.atomic():
        DuplicateCandidate.objects.bulk_create(new, batch_size=2000)
        DuplicateCandidate.objects.bulk_update(refresh, ["probability", "matched_on", "run"], batch_size=2000)
    return len(new)


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def run_dedup(run: DedupRun, *, threads: int = 2, raise_transient: bool = False) -> DedupRun:
    """Execute `run` (already saved): the command and the background job both call this.
    `raise_transient`: a lost database connection is raised for the job runner to retry."""
    started = time.monotonic()
    DedupRun.objects.filter(pk=run.pk).update(status=DedupRun.Status.RUNNING)
    try:
        con = connect(threads=threads)
        run.people = export_people(con, department_id=run.department_id)
        result = find_pairs(con, threshold=run.threshold)
        run.pairs_found = len(result.pairs)
        run.pairs_new = store_candidates(result.pairs, run=run)
        run.status = DedupRun.Status.DONE
    except OperationalError:
        if raise_transient:
            DedupRun.objects.filter(pk=run.pk).update(status=DedupRun.Status.QUEUED)
            raise
        run.status, run.error = DedupRun.Status.FAILED, _("Se perdió la conexión con la base de datos.")
    except Exception as error:  # noqa: BLE001 — the run records why it failed; the page shows it
        run.status, run.error = DedupRun.Status.FAILED, str(error)[:300]
    run.seconds = time.monotonic() - started
    run.finished_at = timezone.now()
    run.save()
    return run


def new_run(*, user=None, department=None, threshold: float = DEFAULT_THRESHOLD) -> DedupRun:
    return DedupRun.objects.create(started_by=user, department=department, threshold=threshold)
