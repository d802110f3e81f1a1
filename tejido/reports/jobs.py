"""Background report builds. `job_start` records the request and starts
`manage.py run_report_job <id>` as its own process (REPORT_JOB_RUNNER = "process", the default),
or builds it in the calling thread ("inline": tests and single-user installs). The builder
updates the job's progress after every table; the page polls it."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tejido.common.errors import ApplicationError

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
        transaction.on_commit(lambda: _spawn(job.pk))
    return job


def _spawn(job_id: int) -> None:
    manage = os.path.join(settings.BASE_DIR, "manage.py")
    subprocess.Popen([sys.executable, manage, "run_report_job", str(job_id)], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())


def job_run(job_id: int) -> ReportJob:
    from .builder import build_report
    from .views import FORMATS as RENDERERS

    job = ReportJob.objects.select_related("user").get(pk=job_id)
    job.status = ReportJob.Status.RUNNING
    job.save(update_fields=["status"])

    def progress(done: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(done_tables=done)

    try:
        report = build_report(job.report, user=job.user, period=Period.between(job.start, job.end),
                              departments=job.departments, program=job.program, progress=progress)
        content = RENDERERS[job.format][0](report)
        job.content = content.encode() if isinstance(content, str) else content
        job.status = ReportJob.Status.DONE
    except Exception as error:  # noqa: BLE001 — the job records why it failed; the page shows it
        job.status, job.error = ReportJob.Status.FAILED, str(error)[:300]
    job.done_tables = job.total_tables if job.status == ReportJob.Status.DONE else job.done_tables
    job.finished_at = timezone.now()
    job.save()
    return job
