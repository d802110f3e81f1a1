"""Row-by-row CSV scoring: each input row comes out with its z-scores and flags added.

Input columns: sex (1 male, 2 female), birth_date, measure_date (YYYY-MM-DD), weight_kg,
height_cm, and optionally measured (L or H) and oedema (y/n, s/n). Any other column is
passed through untouched. A row that cannot be scored gets the reason in `flags` and empty
z-scores; the file goes on.
"""

import csv
import math
from collections.abc import Iterable, Iterator
from datetime import date

from . import flags as F
from .engine import LYING, STANDING, compute
from .lms import round_z

REQUIRED_COLUMNS = ("sex", "birth_date", "measure_date", "weight_kg", "height_cm")
Z_COLUMNS = ("zwfa", "zhfa", "zwfh", "zbfa")
CLASS_COLUMNS = ("acute_class", "chronic_class")
FLAGS_COLUMN = "flags"
FLAG_SEPARATOR = ";"
IMPLAUSIBLE_CODES = frozenset(F.IMPLAUSIBLE.values())

_YES = {"y", "yes", "s", "si", "sí", "1", "true"}
_NO = {"", "n", "no", "0", "false"}


class MissingColumns(ValueError):
    def __init__(self, missing: list[str]):
        super().__init__("Faltan columnas en el archivo: " + ", ".join(missing))
        self.missing = missing


def output_columns(input_columns: list[str], with_classes: bool = False) -> list[str]:
    """The input's columns, then the computed ones (a computed column already present in
    the input, e.g. when a scored file is scored again, is overwritten in place)."""
    added = [*Z_COLUMNS, *(CLASS_COLUMNS if with_classes else ()), FLAGS_COLUMN]
    return [*input_columns, *(column for column in added if column not in input_columns)]


def score_csv(lines: Iterable[str], out, *, delimiter: str = ",", with_classes: bool = False,
              implausible: list | None = None) -> int:
    """Read CSV text from `lines` (any iterable of lines, e.g. an open file) and write the
    scored rows to `out` (anything with .write), one row at a time. Returns rows written.
    `implausible`, when given, receives (line number, row) of each row with a z-score outside
    WHO's plausibility limits (a `*_improbable` flag): measures to check before using them."""
    reader = csv.DictReader(lines, delimiter=delimiter)
    input_columns = [column.strip() for column in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in input_columns]
    if missing:
        raise MissingColumns(missing)
    reader.fieldnames = input_columns
    columns = output_columns(input_columns, with_classes)
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in score_rows(reader, with_classes=with_classes):
        writer.writerow(row)
        count += 1
        if implausible is not None and any(code in IMPLAUSIBLE_CODES for code in row[FLAGS_COLUMN].split(";")):
            implausible.append((reader.line_num, row))
    return count


def score_rows(rows: Iterable[dict], *, with_classes: bool = False) -> Iterator[dict]:
    for row in rows:
        yield {**row, **score_row(row, with_classes=with_classes)}


def score_row(row: dict, *, with_classes: bool = False) -> dict[str, str]:
    """The computed cells for one input row (all strings, empty where not applicable)."""
    found: list[str] = []
    sex = _sex(row.get("sex"), found)
    birth_date = _date(row.get("birth_date"), found)
    measure_date = _date(row.get("measure_date"), found)
    weight = _number(row.get("weight_kg"), F.WEIGHT_INVALID, found)
    height = _number(row.get("height_cm"), F.HEIGHT_INVALID, found)
    measured = _measured(row.get("measured"), found)
    oedema = _oedema(row.get("oedema"), found)

    cells = {column: "" for column in (*Z_COLUMNS, *(CLASS_COLUMNS if with_classes else ()))}
    if sex is not None and birth_date is not None and measure_date is not None:
        if oedema is None:  # unknown oedema: weight-based indicators are not safe to give
            weight, oedema = None, False
        result = compute(sex, birth_date, measure_date, weight, height, measured, oedema)
        for column in Z_COLUMNS:
            cells[column] = format_z(result.rounded(column))
        if with_classes:
            cells["acute_class"] = result.acute_class or ""
            cells["chronic_class"] = result.chronic_class or ""
        found.extend(code for code in result.flag_codes if code not in found)
    cells[FLAGS_COLUMN] = FLAG_SEPARATOR.join(dict.fromkeys(found))
    return cells


def format_z(z: float | None) -> str:
    """2 decimals, halves away from zero; never "-0.00"."""
    z = round_z(z)
    return "" if z is None else f"{z + 0.0:.2f}"


def _clean(value) -> str:
    return (value or "").strip()


def _sex(value, found) -> int | None:
    value = _clean(value)
    if value in ("1", "2"):
        return int(value)
    found.append(F.SEX_INVALID)
    return None


def _date(value, found) -> date | None:
    try:
        return date.fromisoformat(_clean(value))
    except ValueError:
        if F.DATE_INVALID not in found:
            found.append(F.DATE_INVALID)
        return None


def _number(value, code, found) -> float | None:
    value = _clean(value)
    if not value:
        return None
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")  # decimal comma
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not number > 0 or math.isinf(number):
        found.append(code)
        return None
    return number


def _measured(value, found) -> str | None:
    value = _clean(value).upper()
    if value in ("", LYING, STANDING):
        return value or None
    found.append(F.POSITION_INVALID)
    return None


def _oedema(value, found) -> bool | None:
    value = _clean(value).lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    found.append(F.OEDEMA_INVALID)
    return None
