"""SQLite with simultaneous saves: both succeed, one after the other, and neither change is lost
(without `transaction_mode: IMMEDIATE` the second fails with «database is locked»)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SCRIPT = Path(__file__).with_name("sqlite_writers.py")


def _run(tmp_path, **env) -> dict:
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'file.sqlite3'}", **env})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_two_threads_saving_at_once_on_a_file_database_both_succeed(tmp_path):
    result = _run(tmp_path)
    assert result["outcome"] == {"a": "ok", "b": "ok"}
    assert result["attempts"] == 2 and result["created"] == 2  # serialised: no lost update
    assert result["options"]["transaction_mode"] == "IMMEDIATE"


def test_the_settings_apply_the_sqlite_options():
    assert settings.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in settings.SQLITE_OPTIONS["init_command"]
    assert settings.SQLITE_OPTIONS["timeout"] >= 5
