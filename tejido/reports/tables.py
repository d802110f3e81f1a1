"""What a report table is, independent of its format: stable ids for the table and its
columns (the JSON contract in docs/reports.md), rows of plain values and a totals row.
Every format (HTML, XLSX, JSON, ...) renders these same objects, so they carry the same numbers."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

INT, TEXT, MONEY, PERCENT = "int", "text", "money", "percent"
DECIMAL = "decimal"  # a mean or a ratio: two decimals and no «%» (a daily mean of 474.12 is not a percent)


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = INT


@dataclass
class Table:
    id: str
    title: str
    columns: list[Column]
    rows: list[dict]
    totals: dict = field(default_factory=dict)
    note: str = ""
    # Drawing hints: {"kind": "bar" | "pie", "column": <value column>, "map": bool}; the first
    # column holds the categories (departments for a map).
    chart: dict | None = None
    # Drill-down to the people behind person counts (drill.drill_spec); page only.
    drill: dict | None = None

    def as_contract(self) -> dict:
        contract = {"id": self.id, "title": str(self.title),
                    "columns": [{"id": c.id, "label": str(c.label), "kind": c.kind} for c in self.columns],
                    "rows": [self._values(r) for r in self.rows], "totals": self._values(self.totals, totals=True)}
        if self.note:
            contract["note"] = str(self.note)
        if self.chart:
            contract["chart"] = dict(self.chart)
        if self.drill:
            contract["drill"] = dict(self.drill)
        return contract

    def _values(self, row: dict, totals: bool = False) -> dict:
        out = {}
        for column in self.columns:
            if column.id not in row:
                continue
            out[column.id] = plain(row[column.id], column.kind)
        return out


def plain(value, kind: str):
    """Counts as integers; money, percentages and decimals (means) as numbers with two decimals."""
    if value is None:
        return None
    if kind == INT:
        return int(value)
    if kind in (MONEY, PERCENT, DECIMAL):
        return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return str(value)


def percent(part, whole):
    return round(100 * part / whole, 2) if whole else None


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    program: str                       # accounts.Program code, or "" for the whole secretariat
    build: Callable                    # build(user, period) -> Table


TABLES: dict[str, TableSpec] = {}


def register(spec: TableSpec) -> TableSpec:
    TABLES[spec.id] = spec
    return spec
