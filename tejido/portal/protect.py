"""Small-cell protection of a year's report tables (their JSON contracts) with the allow-list's
description, as one problem: every published table, over the year, its four-month periods and its
months, with every relation a reader can use (suppression.py):

- within a row: the catalogue's sums (men + women = total);
- down a column: the rows against the totals row (the physical targets: the totals row is the sum
  of the person outputs, an output counted as the sum of its sub-outputs is that sum);
- across periods: the year against its four-month periods and each of those against its months,
  for every row label and column (for distinct people the period's total is at most the sum of its
  parts, for receptions or products delivered it is exactly the sum; a row missing from a period is
  a 0 the reader knows); a stock counted on the period's last day (`Published.stock`) equals its
  last part's;
- across tables: a population whose total several tables show (the women served) and an executed
  physical target equal to a program's total;
- a listed row that exists because someone was counted (`Published.floor`).

Cells are (table id, (period, row label, occurrence), column). Their order (suppression.py breaks
ties by it) comes from positions, never from the labels, so every language gets the same cells
hidden."""

import copy
from collections import Counter
from dataclasses import dataclass, field

from .catalogue import PUBLISHED, Published
from .suppression import COMPLEMENTARY, TOTALS, Relation, Stats, suppress

TARGETS = "planning.physical_targets"
# Totals an executed physical target can repeat (the same distinct people or families counted).
PROGRAM_TOTALS = [("childcare.children_by_department", "total"), ("elderly.by_department", "beneficiaries"),
                  ("women.by_department", "women"), ("social_service.persons_by_department", "total"),
                  ("migrants.by_destination_department", "families"),
                  ("migrants.by_destination_department", "people")]
TOTALS_POSITION = 10**6


def row_refs(contract: dict, period_key: str, spec: Published | None = None) -> list[tuple]:
    """(period, row label, occurrence) per row. The label is the first column's, or the columns of
    `Published.row_key` (a center's row is its department and its center: the same center is the
    same row in every period, wherever it falls in the list)."""
    key_columns = (spec.row_key if spec is not None else ()) or (contract["columns"][0]["id"],)
    seen, refs = Counter(), []
    for row in contract["rows"]:
        label = " · ".join(str(row.get(column, "")) for column in key_columns)
        refs.append((period_key, label, seen[label]))
        seen[label] += 1
    return refs


def _rows(contract: dict, refs: list[tuple], period_key: str):
    """(position, reference, row) for every row and the totals row."""
    for position, (ref, row) in enumerate(zip(refs, contract["rows"], strict=True)):
        yield position, ref, row
    if contract.get("totals"):
        yield TOTALS_POSITION, (period_key, TOTALS, 0), contract["totals"]


@dataclass
class Problem:
    values: dict = field(default_factory=dict)
    relations: list = field(default_factory=list)
    floors: dict = field(default_factory=dict)
    fixed: set = field(default_factory=set)
    order: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TargetRow:
    """What the physical targets table does not show but a reader of the plan knows, per row."""
    label: str
    person_output: bool = False        # an output (not a sub-output) counted in persons: in the totals row
    sums_children: bool = False        # its execution is the sum of its sub-outputs of the same unit
    children: tuple = ()               # positions of those sub-outputs


def _table(problem: Problem, spec: Published, t: int, periods: list[str], contracts: dict, targets) -> dict:
    """The table's cells, floors, row sums and column sums in every period; returns the row labels
    numbered in order of first appearance."""
    columns = {column: c for c, column in enumerate(spec.counts)}
    always = {str(label) for label in spec.always_listed}
    labels = {}  # (label, occurrence) -> a number in order of first appearance (for a missing row's 0)
    for p, key in enumerate(periods):
        contract = contracts[key][spec.table_id]
        refs = row_refs(contract, key, spec)
        for position, ref, row in _rows(contract, refs, key):
            labels.setdefault(ref[1:], len(labels))
            for column in spec.counts:
                if row.get(column) is None:
                    continue
                cell = (spec.table_id, ref, column)
                problem.values[cell] = int(row[column])
                problem.order[cell] = (t, p, position, columns[column])
                if (spec.floor == column and ref[1] != TOTALS and ref[1] not in always
                        and problem.values[cell] >= 1):
                    problem.floors[cell] = 1
            for parts, total in spec.row_sums:
                problem.relations.append(Relation(tuple((spec.table_id, ref, part) for part in parts),
                                                  (spec.table_id, ref, total)))
        if not contract.get("totals"):
            continue
        totals = (key, TOTALS, 0)
        rows = [(position, ref) for position, ref, _row in _rows(contract, refs, key) if ref != totals]
        if spec.table_id == TARGETS and targets is not None:
            _target_sums(problem, key, rows, targets)
            continue
        for column in spec.counts:
            problem.relations.append(Relation(tuple((spec.table_id, ref, column) for _position, ref in rows),
                                              (spec.table_id, totals, column)))
    return labels


def _target_sums(problem: Problem, key: str, rows: list, targets: list[TargetRow]) -> None:
    """The physical targets' own sums, when the period's rows are the plan's rows."""
    if [ref[1] for _position, ref in rows] != [target.label for target in targets]:
        return
    cell = [(TARGETS, ref, "executed") for _position, ref in rows]
    problem.relations.append(Relation(tuple(c for c, target in zip(cell, targets, strict=True)
                                            if target.person_output and c in problem.values),
                                      (TARGETS, (key, TOTALS, 0), "executed")))
    for c, target in zip(cell, targets, strict=True):
        if target.sums_children and c in problem.values:
            problem.relations.append(Relation(tuple(cell[i] for i in target.children if cell[i] in problem.values),
                                              c))


def year_problem(contracts: dict, nesting: list[tuple], specs: list[Published] = PUBLISHED,
                 targets: list[TargetRow] | None = None) -> Problem:
    """contracts: period key -> table id -> contract (periods in a fixed order); nesting: (period
    key, [keys of the periods that make it up])."""
    problem = Problem()
    periods = list(contracts)
    for t, spec in enumerate(specs):
        labels = _table(problem, spec, t, periods, contracts, targets)
        for parent, children in nesting:
            if not all(key in contracts for key in (parent, *children)):
                continue
            # A stock (people on the last day of the period) is the same figure in a period and in
            # its last part; a flow (people served in the period) is made up of its parts.
            parts = children[-1:] if spec.stock else children
            for (label, n), number in labels.items():
                for c, column in enumerate(spec.counts):
                    cells = [(spec.table_id, (key, label, n), column) for key in (*parts, parent)]
                    if not any(cell in problem.values for cell in cells):
                        continue
                    for cell in cells:
                        if cell not in problem.values:  # not listed in that period: nobody, as a reader knows
                            problem.values[cell] = 0
                            problem.fixed.add(cell)
                            problem.order[cell] = (t, periods.index(cell[1][0]), TOTALS_POSITION + 1 + number, c)
                    problem.relations.append(Relation(tuple(cells[:-1]), cells[-1]))
    # One population's total shown by several tables: the same figure, hidden in all or none.
    for key in periods:
        for population in sorted({p for spec in specs for p in spec.shared.values()}):
            shown = [(spec.table_id, (key, TOTALS, 0), column) for spec in specs
                     for column, p in spec.shared.items() if p == population]
            shown = [cell for cell in shown if cell in problem.values]
            problem.relations += [Relation((a,), b) for a, b in zip(shown, shown[1:], strict=False)]
        executed = [cell for cell in problem.values if cell[0] == TARGETS and cell[1][0] == key]
        for table_id, column in PROGRAM_TOTALS:
            other = (table_id, (key, TOTALS, 0), column)
            for cell in sorted(executed, key=problem.order.get):
                if other in problem.values and problem.values[cell] == problem.values[other]:
                    problem.relations.append(Relation((cell,), other))
    return problem


def protect_year(contracts: dict, nesting: list[tuple], specs: list[Published] = PUBLISHED,
                 targets: list[TargetRow] | None = None, stats: Stats | None = None, memo: dict | None = None) -> dict:
    """Hidden cells of every table over every period: table id -> {(period reference, column): marker}.
    `memo`: the last protection of these tables (filled in); when the figures are the same (another
    language of the same data), its cells are hidden again without solving anything, so every
    language shows the same cells hidden."""
    problem = year_problem(contracts, nesting, specs, targets)
    figures = {problem.order[c]: v for c, v in problem.values.items()}
    if memo is not None and memo.get("figures") == figures:
        hidden = {c: memo["hidden"][problem.order[c]] for c in problem.values if problem.order[c] in memo["hidden"]}
        if stats is not None:
            stats.reused += 1
    else:
        hidden = suppress(problem.values, problem.relations, floors=problem.floors, fixed=frozenset(problem.fixed),
                          order=problem.order, stats=stats)
        if memo is not None:
            memo.update(figures=figures, hidden={problem.order[c]: mark for c, mark in hidden.items()})
    by_table = {spec.table_id: {} for spec in specs}
    for (table_id, ref, column), mark in hidden.items():
        by_table[table_id][(ref, column)] = mark
    return by_table


def protect_periods(contracts: dict, nesting: list[tuple], spec: Published) -> dict:
    """One table over several periods (period key -> contract): {(period reference, column): marker}."""
    return protect_year({key: {spec.table_id: contract} for key, contract in contracts.items()}, nesting,
                        [spec])[spec.table_id]


def hidden_of(contract: dict, spec: Published, period_key: str, hidden: dict) -> dict:
    """This table's hidden cells as (row index or TOTALS, column), with its percentages: a share
    reveals its count, and with a visible count its hidden denominator."""
    index = {ref: i for i, ref in enumerate(row_refs(contract, period_key, spec))}
    index[(period_key, TOTALS, 0)] = TOTALS
    own = {(index[ref], column): mark for (ref, column), mark in hidden.items() if ref in index}
    keys = list(range(len(contract["rows"]))) + ([TOTALS] if contract.get("totals") else [])
    for key in keys:
        row = contract["totals"] if key == TOTALS else contract["rows"][key]
        for percent, column in spec.percents.items():
            if row.get(percent) is None:
                continue
            if (key, column) in own:
                own[(key, percent)] = own[(key, column)]
            elif (TOTALS, column) in own:
                own[(key, percent)] = COMPLEMENTARY
    return own


def apply(contract: dict, hidden: dict) -> dict:
    """A copy of the table with hidden values as null and `suppressed` markers beside them."""
    protected = copy.deepcopy(contract)
    markers = {"rows": [{} for _row in protected["rows"]], "totals": {}}
    for (key, column), mark in hidden.items():
        row = protected["totals"] if key == TOTALS else protected["rows"][key]
        row[column] = None
        (markers["totals"] if key == TOTALS else markers["rows"][key])[column] = mark
    protected["suppressed"] = markers
    protected.pop("drill", None)  # links to people never leave the institution
    return protected
