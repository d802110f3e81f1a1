"""Letting a real child process (`manage.py ...`) work on the test database.

PostgreSQL: the child connects to the test database by name. SQLite: the test database lives in
memory, which no other process can open, so `push()` copies it to a file the child uses and
`pull()` copies the file back before the test looks at the result."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

SLOW_CHILD = Path(__file__).parent / "tests" / "slow_child.py"


class ChildDatabase:
    def __init__(self, folder: Path):
        self.folder = folder
        self.sqlite = connection.vendor == "sqlite"
        self.file = folder / "child.sqlite3"
        self.env = os.environ.copy()
        self.env.update(TEJIDO_VAR_DIR=str(folder / "var"), DATABASE_URL=self._url(), PYTHONUNBUFFERED="1",
                        JOBS_BACKOFF_SECONDS="0", JOBS_SPAWN="0")

    def _url(self) -> str:
        data = connection.settings_dict
        if self.sqlite:
            return f"sqlite:///{self.file}"
        password = f":{data['PASSWORD']}" if data.get("PASSWORD") else ""
        host = f"{data['HOST'] or '127.0.0.1'}:{data['PORT'] or 5432}"
        return f"postgres://{data['USER']}{password}@{host}/{data['NAME']}"

    def push(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def pull(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            source = sqlite3.connect(self.file)
            source.backup(connection.connection)
            source.close()

    def manage(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args], env=self.env,
                              capture_output=True, text=True, timeout=timeout, cwd=settings.BASE_DIR)

    def start_slowed(self, function: str, *args: str) -> subprocess.Popen:
        """`manage.py` with `args`, pausing after each progress report of `function` (see slow_child.py)."""
        return subprocess.Popen([sys.executable, str(SLOW_CHILD), function, *args], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=settings.BASE_DIR)


def kill_after_progress(child: subprocess.Popen, reports: int = 1, timeout: float = 40) -> None:
    """Waits until the child announced `reports` progress reports, then SIGKILLs it."""
    deadline, seen = time.monotonic() + timeout, 0
    while seen < reports:
        line = child.stdout.readline()
        if not line:
            raise AssertionError(f"the child ended before its progress report: {child.stderr.read()[-2000:]}")
        seen += line.startswith("PROGRESS")
        if time.monotonic() > deadline:
            raise AssertionError("no progress report in time")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
