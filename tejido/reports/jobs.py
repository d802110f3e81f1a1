"""Background report builds. `job_start` records the request and starts
a job of the shared runner (tejido/reliability/jobs.py: its own process, retried if killed;
REPORT_JOB_RUNNER = "process", the default),
or builds it in the calling thread ("inline": tests and single-user installs). The builder
updates the job's progress after every table; the page polls it."""

from django.conf import settings
from django.db import OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.reliability.jobs import enqueue

from .models import ReportJob
from .period import Period

FORMATS = ("xlsx", "docx", "pdf", "json")


def job_start(*, user, report: str, period: Period, departments=(), program: str = "", fmt: str) -> ReportJob:
    from .builder import narrowed_user, table_ids

    if fmt not in FORMATS:
        raise ApplicationError("Formato no disponible.", field="formato")
    narrowed_user(user, departments)  # refuses departments outside the user's scope now, not later
    job = ReportJob.objects.create(user=user, report=report, start=period.start, end=period.end,
                                   departments=[int(d) for d in departments], program=program, format=fmt,
                                   total_tables=len(table_ids(report, program)))
    if getattr(settings, "REPORT_JOB_RUNNER", "process") == "inline":
        job_run(job.pk)
    else:
        enqueue("report", job.pk)  # a process starts after the commit; retried if it dies (docs/reliability.md)
    return job


def job_run(job_id: int, *, raise_transient: bool = False) -> ReportJob:
    """Idempotent: a re-run after a killed build starts over; the result is written only at the end,
    in one save. `raise_transient`: a lost database connection is raised for the job runner to retry."""
    from .builder import build_report
    from .views import FORMATS as RENDERERS

    job = ReportJob.objects.select_related("user").get(pk=job_id)
    job.status, job.done_tables, job.error = ReportJob.Status.RUNNING, 0, ""
    job.save(update_fields=["status", "done_tables", "error"])

    def progress(done: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(done_tables=done)

    try:
        report = build_report(job.report, user=job.user, period=Period.between(job.start, job.end),
                              departments=job.departments, program=job.program, progress=progress)
        content = RENDERERS[job.format][0](report)
        job.content = content.encode() if isinstance(content, str) else content
        job.status = ReportJob.Status.DONE
    except OperationalError:
        if raise_transient:
            raise
        job.status, job.error = ReportJob.Status.FAILED, _("Se perdió la conexión con la base de datos.")
    except Exception as error:  # noqa: BLE001 — the job records why it failed; the page shows it
        job.status, job.error = ReportJob.Status.FAILED, str(error)[:300]
    job.done_tables = job.total_tables if job.status == ReportJob.Status.DONE else job.done_tables
    job.finished_at = timezone.now()
    job.save()
    return job


def give_up(target_id: int, message: str) -> None:
    """The job system gave up on this build (reliability.kinds)."""
    ReportJob.objects.filter(pk=target_id).update(status=ReportJob.Status.FAILED, error=message[:300])


def run_for_job_system(target_id: int) -> None:
    job_run(target_id, raise_transient=True)
