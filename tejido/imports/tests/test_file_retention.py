"""Retention of import files: the uploaded spreadsheet, its error report and the error preview are
deleted RETENTION_IMPORT_FILES_DAYS (default 30) after the import finished, by apply_retention."""

import datetime as dt
import io
import os

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tejido.common.retention import apply_retention
from tejido.common.testing import api_client_for, client_for
from tejido.imports.models import ImportBatch

from .helpers import person_row, xlsx_bytes

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _finished(batch, days_ago):
    ImportBatch.objects.filter(pk=batch.pk).update(finished_at=NOW - dt.timedelta(days=days_ago))
    batch.refresh_from_db()
    return batch


@pytest.fixture
def batches(people, run_import):
    """Three imports by the Zacapa officer: rejected 31 days ago (file, error report and preview),
    imported 29 days ago (file only), and one still queued, uploaded 40 days ago."""
    old = _finished(run_import(people["zacapa"], xlsx_bytes([person_row(birth_date="32/13/2019")])), 31)
    recent = _finished(run_import(people["zacapa"], xlsx_bytes([person_row(given_names="Rosa")])), 29)
    queued = ImportBatch.objects.create(user=people["zacapa"], kind="personas", file_name="cola.xlsx",
                                        file_hash="x" * 64)
    os.makedirs(queued.folder)
    with open(queued.upload_path, "wb") as handle:
        handle.write(b"datos")
    ImportBatch.objects.filter(pk=queued.pk).update(created_at=NOW - dt.timedelta(days=40))
    assert old.status == "rejected" and old.has_report and old.error_preview
    assert os.path.exists(old.upload_path) and os.path.exists(old.report_path)
    assert recent.status == "done" and os.path.exists(recent.upload_path)
    return {"old": old, "recent": recent, "queued": queued}


def test_files_past_thirty_days_are_deleted_and_the_batch_keeps_its_counts(people, batches, settings):
    old, recent, queued = batches["old"], batches["recent"], batches["queued"]
    assert apply_retention(now=NOW, dry_run=True)["importaciones"] == 1
    assert os.path.exists(old.report_path)  # a dry run deletes nothing

    assert apply_retention(now=NOW)["importaciones"] == 1
    assert not os.path.exists(old.folder)
    old.refresh_from_db()
    assert old.files_deleted_at == NOW and not old.has_report and old.error_preview == []
    assert (old.status, old.total_rows, old.error_rows, old.file_name) == ("rejected", 1, 1, "personas.xlsx")
    assert os.path.exists(recent.upload_path)  # 29 days: kept
    assert os.path.exists(queued.upload_path)  # still to run: never touched
    assert apply_retention(now=NOW)["importaciones"] == 0  # applied once

    # The owner's page says so; the report's address answers "not found", on the page and the API.
    client = client_for(people["zacapa"])
    page = client.get(f"/importar/{old.pk}/").content.decode()
    assert 'id="batch-files-deleted"' in page and "Descargar informe de errores" not in page
    assert client.get(f"/importar/{old.pk}/errores/").status_code == 404
    api = api_client_for(people["zacapa"])
    status = api.get(f"/api/v1/importar/{old.pk}").json()
    assert status["error_report"] is None and status["files_deleted_at"]
    assert api.get(f"/api/v1/importar/{old.pk}/errores").status_code == 404

    # The period is a setting.
    settings.RETENTION_IMPORT_FILES_DAYS = 10
    assert apply_retention(now=NOW)["importaciones"] == 1
    assert not os.path.exists(recent.folder)


def test_a_report_deleted_from_disk_answers_not_found_not_an_error(people, batches):
    os.unlink(batches["old"].report_path)
    response = Client(raise_request_exception=False)
    response.force_login(people["zacapa"])
    assert response.get(f"/importar/{batches['old'].pk}/errores/").status_code == 404


def test_old_staging_leftovers_are_deleted_and_the_command_reports(people, batches, settings):
    staging = os.path.join(settings.MEDIA_ROOT, "imports", "staging")
    os.makedirs(staging, exist_ok=True)
    stale, fresh = os.path.join(staging, "tmpviejo"), os.path.join(staging, "tmpnuevo")
    for path in (stale, fresh):
        with open(path, "wb") as handle:
            handle.write(b"a medio copiar")
    month_ago = (NOW - dt.timedelta(days=31)).timestamp()
    os.utime(stale, (month_ago, month_ago))
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "importaciones (30 días): archivos de 1 importaciones eliminados" in out.getvalue()
    assert not os.path.exists(stale) and os.path.exists(fresh)
    assert not os.path.exists(batches["old"].folder)
