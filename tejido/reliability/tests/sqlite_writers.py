"""Two threads save the same row at the same time on a file SQLite database, with the project's own
settings (DATABASE_URL=sqlite:///<file>). Each reads the row, waits, then writes: the pattern of a
form save. Prints one JSON line: what each thread got and the final value. Run by
test_sqlite_concurrency.py in a child process so that the settings are the production ones."""

import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from tejido.reliability.models import Job  # noqa: E402


def main() -> None:
    with connection.schema_editor() as editor:
        editor.create_model(Job)
    job = Job.objects.create(kind="test", target_id=1, run_after=timezone.now())
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def save(name: str) -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                row = Job.objects.get(pk=job.pk)      # read…
                time.sleep(0.3)                       # …while the other thread does the same…
                row.attempts += 1                     # …then write
                row.worker = name
                row.save()
                Job.objects.create(kind="test", target_id=2, run_after=timezone.now(), worker=name)
            outcome[name] = "ok"
        except Exception as error:  # noqa: BLE001 — reported to the test
            outcome[name] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"outcome": outcome, "attempts": Job.objects.get(pk=job.pk).attempts,
                      "created": Job.objects.filter(target_id=2).count(),
                      "options": connection.settings_dict["OPTIONS"]}))


if __name__ == "__main__":
    main()
