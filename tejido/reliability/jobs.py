"""The job runner shared by report builds and imports (docs/reliability.md).

`enqueue` records a Job and, after the commit, starts `manage.py run_jobs --job <id>` at once
(unless JOBS_SPAWN is False because a `run_jobs` worker is deployed). Whoever runs a job first
claims it with a conditional UPDATE, so two processes never run the same job. While it runs, a
thread renews its heartbeat; a running job whose heartbeat is stale, or whose process on this
host is gone, is re-queued with backoff and retried up to `max_attempts` times."""

import datetime as dt
import os
import socket
import subprocess
import sys
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.backends.signals import connection_created
from django.db.models import F
from django.utils import timezone

from .kinds import KINDS, gave_up_message
from .models import Job

HOST = socket.gethostname()


def _setting(name: str, default):
    return getattr(settings, name, default)


def worker_id() -> str:
    return f"{HOST}:{os.getpid()}"


def enqueue(kind: str, target_id: int, *, spawn: bool | None = None) -> Job:
    if kind not in KINDS:
        raise ValueError(kind)
    job = Job.objects.create(kind=kind, target_id=target_id, run_after=timezone.now(),
                             max_attempts=_setting("JOBS_MAX_ATTEMPTS", 3))
    if _setting("JOBS_SPAWN", True) if spawn is None else spawn:
        transaction.on_commit(lambda: spawn_process(job.pk))
    return job


def spawn_process(job_id: int) -> subprocess.Popen:
    manage = os.path.join(settings.BASE_DIR, "manage.py")
    return subprocess.Popen([sys.executable, manage, "run_jobs", "--job", str(job_id)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())


def claim(job_id: int) -> bool:
    """Atomic on every database: only one process sees its UPDATE match the queued row."""
    return bool(Job.objects.filter(pk=job_id, status=Job.Status.QUEUED, run_after__lte=timezone.now()).update(
        status=Job.Status.RUNNING, attempts=F("attempts") + 1, heartbeat_at=timezone.now(), worker=worker_id()))


def claim_next() -> Job | None:
    with transaction.atomic():
        due = Job.objects.filter(status=Job.Status.QUEUED, run_after__lte=timezone.now()).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)  # PostgreSQL: workers skip each other's rows
        for job_id in due.values_list("pk", flat=True)[:10]:
            if claim(job_id):
                return Job.objects.get(pk=job_id)
    return None


class Heartbeat(threading.Thread):
    """Renews the job's heartbeat from its own connection while the main thread works."""

    def __init__(self, job_id: int, every: float):
        super().__init__(daemon=True)
        self.job_id, self.every, self.stopped = job_id, every, threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.beat()
                except Exception:  # noqa: BLE001 — a busy or restarting database: try again next beat
                    close_old_connections()
        finally:
            connection.close()

    def beat(self) -> None:
        """One renewal; imports run from the command line renew their batch instead (imports/services.py)."""
        Job.objects.filter(pk=self.job_id, worker=worker_id()).update(heartbeat_at=timezone.now())


def run_claimed(job: Job) -> Job:
    beat = Heartbeat(job.pk, _setting("JOBS_HEARTBEAT_SECONDS", 10))
    beat.start()
    try:
        KINDS[job.kind][0](job.target_id)
    except Exception as error:  # noqa: BLE001 — recorded on the job and retried with backoff
        close_old_connections()
        return _failed(job, str(error) or error.__class__.__name__)
    finally:
        beat.stopped.set()
        beat.join()
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, finished_at=timezone.now(), error="")
    return Job.objects.get(pk=job.pk)


def _failed(job: Job, error: str) -> Job:
    job.refresh_from_db()
    if job.attempts >= job.max_attempts:
        job.status, job.finished_at = Job.Status.FAILED, timezone.now()
        KINDS[job.kind][1](job.target_id, gave_up_message(job.attempts, error))
    else:
        job.status, job.run_after = Job.Status.QUEUED, timezone.now() + backoff(job.attempts)
    job.error = error[:300]
    job.save()
    return job


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=_setting("JOBS_BACKOFF_SECONDS", 30) * 2 ** max(attempts - 1, 0))


def process_gone(worker: str) -> bool:
    """The process «host:pid» ran on this host and is gone (or a zombie)."""
    host, _sep, pid = worker.rpartition(":")
    if host != HOST or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def recover_stale() -> list[int]:
    """Running jobs whose process died: re-queued with backoff, or given up after max_attempts."""
    now = timezone.now()
    limit = now - dt.timedelta(seconds=_setting("JOBS_STALE_SECONDS", 120))
    stale = [job for job in Job.objects.filter(status=Job.Status.RUNNING)
             if job.heartbeat_at is None or job.heartbeat_at < limit or process_gone(job.worker)]
    recovered = []
    for job in stale:
        # Conditional on the worker we saw, so a job that finished or moved meanwhile is left alone.
        same = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, worker=job.worker)
        error = "proceso interrumpido"
        if job.attempts >= job.max_attempts:
            if same.update(status=Job.Status.FAILED, finished_at=now, worker="", error=error):
                KINDS[job.kind][1](job.target_id, gave_up_message(job.attempts, error))
                recovered.append(job.pk)
        elif same.update(status=Job.Status.QUEUED, worker="", error=error, run_after=now + backoff(job.attempts)):
            recovered.append(job.pk)
    return recovered


def yield_to_users() -> None:
    """Background work gives way to people at the screen: the job process lowers its CPU priority
    (JOBS_NICE) and, on PostgreSQL, its queries run without parallel workers
    (JOBS_PG_PARALLEL_WORKERS), so a report build takes at most one core of the database server
    and page views keep the other. Called once by `run_jobs`, for every connection it opens."""
    niceness = int(_setting("JOBS_NICE", 10))
    if niceness > 0:
        os.nice(niceness)
    connection_created.connect(_limit_parallel_workers, dispatch_uid="tejido-jobs-parallel")
    if connection.connection is not None:  # already open: apply to it too
        _limit_parallel_workers(connection.vendor, connection)


def _limit_parallel_workers(sender, connection, **kwargs) -> None:
    workers = _setting("JOBS_PG_PARALLEL_WORKERS", 0)
    if connection.vendor == "postgresql" and workers is not None:
        with connection.cursor() as cursor:
            cursor.execute("SET max_parallel_workers_per_gather = %s", [int(workers)])


def run_job(job_id: int) -> Job | None:
    """What the spawned process does: claim this job (or nothing if someone else has it) and run it."""
    return run_claimed(Job.objects.get(pk=job_id)) if claim(job_id) else None


def drain() -> int:
    """Recover stale jobs, then run every due job; returns how many ran."""
    recover_stale()
    count = 0
    while (job := claim_next()) is not None:
        run_claimed(job)
        count += 1
    return count
