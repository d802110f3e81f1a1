"""Background searches, like tejido.reports.jobs: `manage.py find_duplicates --run <id>` as its own
process (DEDUP_JOB_RUNNER = "process", the default), or in the calling thread ("inline": tests)."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import transaction

from .models import DedupRun


def start(run: DedupRun) -> None:
    if getattr(settings, "DEDUP_JOB_RUNNER", "process") == "inline":
        from .pipeline import run_dedup

        run_dedup(run)
        run.refresh_from_db()
    else:
        transaction.on_commit(lambda: _spawn(run.pk))


def _spawn(run_id: int) -> None:
    manage = os.path.join(settings.BASE_DIR, "manage.py")
    subprocess.Popen([sys.executable, manage, "find_duplicates", "--run", str(run_id)], start_new_session=True,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
