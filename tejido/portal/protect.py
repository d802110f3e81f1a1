"""Small-cell protection of one report table (its JSON contract) with the allow-list's description:
hidden values become null and the table gets a `suppressed` marker per row and for the totals."""

import copy

from .catalogue import Published
from .suppression import COMPLEMENTARY, TOTALS, Relation, suppress


def _cells(contract: dict):
    """(row key, row dict) for every row and the totals row."""
    yield from enumerate(contract["rows"])
    if contract.get("totals"):
        yield TOTALS, contract["totals"]


def count_values(contract: dict, spec: Published) -> dict:
    return {(key, column): int(row[column]) for key, row in _cells(contract) for column in spec.counts
            if row.get(column) is not None}


def relations(contract: dict, spec: Published) -> list[Relation]:
    found = []
    for key, _row in _cells(contract):
        for parts, total in spec.row_sums:
            found.append(Relation(tuple((key, p) for p in parts), (key, total)))
    if contract.get("totals"):
        for column in spec.counts:
            found.append(Relation(tuple((i, column) for i in range(len(contract["rows"]))), (TOTALS, column)))
    return found


def hidden_cells(contract: dict, spec: Published, forced: frozenset = frozenset()) -> dict:
    values = count_values(contract, spec)
    hidden = suppress(values, relations(contract, spec), forced)
    # A share reveals its count (and, with a visible count, its hidden denominator): hide both ways.
    for key, row in _cells(contract):
        for percent, column in spec.percents.items():
            if row.get(percent) is None:
                continue
            if (key, column) in hidden:
                hidden[(key, percent)] = hidden[(key, column)]
            elif (TOTALS, column) in hidden:
                hidden[(key, percent)] = COMPLEMENTARY
    return hidden


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
