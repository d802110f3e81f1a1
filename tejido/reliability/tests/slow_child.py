"""A `manage.py` command run with one function slowed down, so a test can SIGKILL the process in
the middle of a job: the function's `progress` callback prints PROGRESS and sleeps.

    python slow_child.py tejido.imports.engine.write_all run_jobs --job 3
"""

import os
import sys
import time
from importlib import import_module

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def slowed(original):
    def wrapper(*args, progress=None, **kwargs):
        def announce(*values):
            if progress:
                progress(*values)
            print("PROGRESS", flush=True)
            time.sleep(30)  # the test kills us long before this ends
        return original(*args, progress=announce, **kwargs)
    return wrapper


module_name, name = sys.argv[1].rsplit(".", 1)
module = import_module(module_name)
setattr(module, name, slowed(getattr(module, name)))
call_command(*sys.argv[2:])
