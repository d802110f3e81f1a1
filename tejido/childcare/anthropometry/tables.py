"""The WHO LMS tables shipped in `tejido/childcare/who_tables/`, read once on first use.

Each table is a run of equally spaced rows per sex:

| name       | file                        | axis                    | rows            |
|------------|-----------------------------|-------------------------|-----------------|
| wfa        | who2006/weianthro.txt       | age in days             | 0..1826         |
| lhfa       | who2006/lenanthro.txt       | age in days             | 0..1826         |
| bfa        | who2006/bmianthro.txt       | age in days             | 0..1826         |
| wfl        | who2006/wflanthro.txt       | length, cm (lying)      | 45.0..110.0 by 0.1 |
| wfh        | who2006/wfhanthro.txt       | height, cm (standing)   | 65.0..120.0 by 0.1 |
| wfa_2007   | who2007/wfawho2007.txt      | age in months           | 60..121         |
| hfa_2007   | who2007/hfawho2007.txt      | age in months           | 60..229         |
| bfa_2007   | who2007/bfawho2007.txt      | age in months           | 60..229         |

`lookup()` returns the row at a point, or the linear interpolation of L, M and S between
the two rows around it (what the WHO macros do for lengths between 0.1 cm rows and for
fractional months); None outside the table.
"""

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .lms import Lms

TABLES_DIR = Path(__file__).resolve().parent.parent / "who_tables"

# name -> (file, column holding the axis, step between rows)
TABLE_FILES = {
    "wfa": ("who2006/weianthro.txt", "age", 1),
    "lhfa": ("who2006/lenanthro.txt", "age", 1),
    "bfa": ("who2006/bmianthro.txt", "age", 1),
    "wfl": ("who2006/wflanthro.txt", "length", 0.1),
    "wfh": ("who2006/wfhanthro.txt", "height", 0.1),
    "wfa_2007": ("who2007/wfawho2007.txt", "age", 1),
    "hfa_2007": ("who2007/hfawho2007.txt", "age", 1),
    "bfa_2007": ("who2007/bfawho2007.txt", "age", 1),
}

# A point closer than this to a row (in rows) is that row: absorbs float noise such as
# 72.86 - 0.7 = 72.16000000000001.
_ON_ROW = 1e-9


@dataclass(frozen=True)
class LmsTable:
    name: str
    start: float  # axis value of the first row (same for both sexes)
    step: float
    rows: dict[int, tuple[Lms, ...]]  # sex (1, 2) -> rows in axis order

    @property
    def end(self) -> float:
        return self.start + self.step * (len(self.rows[1]) - 1)

    def lookup(self, sex: int, x: float) -> Lms | None:
        rows = self.rows[sex]
        position = (x - self.start) / self.step
        index = math.floor(position + _ON_ROW)
        fraction = position - index
        if index < 0 or index >= len(rows):
            return None
        if fraction <= _ON_ROW:
            return rows[index]
        if index + 1 >= len(rows):
            return None
        return rows[index].interpolate(rows[index + 1], fraction)


@cache
def table(name: str) -> LmsTable:
    """The named table, parsed on first use and kept for the life of the process."""
    relative_path, axis, step = TABLE_FILES[name]
    return _parse(name, (TABLES_DIR / relative_path).read_text(encoding="ascii"), axis, step)


def _parse(name: str, text: str, axis: str, step: float) -> LmsTable:
    lines = text.splitlines()
    header = lines[0].split()
    columns = {column: header.index(column) for column in ("sex", axis, "l", "m", "s")}
    points: dict[int, list[tuple[float, Lms]]] = {1: [], 2: []}
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split()
        sex = int(cells[columns["sex"]])
        lms = Lms(*(float(cells[columns[key]]) for key in ("l", "m", "s")))
        points[sex].append((float(cells[columns[axis]]), lms))

    start = points[1][0][0]
    rows = {}
    for sex, sex_points in points.items():
        sex_points.sort(key=lambda point: point[0])
        # The tables must be complete runs: a missing or misplaced row would silently
        # shift every lookup after it.
        for index, (x, _) in enumerate(sex_points):
            if abs(x - (start + index * step)) > step / 100:
                raise ValueError(f"WHO table {name}: sex {sex} has {x} where row {index} should be")
        rows[sex] = tuple(lms for _, lms in sex_points)
    if len(rows[1]) != len(rows[2]):
        raise ValueError(f"WHO table {name}: the two sexes have different row counts")
    return LmsTable(name=name, start=start, step=step, rows=rows)
