"""A search started from the page or the API is a job of the shared runner (kind «dedup»), not a
process of its own: starting it enqueues the job; `manage.py run_jobs --once` runs it and stores the
candidate pairs; a lost connection is retried and, past the attempts, the run is marked failed."""

import pytest
from django.core.management import call_command
from django.db import OperationalError

from tejido.common.testing import api_client_for, client_for
from tejido.dedup import pipeline
from tejido.dedup.models import DedupRun, DuplicateCandidate
from tejido.dedup.tests.conftest import pair_of
from tejido.reliability.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_the_runner(settings):
    settings.DEDUP_JOB_RUNNER = "process"
    settings.JOBS_SPAWN = False  # this test runs the worker itself
    settings.JOBS_BACKOFF_SECONDS = 0


def test_starting_a_search_enqueues_a_job_and_run_jobs_finds_the_pairs(registry, people, on_the_runner):
    response = client_for(people["central"]).post("/duplicados/buscar/", {"threshold": "0.9"})
    assert response.status_code == 302
    run = DedupRun.objects.get()
    job = Job.objects.get()
    assert (job.kind, job.target_id, job.status) == ("dedup", run.pk, Job.Status.QUEUED)
    assert run.status == DedupRun.Status.QUEUED and not DuplicateCandidate.objects.exists()

    call_command("run_jobs", "--once")

    job.refresh_from_db()
    run.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 1
    assert (run.status, run.pairs_found, run.pairs_new) == (DedupRun.Status.DONE, 3, 3)
    found = set(DuplicateCandidate.objects.values_list("person_a_id", "person_b_id"))
    assert found == {pair_of(registry[name], registry[f"{name}_again"]) for name in ("maria", "jose", "ana")}
    assert set(DuplicateCandidate.objects.values_list("run_id", flat=True)) == {run.pk}


def test_api_search_is_a_job_too(registry, people, on_the_runner):
    started = api_client_for(people["central"]).post("/api/v1/duplicados/busquedas", {"threshold": 0.9},
                                                     content_type="application/json")
    assert started.status_code == 201 and started.json()["status"] == DedupRun.Status.QUEUED
    assert Job.objects.filter(kind="dedup", target_id=started.json()["id"]).exists()


# Outside a test transaction, as the real worker runs: after a lost connection the runner closes
# it (close_old_connections), which inside the test's transaction would close the test's own.
@pytest.mark.django_db(transaction=True)
def test_a_lost_connection_is_retried_then_given_up(registry, people, on_the_runner, settings, monkeypatch):
    settings.JOBS_MAX_ATTEMPTS = 2
    calls = []

    def broken(con, threshold):
        calls.append(threshold)
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(pipeline, "find_pairs", broken)
    client_for(people["central"]).post("/duplicados/buscar/", {"threshold": "0.9"})
    call_command("run_jobs", "--once")  # first attempt fails and is re-queued (backoff 0), second gives up
    job, run = Job.objects.get(), DedupRun.objects.get()
    assert len(calls) == 2 and job.status == Job.Status.FAILED and job.attempts == 2
    assert run.status == DedupRun.Status.FAILED and "se abandonó" in run.error
