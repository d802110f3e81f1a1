"""Small-cell protection of report tables (their JSON contracts) with the allow-list's description.

A year, its four-month periods and its months are protected together: a month is part of its
four-month period and of the year, so a cell hidden in one period must not come back by subtracting
the other periods' figures (for distinct people the period's total is at most the sum of its parts;
for receptions or products delivered it is exactly the sum). Cells are ((period, row label,
occurrence), column), so the same department lines up across periods."""

import copy
from collections import Counter

from .catalogue import Published
from .suppression import COMPLEMENTARY, TOTALS, Relation, suppress


def row_refs(contract: dict, period_key: str) -> list[tuple]:
    first = contract["columns"][0]["id"]
    seen, refs = Counter(), []
    for row in contract["rows"]:
        label = str(row.get(first, ""))
        refs.append((period_key, label, seen[label]))
        seen[label] += 1
    return refs


def _rows(contract: dict, refs: list[tuple], period_key: str):
    """(reference, row) for every row and the totals row."""
    yield from zip(refs, contract["rows"], strict=True)
    if contract.get("totals"):
        yield (period_key, TOTALS, 0), contract["totals"]


def table_cells(contract: dict, spec: Published, period_key: str):
    """(values, relations) of one table of one period."""
    refs = row_refs(contract, period_key)
    values = {(ref, column): int(row[column]) for ref, row in _rows(contract, refs, period_key)
              for column in spec.counts if row.get(column) is not None}
    relations = [Relation(tuple((ref, p) for p in parts), (ref, total))
                 for ref, _row in _rows(contract, refs, period_key) for parts, total in spec.row_sums]
    if contract.get("totals"):
        relations += [Relation(tuple((ref, column) for ref in refs), ((period_key, TOTALS, 0), column))
                      for column in spec.counts]
    return values, relations


def protect_periods(contracts: dict, nesting: list[tuple], spec: Published, forced: frozenset = frozenset()):
    """Hidden cells of one table over several periods. contracts: period key -> contract;
    nesting: (period key, [keys of the periods that make it up]). The audit solves each period
    together with the periods that make it up (the year with its four-month periods, each of those
    with its months); a period outside any nesting alone."""
    values, by_period = {}, {}
    for key, contract in contracts.items():
        table_values, by_period[key] = table_cells(contract, spec, key)
        values.update(table_values)
    labels = {(ref[1], ref[2]) for ref, _column in values}
    relations = [r for key in contracts for r in by_period[key]]
    groups, nested = [], set()
    for parent, children in nesting:
        sums = []
        for label, n in labels:
            for column in spec.counts:
                cells = [((child, label, n), column) for child in children]
                total = ((parent, label, n), column)
                for cell in [*cells, total]:
                    values.setdefault(cell, 0)  # a department without a row in a period served no one
                sums.append(Relation(tuple(cells), total))
        relations += sums
        groups.append(sums + [r for key in (parent, *children) for r in by_period[key]])
        nested.update((parent, *children))
    groups += [by_period[key] for key in contracts if key not in nested]
    return suppress(values, relations, forced, audit_groups=groups)


def hidden_of(contract: dict, spec: Published, period_key: str, hidden: dict) -> dict:
    """This table's hidden cells as (row index or TOTALS, column), with its percentages: a share
    reveals its count, and with a visible count its hidden denominator."""
    index = {ref: i for i, ref in enumerate(row_refs(contract, period_key))}
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
