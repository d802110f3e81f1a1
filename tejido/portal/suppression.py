"""Small-cell protection for published person counts (pure: no Django, no database).

A cell is addressed as (row, column): `row` is the row's index, or TOTALS for the totals row.
`Relation(parts, total)` says that the parts add up to the total (a row's men + women = total, a
column's departments = its totals cell). The rule:

1. Primary suppression: every count from 1 to THRESHOLD - 1 is hidden and shown as "<5" (0 stays 0).
2. Complementary suppression, repeated until nothing changes:
   a. a relation with exactly one hidden cell gets a second one: its smallest visible cell of at
      least THRESHOLD, a part before the total (subtracting from the total would give it away);
   b. an audit solves the published relations for every hidden cell (linear programming over
      what a reader knows: "<5" is 1..4, "*" is at least THRESHOLD, visible cells are exact); a
      cell whose value is pinned to a single integer gets another complement in its relation.
   Complementary cells are shown as "*". Zeros are never complements: a hidden zero would be
   told apart from "<5" by its relation and could pin its neighbours.

Relations are taken as strongly as the data makes them true (an exact sum where the parts add up,
otherwise the inequalities that hold, e.g. distinct-person totals below the sum of the rows), so
the audit never assumes a reader knows less than they can."""

import math
from dataclasses import dataclass

THRESHOLD = 5
PRIMARY = "<5"
COMPLEMENTARY = "*"
TOTALS = "totals"


@dataclass(frozen=True)
class Relation:
    parts: tuple
    total: tuple

    @property
    def cells(self) -> tuple:
        return (*self.parts, self.total)


def suppress(values: dict, relations: list[Relation], forced: frozenset = frozenset()) -> dict:
    """Hidden cells -> PRIMARY or COMPLEMENTARY. `values` holds the person counts by cell; `forced`
    are cells another table already hides (the same figure published twice must be hidden twice)."""
    relations = [r for r in relations if all(c in values for c in r.cells)]
    hidden = {cell: PRIMARY for cell, v in values.items() if 0 < v < THRESHOLD}
    for cell in forced:
        if cell in values and cell not in hidden and values[cell] > 0:
            hidden[cell] = COMPLEMENTARY
    while True:
        if _complete_relations(values, relations, hidden):
            continue
        exposed = audit(values, relations, hidden)
        if not exposed or not _protect(values, relations, hidden, exposed):
            return hidden


def _eligible(values, hidden, cells) -> list:
    """Visible cells that may become complements, smallest first, parts before the total."""
    order = {cell: i for i, cell in enumerate(cells)}
    found = [c for c in cells if c not in hidden and values[c] >= THRESHOLD]
    return sorted(found, key=lambda c: (c[0] == TOTALS, values[c], order[c]))


def _complete_relations(values, relations, hidden) -> bool:
    changed = False
    for relation in relations:
        if sum(c in hidden for c in relation.cells) == 1:
            candidates = _eligible(values, hidden, relation.parts) or _eligible(values, hidden, (relation.total,))
            if candidates:
                hidden[candidates[0]] = COMPLEMENTARY
                changed = True
    return changed


def _protect(values, relations, hidden, exposed) -> bool:
    """Hide one more cell next to the first exposed cell that has one (then audit again: that one
    cell often protects its neighbours too); False when no relation has a cell left."""
    for cell in exposed:
        candidates = []
        for relation in relations:
            if cell in relation.cells:
                candidates += _eligible(values, hidden, relation.parts) or _eligible(values, hidden,
                                                                                     (relation.total,))
        if candidates:
            hidden[min(candidates, key=lambda c: (c[0] == TOTALS, values[c]))] = COMPLEMENTARY
            return True
    return False


def constraints(values: dict, relations: list[Relation], hidden: dict):
    """The published relations as linear constraints on the hidden cells:
    (variables, equalities [(coefficients, constant)], inequalities [(coefficients, bound)] meaning
    coefficients·x <= bound, bounds per variable)."""
    variables = sorted(hidden, key=str)
    index = {cell: i for i, cell in enumerate(variables)}
    equalities, inequalities = [], []

    def linear(terms):
        """Σ sign·cell as (coefficients on hidden cells, known constant)."""
        row, constant = [0.0] * len(variables), 0.0
        for sign, cell in terms:
            if cell in index:
                row[index[cell]] += sign
            else:
                constant += sign * values[cell]
        return row, constant

    for relation in relations:
        if not any(c in hidden for c in relation.cells):
            continue
        parts_sum, total = sum(values[c] for c in relation.parts), values[relation.total]
        row, constant = linear([(1, c) for c in relation.parts] + [(-1, relation.total)])
        if parts_sum == total:
            equalities.append((row, -constant))
        elif parts_sum > total:    # distinct people: the total is at most the sum of its parts
            inequalities.append(([-v for v in row], constant))
        else:                      # parts that do not cover the total: at least their sum
            inequalities.append((row, -constant))
        for part in relation.parts:
            if values[part] <= total and (part in hidden or relation.total in hidden):
                row, constant = linear([(1, part), (-1, relation.total)])
                inequalities.append((row, -constant))
    bounds = [(1, THRESHOLD - 1) if hidden[c] == PRIMARY else (THRESHOLD, None) for c in variables]
    return variables, equalities, inequalities, bounds


def feasible_range(values: dict, relations: list[Relation], hidden: dict) -> dict:
    """Each hidden cell's smallest and largest value consistent with what is published (None: unbounded)."""
    from scipy.optimize import linprog

    variables, equalities, inequalities, bounds = constraints(values, relations, hidden)
    if not variables:
        return {}
    kwargs = {"bounds": bounds, "method": "highs"}
    if equalities:
        kwargs.update(A_eq=[e[0] for e in equalities], b_eq=[e[1] for e in equalities])
    if inequalities:
        kwargs.update(A_ub=[e[0] for e in inequalities], b_ub=[e[1] for e in inequalities])
    ranges = {}
    for i, cell in enumerate(variables):
        objective = [0.0] * len(variables)
        objective[i] = 1.0
        low = linprog(objective, **kwargs)
        objective[i] = -1.0
        high = linprog(objective, **kwargs)
        if low.status != 0:
            raise ValueError("the published relations do not hold for these values")
        ranges[cell] = (low.fun, None if high.status == 3 else -high.fun)
    return ranges


def audit(values: dict, relations: list[Relation], hidden: dict) -> list:
    """Hidden cells a reader could recover: only one integer fits what is published."""
    exposed = []
    for cell, (low, high) in feasible_range(values, relations, hidden).items():
        if high is not None and math.floor(high + 1e-7) - math.ceil(low - 1e-7) < 1:
            exposed.append(cell)
    return sorted(exposed, key=str)
