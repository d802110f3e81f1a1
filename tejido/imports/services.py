"""Starting and running imports. `batch_start` is what the web request does: it copies the upload
to disk in chunks while hashing it, refuses at once what is cheap to see whatever the size (too
large, empty, not a spreadsheet by its first bytes), records the batch, and hands it over; the
import itself — every other check of the file (the workbook part by part, the encoding, the
template's columns), then the rows — runs as its own process (`manage.py run_jobs --job <id>`,
IMPORT_RUNNER = "process", the default, under a memory ceiling) or in the calling thread
("inline": tests, the command line). Same pattern as reports/jobs.py. A command import killed
half-way is marked failed by the next one (`recover_interrupted`)."""

import datetime as dt
import os
import shutil
import tempfile
from contextlib import nullcontext

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.uploads import memory_cap, stage
from tejido.reliability.jobs import Heartbeat, enqueue, process_gone, worker_id
from tejido.reliability.models import Job

from . import engine, reader
from .kinds import get_kind
from .models import ImportBatch

PREVIEW = 20


def batch_start(*, user, kind: str, upload, file_name: str, dry_run: bool = False, valid_rows_only: bool = False,
                max_bytes: int | None = None, runner: str | None = None) -> ImportBatch:
    """`upload`: a readable binary file (an uploaded file or an open file on disk)."""
    kind_obj = get_kind(kind)
    kind_obj.check_user(user)
    if valid_rows_only and getattr(kind_obj, "all_or_nothing", False):
        raise ApplicationError(_("Esta plantilla se importa completa o nada: desmarque «solo filas válidas»."),
                               field="solo_validas")
    recover_interrupted()
    limit = reader.max_bytes() if max_bytes is None else max_bytes
    inline = (runner or getattr(settings, "IMPORT_RUNNER", "process")) == "inline"
    staged = stage(upload, limit=limit, field=reader.FIELD,
                   directory=os.path.join(settings.MEDIA_ROOT, "imports", "staging"))
    try:
        reader.quick_check(staged.head, staged.size, file_name, limit=limit)
        batch = ImportBatch.objects.create(
            user=user, kind=kind_obj.slug, file_name=os.path.basename(file_name)[:200], file_hash=staged.sha256,
            file_size=staged.size, dry_run=dry_run, valid_rows_only=valid_rows_only,
            worker=worker_id() if inline else "", heartbeat_at=timezone.now() if inline else None)
        os.makedirs(batch.folder, exist_ok=True)
        shutil.move(staged.path, batch.upload_path)
    finally:
        staged.delete()
    if inline:
        return batch_run(batch.pk, max_bytes=limit)
    enqueue("import", batch.pk)  # its own process after the commit, retried if killed (docs/reliability.md)
    return batch


class _BatchHeartbeat(Heartbeat):
    """The job system's heartbeat thread, renewing a command import's batch (there is no Job)."""

    def beat(self) -> None:
        ImportBatch.objects.filter(pk=self.job_id, worker=worker_id()).update(heartbeat_at=timezone.now())


def recover_interrupted() -> list[int]:
    """Batches left «running» by a command import whose process is gone (killed, machine restarted):
    marked failed with a message, as the job system does with its own (jobs.recover_stale; batches
    with a queued or running job are left to it). Stale: the process recorded in `worker` is gone
    from this host, or its heartbeat stopped JOBS_STALE_SECONDS ago."""
    now = timezone.now()
    limit = now - dt.timedelta(seconds=getattr(settings, "JOBS_STALE_SECONDS", 120))
    jobs = Job.objects.filter(kind="import", status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    running = (ImportBatch.objects.filter(status__in=ImportBatch.RUNNING)
               .exclude(pk__in=Subquery(jobs.values("target_id"))).only("pk", "status", "worker", "heartbeat_at",
                                                                          "created_at"))
    recovered = []
    message = _("La importación se interrumpió: el proceso que la hacía terminó antes de acabar. No se importó "
                "nada; vuelva a importar el archivo.")
    for batch in running:
        if (batch.heartbeat_at or batch.created_at) < limit or process_gone(batch.worker):
            same = ImportBatch.objects.filter(pk=batch.pk, status=batch.status, worker=batch.worker)
            if same.update(status=ImportBatch.Status.FAILED, finished_at=now, message=message):
                recovered.append(batch.pk)
    return recovered


def _progress_file(batch: ImportBatch) -> str:
    return os.path.join(batch.folder, "progreso")


def written_so_far(batch: ImportBatch) -> int:
    """Rows written by a running pass 2: its transaction is not visible yet, so it reports to a file."""
    return live_progress(batch)[0]


def live_progress(batch: ImportBatch) -> tuple[int, int | None]:
    """(rows written, rows read) of a running import; rows read only when both passes run as one
    stream (engine.stream_all), whose counts stay inside its transaction until the end."""
    try:
        with open(_progress_file(batch)) as handle:
            numbers = [int(n) for n in handle.read().split()]
    except (OSError, ValueError):
        return 0, None
    return (numbers[0] if numbers else 0), (numbers[1] if len(numbers) > 1 else None)


def batch_run(batch_id: int, *, max_bytes: int | None = None, job: bool = False) -> ImportBatch:
    """The import itself. `job`: run by the job system, in its own process, under the memory ceiling
    IMPORT_JOB_MEMORY_MB; otherwise (the command line, tests) a heartbeat thread renews the batch
    so that `recover_interrupted` can tell a killed run from a long one."""
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    kind = get_kind(batch.kind)
    update = ImportBatch.objects.filter(pk=batch.pk).update
    batch.worker = worker_id()
    update(status=ImportBatch.Status.VALIDATING, worker=batch.worker, heartbeat_at=timezone.now())
    beat = None
    if not job:
        beat = _BatchHeartbeat(batch.pk, getattr(settings, "JOBS_HEARTBEAT_SECONDS", 10))
        beat.start()
    spool = None
    try:
        with memory_cap(settings.IMPORT_JOB_MEMORY_MB) if job else nullcontext():
            spool = _run(batch, kind, update, max_bytes)
    except ApplicationError as error:
        batch.status, batch.message = ImportBatch.Status.FAILED, error.message[:300]
    except MemoryError:
        # Past the ceiling (a file built to take the server's memory, or one simply too big to read):
        # the allocation failed, and what was allocated is freed with the stack that held it.
        batch.status, batch.created_rows = ImportBatch.Status.FAILED, 0
        batch.message = _("Leer este archivo necesita más memoria de la que una importación puede usar (%(mb)s MB); "
                          "no se importó nada. Divídalo en varios archivos o guárdelo como «CSV UTF-8».") % {
                              "mb": settings.IMPORT_JOB_MEMORY_MB}
    except DatabaseError:
        # e.g. another import wrote the same rows between our passes: the transaction rolled back whole.
        batch.status, batch.created_rows = ImportBatch.Status.FAILED, 0
        batch.message = _("La base de datos rechazó la importación; no se importó nada. Vuelva a intentarlo.")
    finally:
        if spool is not None:
            spool.close()
        if beat is not None:
            beat.stopped.set()
            beat.join()
    batch.finished_at = timezone.now()
    batch.save()
    if os.path.exists(_progress_file(batch)):
        os.unlink(_progress_file(batch))
    return batch


def _run(batch: ImportBatch, kind, update, max_bytes: int | None):
    """Both passes; sets the batch's outcome on `batch` (saved by the caller). Returns the spool file."""
    spool = None
    kind.check_user(batch.user)  # the role may have changed since the upload
    sheet = reader.inspect(batch.upload_path, batch.file_name, limit=max_bytes or 0)
    update(estimated_rows=sheet.estimated_rows)
    batch.estimated_rows = sheet.estimated_rows
    positions = kind.positions(sheet.headers)
    ctx = kind.context(batch.user)
    streamed = engine.can_stream(kind) and not batch.dry_run
    try:
        if streamed:
            # PostgreSQL, people: validated and written as one stream inside one transaction (rolled
            # back if a row has an error and not «solo filas válidas»); progress goes to the file.
            update(status=ImportBatch.Status.IMPORTING)
            outcome = engine.stream_all(kind, sheet, positions, ctx, batch, all_or_nothing=not batch.valid_rows_only,
                                        progress=lambda o: _report_progress(batch, o.created, o.total))
        else:
            spool = None if batch.dry_run else tempfile.TemporaryFile(dir=batch.folder)
            outcome = engine.validate_all(kind, sheet, positions, ctx, spool=spool,
                                          progress=lambda o: _validation_progress(batch, update, o))
        batch.total_rows, batch.error_rows = outcome.total, len(outcome.errors)
        batch.skipped_rows = len(outcome.skipped)
        batch.error_preview = [[n, outcome.errors[n]] for n in sorted(outcome.errors)[:PREVIEW]]
        if outcome.errors or outcome.skipped:
            engine.write_report(sheet, outcome, batch.report_path)
            batch.has_report = True
        if batch.dry_run:
            batch.status = ImportBatch.Status.VALIDATED
        elif outcome.errors and not batch.valid_rows_only:
            batch.status = ImportBatch.Status.REJECTED
        elif streamed:
            batch.created_rows = outcome.created
            batch.status = ImportBatch.Status.DONE
        else:
            update(status=ImportBatch.Status.IMPORTING, total_rows=outcome.total, error_rows=len(outcome.errors))
            engine.write_all(kind, spool, ctx, outcome, batch, progress=lambda o: _report_progress(batch, o.created))
            batch.created_rows = outcome.created
            batch.status = ImportBatch.Status.DONE
    except BaseException:
        if spool is not None:
            spool.close()
        raise
    return spool


def _validation_progress(batch: ImportBatch, update, outcome) -> None:
    """Rows read so far, to the progress file: a rehearsed kind validates inside a transaction that
    is rolled back, so the batch row's counts would stay at 0 for the whole pass (an events file sat
    at «Validando», 0 rows, for 33 minutes). The row update serves the other kinds' readers too."""
    update(total_rows=outcome.total, error_rows=len(outcome.errors))
    _report_progress(batch, 0, outcome.total)


def _report_progress(batch: ImportBatch, written: int, read: int | None = None) -> None:
    path = _progress_file(batch)
    with open(path + ".tmp", "w") as handle:
        handle.write(str(written) if read is None else f"{written} {read}")
    os.replace(path + ".tmp", path)
