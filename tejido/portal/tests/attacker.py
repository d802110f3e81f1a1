"""An outside attacker, written apart from the portal's own protection code (it shares nothing
with tejido/portal/suppression.py or protect.py): it reads what a year's publication shows (the
same tables the page, the CSV, the JSON and the API serve), writes down every additive relation
those figures have, and solves for each hidden cell the smallest and the largest integer it can
be, with integer programming (HiGHS through scipy.optimize.milp).

What the attacker knows:
- every visible figure, exactly;
- a marker's range, as the publication states it (`suppression.ranges`; older publications did
  not state it and documented "<5" as 1 to 4 and "*" as 5 or more);
- within a row: the sums of the catalogue (men + women = total, ...);
- down a column: the rows against the totals row; for the physical targets, the totals row is the
  sum of the person outputs and an output counted as the sum of its sub-outputs is that sum;
- across periods: the year against its four-month periods, each of those against its months,
  for every row label and column (a row missing from a period is a 0); a table counted on the
  period's last day (caregivers) shows in a period the figure of its last part; a center's row is
  the same center in every period (its department or municipality and its name);
- across tables: the women served (the same total in the four women tables), and an executed
  physical target equal to a program's total;
- that a listed row counted someone where the report lists only rows that did.
Sums of distinct people may count a person in two rows or two periods: where the true figures do
not add up exactly, the attacker gets "total <= sum of parts" and "each part <= total" (what holds),
otherwise the exact sum (the strongest statement the figures allow)."""

import math
from collections import defaultdict

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_matrix

from tejido.portal.catalogue import BY_ID

PERIODS = ["Y", "C1", "C2", "C3", *[f"M{m}" for m in range(1, 13)]]
NESTING = [("Y", ["C1", "C2", "C3"])] + [(f"C{n}", [f"M{m}" for m in range(4 * n - 3, 4 * n + 1)]) for n in (1, 2, 3)]
TOTAL = "__total__"
# A row of these tables exists only because someone was counted in this column.
LISTED_IF_COUNTED = {"childcare.children_by_department": "total", "elderly.by_department": "beneficiaries",
                     "migrants.by_destination_department": "families", "women.by_language_community": "women",
                     "childcare.caregivers_by_payer": "total", "childcare.ready_for_primary": "total"}
# A row of these tables is named by several columns (a center within its department or municipality).
ROW_KEYS = {"childcare.violence_prevention_talks": ("department", "center"),
            "childcare.other_talks": ("department", "center"),
            "childcare.nutrition_talks": ("municipality", "center")}
# Counted on the period's last day («al final del periodo»): the year is its last four-month
# period, which is its last month.
STOCKS = {"childcare.caregivers_by_payer"}
WOMEN_TABLES = ["women.by_department", "women.by_age_group", "women.by_pueblo", "women.by_language_community"]
PROGRAM_TOTALS = [("childcare.children_by_department", "total"), ("elderly.by_department", "beneficiaries"),
                  ("women.by_department", "women"), ("social_service.persons_by_department", "total"),
                  ("migrants.by_destination_department", "families"), ("migrants.by_destination_department", "people")]
LEGACY_RANGES = {"<5": (1, 4), "*": (5, None)}


def _rows(table: dict):
    """(label, occurrence, row, markers) for every row, then the totals row."""
    names = ROW_KEYS.get(table["id"], (table["columns"][0]["id"],))
    seen = defaultdict(int)
    marks = table.get("suppressed", {}).get("rows") or [{} for _row in table["rows"]]
    for row, mark in zip(table["rows"], marks, strict=True):
        label = " / ".join(str(row.get(name, "")) for name in names)
        yield label, seen[label], row, mark
        seen[label] += 1
    if table.get("totals"):
        yield TOTAL, 0, table["totals"], table.get("suppressed", {}).get("totals") or {}


def read(year: dict) -> tuple[dict, dict]:
    """({cell: value or marker}, {marker: (low, high)}) of a year's publication (period key ->
    publication). Cell: (table id, period key, row label, occurrence, column)."""
    shown, ranges = {}, None
    for key, publication in year.items():
        stated = publication.get("suppression", {}).get("ranges")
        ranges = ranges or ({mark: tuple(bounds) for mark, bounds in stated.items()} if stated else LEGACY_RANGES)
        for table in publication["tables"]:
            for label, n, row, mark in _rows(table):
                for column in BY_ID[table["id"]].counts:
                    if column in mark:
                        shown[(table["id"], key, label, n, column)] = mark[column]
                    elif row.get(column) is not None:
                        shown[(table["id"], key, label, n, column)] = int(row[column])
    return shown, ranges


def true_values(contracts: dict) -> dict:
    """{cell: value} of the unprotected tables (period key -> table id -> contract)."""
    values = {}
    for key, tables in contracts.items():
        for table_id, table in tables.items():
            if table_id not in BY_ID:
                continue
            for label, n, row, _mark in _rows(table):
                for column in BY_ID[table_id].counts:
                    if row.get(column) is not None:
                        values[(table_id, key, label, n, column)] = int(row[column])
    return values


def relations(values: dict, targets: dict | None = None) -> tuple[list, dict]:
    """(sums, floors): sums as (parts, total) over cells of `values` (true figures, with the 0 of a row
    missing from a period added to `values`); floors: cell -> 1 where the row's existence says so.
    `targets`: period key -> [(row label, occurrence, kind, unit is person, parent label/occurrence or
    None, adds its sub-outputs)] for the physical targets table."""
    sums, floors = [], {}
    by_table = defaultdict(lambda: defaultdict(set))  # table -> period -> {(label, n)}
    for table_id, key, label, n, _column in values:
        by_table[table_id][key].add((label, n))
    for table_id, periods in by_table.items():
        spec = BY_ID[table_id]
        for key, rows in periods.items():
            body = sorted(r for r in rows if r[0] != TOTAL)
            for label, n in rows:
                for parts, total in spec.row_sums:
                    sums.append(([(table_id, key, label, n, p) for p in parts], (table_id, key, label, n, total)))
                floor_column = LISTED_IF_COUNTED.get(table_id)
                if floor_column and label != TOTAL and values.get((table_id, key, label, n, floor_column), 0) >= 1:
                    floors[(table_id, key, label, n, floor_column)] = 1
            if (TOTAL, 0) not in rows:
                continue
            for column in spec.counts:
                total = (table_id, key, TOTAL, 0, column)
                if total not in values:
                    continue
                if table_id == "planning.physical_targets":
                    continue  # its own sums below
                sums.append(([(table_id, key, label, n, column) for label, n in body
                              if (table_id, key, label, n, column) in values], total))
        labels = {r for rows in periods.values() for r in rows}
        for parent, children in NESTING:
            if parent not in periods and not any(c in periods for c in children):
                continue
            for label, n in labels:
                for column in spec.counts:
                    cells = [(table_id, child, label, n, column)
                             for child in (children[-1:] if table_id in STOCKS else children)]
                    total = (table_id, parent, label, n, column)
                    if not any(c in values for c in [*cells, total]):
                        continue
                    for cell in [*cells, total]:
                        values.setdefault(cell, 0)
                    sums.append((cells, total))
    for key in PERIODS:
        women = [(t, key, TOTAL, 0, "women") for t in WOMEN_TABLES if (t, key, TOTAL, 0, "women") in values]
        sums += [([a], b) for a, b in zip(women, women[1:], strict=False)]
    for key, rows in (targets or {}).items():
        table = "planning.physical_targets"
        cell = {(label, n): (table, key, label, n, "executed") for label, n, *_rest in rows}
        people = [cell[(label, n)] for label, n, kind, person, _parent, _adds in rows
                  if kind == "output" and person and cell[(label, n)] in values]
        if (table, key, TOTAL, 0, "executed") in values:
            sums.append((people, (table, key, TOTAL, 0, "executed")))
        for label, n, _kind, _person, _parent, adds in rows:
            if adds and cell[(label, n)] in values:
                subs = [cell[(sl, sn)] for sl, sn, _k, _p, parent, _a in rows if parent == (label, n)
                        and cell[(sl, sn)] in values]
                sums.append((subs, cell[(label, n)]))
        for label, n, *_rest in rows:
            executed = cell[(label, n)]
            for program_table, column in PROGRAM_TOTALS:
                other = (program_table, key, TOTAL, 0, column)
                if executed in values and other in values and values[executed] == values[other]:
                    sums.append(([executed], other))
    return sums, floors


class Attack:
    """The integer program over the hidden cells of one year."""

    def __init__(self, shown: dict, ranges: dict, values: dict, sums: list, floors: dict):
        self.values, self.floors = values, floors
        self.hidden = sorted((c for c, v in shown.items() if isinstance(v, str)), key=str)
        self.index = {c: i for i, c in enumerate(self.hidden)}
        known = {c: v for c, v in shown.items() if not isinstance(v, str)}
        # Cells not published at all (a row missing from a period) are known zeros.
        known.update({c: 0 for c in values if c not in shown})
        low = [max(ranges[shown[c]][0], floors.get(c, 0)) for c in self.hidden]
        high = [np.inf if ranges[shown[c]][1] is None else ranges[shown[c]][1] for c in self.hidden]
        rows, lower, upper = [], [], []

        def add(terms, equal):
            coefficients, constant = defaultdict(float), 0.0
            for sign, cell in terms:
                if cell in self.index:
                    coefficients[self.index[cell]] += sign
                else:
                    constant += sign * known[cell]
            if any(coefficients.values()):
                rows.append(coefficients)
                lower.append(-constant if equal else -np.inf)
                upper.append(-constant)

        for parts, total in sums:
            part_sum, whole = sum(values[p] for p in parts), values[total]
            if part_sum == whole:
                add([(1, p) for p in parts] + [(-1, total)], equal=True)
            elif part_sum > whole:  # distinct people: the total is at most the parts, each part at most the total
                add([(1, total)] + [(-1, p) for p in parts], equal=False)
                for p in parts:
                    if values[p] <= whole:
                        add([(1, p), (-1, total)], equal=False)
            else:
                add([(1, p) for p in parts] + [(-1, total)], equal=False)
        # Hidden cells no relation ties together are solved apart (same answers, smaller programs).
        parent = list(range(len(self.hidden)))

        def root(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for row in rows:
            first, *others = row
            for other in others:
                parent[root(other)] = root(first)
        self.group = [root(i) for i in range(len(self.hidden))]
        members, rows_of = defaultdict(list), defaultdict(list)
        for i, g in enumerate(self.group):
            members[g].append(i)
        for r, row in enumerate(rows):
            rows_of[self.group[next(iter(row))]].append(r)
        self.programs = {}
        for g, cells in members.items():
            local = {i: k for k, i in enumerate(cells)}
            mine = rows_of[g]
            matrix = csr_matrix(([v for r in mine for v in rows[r].values()],
                                 ([k for k, r in enumerate(mine) for _v in rows[r]],
                                  [local[j] for r in mine for j in rows[r]])), shape=(len(mine), len(cells)))
            constraints = [LinearConstraint(matrix, [lower[r] for r in mine], [upper[r] for r in mine])] if mine else []
            self.programs[g] = (local, constraints, Bounds([low[i] for i in cells], [high[i] for i in cells]))

    def range(self, cell) -> tuple[int, int | None]:
        """Smallest and largest integer the cell can be (None: no upper limit)."""
        found = []
        local, constraints, bounds = self.programs[self.group[self.index[cell]]]
        for sign in (1, -1):
            objective = np.zeros(len(local))
            objective[local[self.index[cell]]] = sign
            result = milp(objective, constraints=constraints, integrality=np.ones(len(local)), bounds=bounds)
            if result.status == 3 or (sign == -1 and result.status != 0 and result.x is None):
                found.append(None)
                continue
            assert result.status == 0, f"the published figures do not fit their relations ({result.message})"
            found.append(round(sign * result.fun))
        return found[0], found[1]

    def ranges(self) -> dict:
        return {cell: self.range(cell) for cell in self.hidden}


def required(value: int, floor: int = 0) -> tuple[int, int]:
    """The protection interval a hidden count must keep, for a count of 1 to 4: the attacker's range
    must reach value - p and value + p, p = max(1, 25 % of the value) (tau-argus' frequency rule with
    a 25 % safety range and a minimum of one unit: one person), within what "<5" already says (1 to
    4). Other hidden cells (complements) must just not be pinned: (value, value)."""
    if not 1 <= value <= 4:
        return value, value
    level = max(1.0, 0.25 * value)
    return max(math.floor(value - level + 1e-9), 1, floor), min(math.ceil(value + level - 1e-9), 4)


def plan_rows(year: int) -> dict | None:
    """The physical targets' structure as a reader of the year's plan knows it, per period key:
    [(row label, occurrence, kind, counts persons, parent (label, occurrence), adds its sub-outputs)]."""
    from tejido.planning.models import Output, Plan, RuleKind, Unit

    plan = Plan.objects.filter(year=year).first()
    if plan is None:
        return None
    outputs = list(Output.objects.filter(activity__plan=plan).select_related("activity", "indicator"))
    products = [o for o in outputs if o.parent_id is None]
    rows, seen = [], defaultdict(int)

    def add(output, kind, parent):
        label = output.name
        adds = kind == "output" and getattr(getattr(output, "indicator", None), "kind", "") == RuleKind.SUM_SUBOUTPUTS
        rows.append((label, seen[label], kind, output.unit == Unit.PERSON, parent, adds))
        seen[label] += 1
        return (label, seen[label] - 1)

    for product in sorted(products, key=lambda o: (o.activity.position, o.position, o.id)):
        me = add(product, "output", None)
        for child in sorted((o for o in outputs if o.parent_id == product.pk), key=lambda o: (o.position, o.id)):
            if child.unit == product.unit:
                add(child, "suboutput", me)
            else:
                add(child, "suboutput", None)
    return {key: rows for key in PERIODS}
