"""The default runner: the upload returns at once and `manage.py run_import <id>` imports in its
own process. A real process on the real (test) database, so PostgreSQL only: SQLite's test
database lives in this process's memory, where no other process can see it."""

import time

import pytest
from django.db import connection

from tejido.imports.models import ImportBatch
from tejido.registry.models import Person

from .helpers import person_row, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="another process cannot see SQLite's in-memory test DB")
def test_an_upload_is_imported_by_its_own_process(people, run_import, settings, tmp_path, monkeypatch):
    db = connection.settings_dict
    settings.IMPORT_RUNNER = "process"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    # The child process reads the same settings from its environment: same test database, same files.
    monkeypatch.setenv("TEJIDO_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("DATABASE_URL", f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
                                       f"{db['PORT'] or 5432}/{db['NAME']}")
    batch = run_import(people["zacapa"], xlsx_bytes([person_row(), person_row(given_names="Rosa")]))
    assert batch.status == ImportBatch.Status.QUEUED  # returned before importing anything

    deadline = time.monotonic() + 120
    while batch.status in ImportBatch.RUNNING and time.monotonic() < deadline:
        time.sleep(0.5)
        batch.refresh_from_db()
    assert (batch.status, batch.created_rows) == ("done", 2), batch.message
    assert sorted(Person.objects.values_list("given_names", flat=True)) == ["Ana Lucía", "Rosa"]
    assert set(Person.objects.values_list("created_by", flat=True)) == {people["zacapa"].pk}
