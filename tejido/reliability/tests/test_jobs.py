"""The runner's rules without processes: one claim wins, stale jobs come back with backoff, and
after max_attempts the job and its report are marked failed."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.reliability import jobs
from tejido.reliability.models import Job
from tejido.reports.models import ReportJob

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(people, settings):
    settings.JOBS_SPAWN, settings.JOBS_BACKOFF_SECONDS, settings.JOBS_STALE_SECONDS = False, 30, 120
    return ReportJob.objects.create(user=people["zacapa"], report="annual", start=dt.date(2023, 1, 1),
                                    end=dt.date(2023, 12, 31), format="json", program="elderly", total_tables=2)


def test_only_one_process_claims_a_job(report):
    job = jobs.enqueue("report", report.pk)
    assert jobs.claim(job.pk) is True
    assert jobs.claim(job.pk) is False  # the second process finds it running
    job.refresh_from_db()
    assert (job.status, job.attempts, job.worker) == ("running", 1, jobs.worker_id())


def test_a_live_heartbeat_is_left_alone_and_a_stale_one_is_requeued_with_backoff(report):
    job = jobs.enqueue("report", report.pk)
    jobs.claim(job.pk)
    assert jobs.recover_stale() == []  # our own process is alive and its heartbeat fresh
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt.timedelta(seconds=121))
    before = timezone.now()
    assert jobs.recover_stale() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("queued", 1, "proceso interrumpido")
    assert before + dt.timedelta(seconds=29) < job.run_after < before + dt.timedelta(seconds=32)
    assert jobs.claim(job.pk) is False  # not before its backoff
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now(), attempts=2)
    assert jobs.claim(job.pk) is True
    assert jobs.backoff(3) == dt.timedelta(seconds=120)  # 30 s, 60 s, 120 s


def test_a_dead_process_on_this_host_is_detected_without_waiting(report):
    job = jobs.enqueue("report", report.pk)
    jobs.claim(job.pk)
    Job.objects.filter(pk=job.pk).update(worker=f"{jobs.HOST}:999999999")  # no such pid
    assert jobs.recover_stale() == [job.pk]


def test_after_max_attempts_the_job_and_its_report_fail_with_a_reason(report):
    job = jobs.enqueue("report", report.pk)
    jobs.claim(job.pk)
    Job.objects.filter(pk=job.pk).update(attempts=3, heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    jobs.recover_stale()
    job.refresh_from_db()
    report.refresh_from_db()
    assert job.status == "failed" and report.status == "failed"
    assert report.error == "El proceso se interrumpió 3 veces y se abandonó: proceso interrumpido"


def test_drain_runs_due_jobs_in_this_process(report, people):
    job = jobs.enqueue("report", report.pk)
    assert jobs.drain() == 1
    job.refresh_from_db()
    report.refresh_from_db()
    assert (job.status, report.status, report.done_tables) == ("done", "done", 2)


def test_web_request_spawns_the_job_process_after_commit(report, settings, monkeypatch,
                                                        django_capture_on_commit_callbacks):
    started = []
    monkeypatch.setattr(jobs, "spawn_process", started.append)
    settings.JOBS_SPAWN = True
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue("report", report.pk)
    assert started == [job.pk]


def test_the_job_process_yields_the_cpu_to_page_views(settings):
    """run_jobs lowers its own priority: niceness goes up by JOBS_NICE (checked in a child process
    so the test runner keeps its own), and PostgreSQL queries of the job run without parallel workers."""
    import os
    import subprocess
    import sys

    code = ("import django, os; django.setup(); from tejido.reliability import jobs; "
            "before = os.getpriority(os.PRIO_PROCESS, 0); jobs.yield_to_users(); "
            "print(os.getpriority(os.PRIO_PROCESS, 0) - before)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "JOBS_NICE": "7",
           "DATABASE_URL": "sqlite:///:memory:"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == str(min(7, 19 - os.getpriority(os.PRIO_PROCESS, 0)))


def test_job_connections_on_postgresql_use_no_parallel_workers(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    settings.JOBS_PG_PARALLEL_WORKERS = 0
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 2")
        jobs._limit_parallel_workers(connection.vendor, connection)
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
