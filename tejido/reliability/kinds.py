"""What each job kind runs, and what it marks when the job is given up. Kept here (not in the
apps) so reports, imports and duplicate searches only call `enqueue`."""

from importlib import import_module

from django.utils.translation import gettext as _


def _report_run(target_id: int) -> None:
    from tejido.reports.jobs import job_run

    job_run(target_id, raise_transient=True)


def _report_give_up(target_id: int, message: str) -> None:
    from tejido.reports.models import ReportJob

    ReportJob.objects.filter(pk=target_id).update(status=ReportJob.Status.FAILED, error=message[:300])


def _import_run(target_id: int) -> None:
    import_module("tejido.imports.services").batch_run(target_id, job=True)  # job=True: under a memory ceiling


def _import_give_up(target_id: int, message: str) -> None:
    from tejido.imports.models import ImportBatch

    ImportBatch.objects.filter(pk=target_id).update(status=ImportBatch.Status.FAILED, message=message[:300])


def _dedup_run(target_id: int) -> None:
    import_module("tejido.dedup.jobs").job_run(target_id)


def _dedup_give_up(target_id: int, message: str) -> None:
    import_module("tejido.dedup.jobs").give_up(target_id, message)


KINDS = {
    "report": (_report_run, _report_give_up),
    "import": (_import_run, _import_give_up),
    "dedup": (_dedup_run, _dedup_give_up),
}


def gave_up_message(attempts: int, error: str) -> str:
    return _("El proceso se interrumpió %(n)s veces y se abandonó: %(error)s") % {"n": attempts, "error": error}
