"""A `manage.py import_data` killed in the middle (SIGKILL, for real, in a child process) leaves its
batch «Importando»; the next run finds that its process is gone and marks it failed, with a
Spanish message, instead of leaving it running forever (issue 15, item 9)."""

import pytest
from django.db import connection

from tejido.imports.models import ImportBatch, ImportedRow
from tejido.registry.models import Person
from tejido.reliability.testing import ChildDatabase, kill_after_progress

from .helpers import person_row, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def child_db(tmp_path, settings):
    settings.JOBS_SPAWN = False
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    return ChildDatabase(tmp_path)


def test_killed_command_import_is_marked_failed_by_the_next_run(people, child_db, tmp_path):
    path = tmp_path / "personas.xlsx"
    path.write_bytes(xlsx_bytes([person_row(given_names=f"Persona {n}") for n in range(1, 13)]))
    child_db.push()
    # PostgreSQL validates and writes people as one stream (engine.stream_all); SQLite has a pass 2.
    slowed = "stream_all" if connection.vendor == "postgresql" else "write_all"
    child = child_db.start_slowed(f"tejido.imports.engine.{slowed}", "import_data", "personas", str(path),
                                  "--usuario", "zacapa1")
    kill_after_progress(child)
    child_db.pull()
    killed = ImportBatch.objects.get()
    assert killed.status == ImportBatch.Status.IMPORTING and killed.worker.endswith(f":{child.pid}")

    again = child_db.manage("import_data", "personas", str(path), "--usuario", "zacapa1")
    assert again.returncode == 0, again.stderr
    assert "1 importación interrumpida" in again.stdout
    child_db.pull()
    killed.refresh_from_db()
    assert killed.status == ImportBatch.Status.FAILED and "se interrumpió" in killed.message
    assert killed.created_rows == 0 and not ImportedRow.objects.filter(batch=killed).exists()
    rerun = ImportBatch.objects.exclude(pk=killed.pk).get()
    assert (rerun.status, rerun.created_rows) == (ImportBatch.Status.DONE, 12)
    assert Person.objects.filter(given_names__startswith="Persona").count() == 12
