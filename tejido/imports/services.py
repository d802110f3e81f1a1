"""Starting and running imports. `batch_start` refuses a bad file at once (size, type, zip bomb,
merged cells, wrong template, missing columns) and records the batch; the import itself runs
as its own process (`manage.py run_import <id>`, IMPORT_RUNNER = "process", the default) or in
the calling thread ("inline": tests, the command line). Same pattern as reports/jobs.py."""

import hashlib
import os
import shutil
import tempfile

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.reliability.jobs import enqueue

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
    limit = reader.max_bytes() if max_bytes is None else max_bytes
    staging = os.path.join(settings.MEDIA_ROOT, "imports", "staging")
    os.makedirs(staging, exist_ok=True)
    handle, temp_path = tempfile.mkstemp(dir=staging)
    try:
        digest, size = _copy(upload, handle, limit)
        # Checked again by inspect() with the real size; here it stops copying a huge upload early.
        sheet = reader.inspect(temp_path, file_name, limit=limit)
        kind_obj.positions(sheet.headers)
        batch = ImportBatch.objects.create(user=user, kind=kind_obj.slug, file_name=os.path.basename(file_name)[:200],
                                           file_hash=digest, file_size=size, dry_run=dry_run,
                                           valid_rows_only=valid_rows_only, estimated_rows=sheet.estimated_rows)
        os.makedirs(batch.folder, exist_ok=True)
        shutil.move(temp_path, batch.upload_path)
    finally:
        if os.path.exists(temp_path):
            os.unlink(temp_path)
    if (runner or getattr(settings, "IMPORT_RUNNER", "process")) == "inline":
        return batch_run(batch.pk, max_bytes=limit)
    enqueue("import", batch.pk)  # its own process after the commit, retried if killed (docs/reliability.md)
    return batch


def _copy(upload, fd: int, limit: int) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(reader.CHUNK), b"")
    with os.fdopen(fd, "wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if limit and size > limit:
                raise ApplicationError(
                    _("El archivo pesa más de %(limit)s, el máximo. Divídalo en varios archivos.")
                    % {"limit": reader.human_size(limit)}, field=reader.FIELD)
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


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


def batch_run(batch_id: int, *, max_bytes: int | None = None) -> ImportBatch:
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    kind = get_kind(batch.kind)
    update = ImportBatch.objects.filter(pk=batch.pk).update
    update(status=ImportBatch.Status.VALIDATING)
    spool = None
    try:
        kind.check_user(batch.user)  # the role may have changed since the upload
        sheet = reader.inspect(batch.upload_path, batch.file_name, limit=max_bytes or 0)
        positions = kind.positions(sheet.headers)
        ctx = kind.context(batch.user)
        streamed = engine.can_stream(kind) and not batch.dry_run
        if streamed:
            # PostgreSQL, people: validated and written as one stream inside one transaction (rolled
            # back if a row has an error and not «solo filas válidas»); progress goes to the file.
            update(status=ImportBatch.Status.IMPORTING)
            outcome = engine.stream_all(kind, sheet, positions, ctx, batch, all_or_nothing=not batch.valid_rows_only,
                                        progress=lambda o: _report_progress(batch, o.created, o.total))
        else:
            spool = None if batch.dry_run else tempfile.TemporaryFile(dir=batch.folder)
            outcome = engine.validate_all(kind, sheet, positions, ctx, spool=spool,
                                          progress=lambda o: update(total_rows=o.total, error_rows=len(o.errors)))
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
    except ApplicationError as error:
        batch.status, batch.message = ImportBatch.Status.FAILED, error.message[:300]
    except DatabaseError:
        # e.g. another import wrote the same rows between our passes: the transaction rolled back whole.
        batch.status, batch.created_rows = ImportBatch.Status.FAILED, 0
        batch.message = _("La base de datos rechazó la importación; no se importó nada. Vuelva a intentarlo.")
    finally:
        if spool is not None:
            spool.close()
    batch.finished_at = timezone.now()
    batch.save()
    if os.path.exists(_progress_file(batch)):
        os.unlink(_progress_file(batch))
    return batch


def _report_progress(batch: ImportBatch, written: int, read: int | None = None) -> None:
    path = _progress_file(batch)
    with open(path + ".tmp", "w") as handle:
        handle.write(str(written) if read is None else f"{written} {read}")
    os.replace(path + ".tmp", path)
