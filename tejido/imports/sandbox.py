"""Reading a workbook's rows in a child process, for the one upload read inside a web request:
the SICOIN budget (its page and API answer with the result). The workbook has passed
reader.check_xlsx first; the child is the second wall: it runs under a memory ceiling
(IMPORT_JOB_MEMORY_MB, RLIMIT_DATA) and a time limit (BUDGET_XLSX_SECONDS), so whatever openpyxl
does with a hostile file, the web worker's memory and time are not what pays for it. The child
imports openpyxl only (no Django); it prints the rows as JSON.

    python -m tejido.imports.sandbox FILE MAX_ROWS MAX_COLUMNS MEMORY_MB
"""

import datetime as dt
import json
import os
import subprocess
import sys

MEMORY_EXIT, BROKEN_EXIT, TOO_BIG_EXIT = 3, 4, 5
MAX_CELL = 1000  # characters kept of a cell: budget cells are names and amounts
MAX_OUTPUT = 16 * 1024 * 1024


def read_rows(path: str, *, max_rows: int, max_columns: int = 50) -> list[list]:
    """The first sheet's non-blank rows (at most `max_rows`), read by a child process."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    from tejido.common.errors import ApplicationError

    from .reader import FIELD, _broken

    command = [sys.executable, "-m", "tejido.imports.sandbox", path, str(max_rows), str(max_columns),
               str(settings.IMPORT_JOB_MEMORY_MB)]
    try:
        child = subprocess.run(command, capture_output=True, timeout=settings.BUDGET_XLSX_SECONDS,
                               cwd=settings.BASE_DIR, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    except subprocess.TimeoutExpired:
        raise ApplicationError(_("Leer este libro de Excel tarda demasiado (más de %(s)s segundos); no se importó "
                                 "nada. Guárdelo como CSV y vuelva a subirlo.") % {"s": settings.BUDGET_XLSX_SECONDS},
                               field=FIELD) from None
    if child.returncode == MEMORY_EXIT:
        raise ApplicationError(_("Leer este libro de Excel necesita más memoria de la permitida (%(mb)s MB); no se "
                                 "importó nada. Guárdelo como CSV y vuelva a subirlo.")
                               % {"mb": settings.IMPORT_JOB_MEMORY_MB}, field=FIELD)
    if child.returncode == TOO_BIG_EXIT:
        raise ApplicationError(_("El libro de Excel tiene demasiado texto para un archivo de presupuesto; no se "
                                 "importó nada."), field=FIELD)
    if child.returncode != 0:
        raise _broken()
    return json.loads(child.stdout)


def _cell(value):
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)[:MAX_CELL]


def peak_kb() -> int:
    """This process's peak resident memory (VmHWM, Linux; 0 elsewhere): printed on stderr at the end,
    which the benchmark reads (bench/upload_memory.py) and read_rows ignores."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError, MemoryError):
        return 0


def main(path: str, max_rows: int, max_columns: int, memory_mb: int) -> int:
    import resource

    if memory_mb:
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        cap = memory_mb * 1048576 if hard == resource.RLIM_INFINITY else min(memory_mb * 1048576, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    out_of_memory = False
    try:
        from openpyxl import load_workbook

        rows, size = [], 0
        with open(path, "rb") as handle:
            sheet = load_workbook(handle, read_only=True, data_only=True).worksheets[0]
            for values in sheet.iter_rows(values_only=True, max_col=max_columns):
                if any(v not in (None, "") for v in values):
                    row = [_cell(v) for v in values]
                    while row and row[-1] is None:  # iter_rows pads every row to max_col
                        row.pop()
                    rows.append(row)
                    size += sum(len(str(v)) + 4 for v in rows[-1])
                    if size > MAX_OUTPUT:
                        return TOO_BIG_EXIT
                    if len(rows) >= max_rows:
                        break
        sys.stdout.write(json.dumps(rows))
    except MemoryError:
        out_of_memory = True  # answered below, once the frames that held the memory are gone
    except Exception:  # noqa: BLE001 — openpyxl raises many types for a broken file
        return BROKEN_EXIT
    return MEMORY_EXIT if out_of_memory else 0


if __name__ == "__main__":
    code = main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    sys.stderr.write(f"peak_kb {peak_kb()}\n")
    sys.exit(code)
