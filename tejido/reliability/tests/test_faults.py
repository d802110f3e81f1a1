"""SIGKILL during a report build and during an import's pass 2, for real: the job's process is
started against the test database, killed after its first progress report, and the worker
(`manage.py run_jobs --once`, also a real process) detects it and re-runs it to completion."""

import datetime as dt
import io
import json

import pytest
from django.db import connection

from tejido.common.testing import make_center, make_person
from tejido.imports.models import ImportBatch, ImportedRow
from tejido.imports.services import batch_start
from tejido.imports.tests.helpers import person_row, xlsx_bytes
from tejido.programs.services import enrolment_create
from tejido.registry.models import Person
from tejido.reliability.models import Job
from tejido.reliability.testing import ChildDatabase, kill_after_progress
from tejido.reports.jobs import job_start
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def child_db(tmp_path, settings):
    settings.JOBS_SPAWN = False  # the test starts the processes itself
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    return ChildDatabase(tmp_path)


def _elders(people):
    day = make_center(1901, kind="elderly_day", name="Centro Diurno Zacapa")
    for sex in ("M", "F", "F"):
        person = make_person(1901, sex=sex, birth_date=dt.date(1950, 1, 1))
        enrolment_create(person=person, center=day, program="elderly", start=dt.date(2023, 2, 1),
                         acting_user=people["central"])


def test_killed_report_build_leaves_no_result_and_the_worker_rebuilds_it(people, child_db, settings):
    _elders(people)
    settings.REPORT_JOB_RUNNER = "process"
    report = job_start(user=people["zacapa"], report="annual", period=Period.between(dt.date(2023, 1, 1),
                       dt.date(2023, 12, 31)), program="elderly", fmt="json")
    job = Job.objects.get(kind="report", target_id=report.pk)
    child_db.push()
    child = child_db.start_slowed("tejido.reports.builder.build_report", "run_jobs", "--job", str(job.pk))
    kill_after_progress(child)
    child_db.pull()

    report.refresh_from_db()
    job.refresh_from_db()
    assert (report.status, report.done_tables, report.content) == ("running", 1, None)  # progress, no result
    assert (job.status, job.attempts) == ("running", 1)

    worker = child_db.manage("run_jobs", "--once")
    assert worker.returncode == 0, worker.stderr
    child_db.pull()
    job.refresh_from_db()
    report.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("done", 2, "")
    from tejido.reports.builder import table_ids

    elderly_tables = len(table_ids("annual", "elderly"))
    assert (report.status, report.done_tables, report.total_tables) == ("done", elderly_tables, elderly_tables)
    tables = {t["id"]: t for t in json.loads(bytes(report.content))["tables"]}
    assert tables["elderly.by_department"]["totals"]["beneficiaries"] == 3


def test_killed_import_writes_no_row_and_the_rerun_imports_each_row_once(people, child_db):
    rows = [person_row(given_names=f"Persona {n}") for n in range(1, 13)]
    batch = batch_start(user=people["zacapa"], kind="personas", upload=io.BytesIO(xlsx_bytes(rows)),
                        file_name="personas.xlsx")
    job = Job.objects.get(kind="import", target_id=batch.pk)
    before = Person.objects.count()
    child_db.push()
    # PostgreSQL validates and writes people as one stream (engine.stream_all); SQLite has a pass 2.
    slowed = "stream_all" if connection.vendor == "postgresql" else "write_all"
    child = child_db.start_slowed(f"tejido.imports.engine.{slowed}", "run_jobs", "--job", str(job.pk))
    kill_after_progress(child)  # the 12 people were written, not committed yet
    child_db.pull()

    batch.refresh_from_db()
    assert batch.status == "importing"
    assert Person.objects.count() == before and not ImportedRow.objects.exists()

    worker = child_db.manage("run_jobs", "--once")
    assert worker.returncode == 0, worker.stderr
    child_db.pull()
    batch.refresh_from_db()
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert (batch.status, batch.total_rows, batch.created_rows) == (ImportBatch.Status.DONE, 12, 12)
    names = sorted(Person.objects.filter(given_names__startswith="Persona").values_list("given_names", flat=True))
    assert names == sorted(f"Persona {n}" for n in range(1, 13))
    assert ImportedRow.objects.filter(batch=batch).count() == 12
