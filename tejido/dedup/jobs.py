"""Background searches on the shared job runner (tejido/reliability/jobs.py), like report builds:
`enqueue("dedup", run.pk)` starts `manage.py run_jobs --job <id>` after the commit (or the
`tejido-jobs` worker takes it), with heartbeat, recovery of a killed process and retries
(DEDUP_JOB_RUNNER = "process", the default). "inline" runs it in the calling thread (tests)."""

from django.conf import settings

from tejido.reliability.jobs import enqueue

from .models import DedupRun


def start(run: DedupRun) -> None:
    if getattr(settings, "DEDUP_JOB_RUNNER", "process") == "inline":
        from .pipeline import run_dedup

        run_dedup(run)
        run.refresh_from_db()
    else:
        enqueue("dedup", run.pk)


def job_run(run_id: int) -> None:
    """What the job runner executes. A lost database connection is raised so the runner retries (a
    retried search starts over; storing candidates is idempotent); any other error fails the run
    without a retry (it would fail again), as for reports."""
    from .pipeline import run_dedup

    run_dedup(DedupRun.objects.get(pk=run_id), raise_transient=True)


def give_up(run_id: int, message: str) -> None:
    DedupRun.objects.filter(pk=run_id).exclude(status=DedupRun.Status.DONE).update(
        status=DedupRun.Status.FAILED, error=message[:300])
