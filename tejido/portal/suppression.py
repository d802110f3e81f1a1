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


def suppress(values: dict, relations: list[Relation], forced: frozenset = frozenset(),
             audit_groups: list[list[Relation]] | None = None) -> dict:
    """Hidden cells -> PRIMARY or COMPLEMENTARY. `values` holds the person counts by cell; `forced`
    are cells another table already hides (the same figure published twice must be hidden twice).
    The row/column rule runs on every relation; the audit on each of `audit_groups` apart (one
    table of one period), which keeps each linear program small (default: all relations at once)."""
    relations = [r for r in relations if all(c in values for c in r.cells)]
    groups = [[r for r in group if all(c in values for c in r.cells)] for group in audit_groups or [relations]]
    hidden = {cell: PRIMARY for cell, v in values.items() if 0 < v < THRESHOLD}
    for cell in forced:
        if cell in values and cell not in hidden and values[cell] > 0:
            hidden[cell] = COMPLEMENTARY
    audited = {}  # group index -> the hidden cells it was last audited with
    # Hiding more cells only widens what a reader can assume, so a cell once shown to have another
    # possible value keeps it: each group remembers them and solves only for the others.
    proven = [set() for _group in groups]
    while True:
        if _complete_relations(values, relations, hidden):
            continue
        exposed = []
        for i, group in enumerate(groups):
            mine = frozenset(c for r in group for c in r.cells if c in hidden)
            if audited.get(i) != mine:  # audit again only what changed
                exposed += audit(values, group, hidden, proven[i])
                audited[i] = mine
        if not exposed or not _protect(values, relations, hidden, exposed):
            return hidden


def is_total(cell) -> bool:
    """A cell of a totals row; a row may be TOTALS or a tuple holding it (period, TOTALS, 0)."""
    row = cell[0]
    return row == TOTALS or (isinstance(row, tuple) and TOTALS in row)


def _eligible(values, hidden, cells) -> list:
    """Visible cells that may become complements, smallest first, parts before the total."""
    order = {cell: i for i, cell in enumerate(cells)}
    found = [c for c in cells if c not in hidden and values[c] >= THRESHOLD]
    return sorted(found, key=lambda c: (is_total(c), values[c], order[c]))


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
    """Hide one more cell next to each exposed cell; an exposed cell whose relation just got one is
    left for the next audit (that one cell often protects its neighbours too). False when no
    relation has a cell left."""
    touched = set()
    for cell in exposed:
        mine = [r for r in relations if cell in r.cells]
        if any(r in touched for r in mine):
            continue
        candidates = []
        for relation in mine:
            candidates += _eligible(values, hidden, relation.parts) or _eligible(values, hidden, (relation.total,))
        if candidates:
            chosen = min(candidates, key=lambda c: (is_total(c), values[c]))
            hidden[chosen] = COMPLEMENTARY
            touched.update(r for r in relations if chosen in r.cells or cell in r.cells)
    return bool(touched)


def constraints(values: dict, relations: list[Relation], hidden: dict):
    """The published relations as linear constraints on the hidden cells:
    (variables, equalities [(coefficients, constant)], inequalities [(coefficients, bound)] meaning
    coefficients·x <= bound, bounds per variable)."""
    variables = sorted({c for r in relations for c in r.cells if c in hidden}, key=str)
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


def _linear_programs(values: dict, relations: list[Relation], hidden: dict):
    """(variables, solve(objective) -> scipy result) over what a reader knows."""
    import numpy as np
    from scipy.optimize import linprog

    variables, equalities, inequalities, bounds = constraints(values, relations, hidden)
    # Arrays built once: scipy would otherwise convert the same lists for every program.
    kwargs = {"bounds": bounds, "method": "highs"}
    if equalities:
        kwargs.update(A_eq=np.array([e[0] for e in equalities]), b_eq=np.array([e[1] for e in equalities]))
    if inequalities:
        kwargs.update(A_ub=np.array([e[0] for e in inequalities]), b_ub=np.array([e[1] for e in inequalities]))
    return variables, lambda objective: linprog(np.asarray(objective, dtype=float), **kwargs)


def feasible_range(values: dict, relations: list[Relation], hidden: dict) -> dict:
    """Each hidden cell's smallest and largest value consistent with what is published (None: unbounded)."""
    variables, solve = _linear_programs(values, relations, hidden)
    ranges = {}
    for i, cell in enumerate(variables):
        objective = [0.0] * len(variables)
        objective[i] = 1.0
        low = solve(objective)
        objective[i] = -1.0
        high = solve(objective)
        if low.status != 0:
            raise ValueError("the published relations do not hold for these values")
        ranges[cell] = (low.fun, None if high.status == 3 else -high.fun)
    return ranges


def audit(values: dict, relations: list[Relation], hidden: dict, proven: set | None = None) -> list:
    """Hidden cells a reader could recover: no published-consistent solution moves them by 1 or more
    from their true value (so only one integer fits). Each linear program's solution clears every
    cell it moves, so most cells are cleared by the first few programs instead of two each.
    `proven`: cells already cleared with these relations (skipped; the newly cleared are added)."""
    proven = set() if proven is None else proven
    variables, solve = _linear_programs(values, relations, hidden)
    if not variables:
        return []
    true = [values[c] for c in variables]
    unproven = {i for i, cell in enumerate(variables) if cell not in proven}
    if not unproven:
        return []

    def clear(result):
        if result.status == 0:
            unproven.difference_update(j for j in list(unproven) if abs(result.x[j] - true[j]) >= 1 - 1e-7)

    for sign in (-1.0, 1.0):  # push every unproven cell up, then down, at once
        clear(solve([sign if j in unproven else 0.0 for j in range(len(variables))]))
    for i in sorted(unproven):
        # Try first the way the cell has room to move: a "<5" at 4 can only go down.
        for sign in ((1.0, -1.0) if hidden[variables[i]] == PRIMARY and true[i] >= THRESHOLD - 1 else (-1.0, 1.0)):
            if i not in unproven:
                break
            objective = [0.0] * len(variables)
            objective[i] = sign
            result = solve(objective)
            if result.status == 3:  # unbounded: the cell can grow without limit
                unproven.discard(i)
            clear(result)
    proven.update(cell for i, cell in enumerate(variables) if i not in unproven)
    return sorted((variables[i] for i in unproven), key=str)
