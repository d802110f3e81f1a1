"""Import batches are personal (the uploaded file holds people's data): each user sees only their own."""

from tejido.common.errors import NotFoundOrOutOfScope

from .models import ImportBatch


def batch_list(*, user):
    return ImportBatch.objects.filter(user=user)


def batch_get(*, user, pk) -> ImportBatch:
    """Someone else's batch answers like a missing one."""
    batch = ImportBatch.objects.filter(pk=pk, user=user).first() if str(pk).isdigit() else None
    if batch is None:
        raise NotFoundOrOutOfScope()
    return batch


def percent(batch: ImportBatch) -> int:
    """Validation is the first half of the bar, writing the second (on PostgreSQL, people are
    validated and written together: both halves advance at once)."""
    from .services import live_progress

    if not batch.is_running:
        return 100
    expected = max(batch.estimated_rows, batch.total_rows, 1)
    if batch.status == ImportBatch.Status.IMPORTING:
        written, read = live_progress(batch)
        if read is not None:  # one stream (engine.stream_all)
            return min(99, round(50 * read / expected + 50 * written / expected))
        to_write = max(batch.total_rows - batch.error_rows - batch.skipped_rows, 1)
        return min(99, 50 + round(50 * written / to_write))
    _written, read = live_progress(batch)  # validating: rows read so far (the row's count may be rolled back)
    return min(50, round(50 * max(batch.total_rows, read or 0) / expected))


def with_live_counts(batch: ImportBatch) -> ImportBatch:
    """A running one-stream import, and the validation of a rehearsed kind, keep their counts inside
    a transaction: show those of the progress file (rows read, records written so far) instead of zeros."""
    from .services import live_progress

    if batch.status in (ImportBatch.Status.VALIDATING, ImportBatch.Status.IMPORTING):
        written, read = live_progress(batch)
        if read is not None:
            batch.total_rows, batch.created_rows = max(batch.total_rows, read), max(batch.created_rows, written)
    return batch
