"""Small-cell protection for published person counts (pure: no Django, no database).

A cell is any hashable key; `values` holds the true counts. `Relation(parts, total)` says that the
parts make up the total (men + women = total, departments = the totals row, months = their
four-month period, one table's women served = another's). The relation is taken as strongly as
the data makes it true: an exact sum where the parts add up to the total; for distinct people
counted in two rows or two periods, "total <= sum of the parts" and "each part <= total"; for parts
that do not cover the total, "sum <= total". A reader is assumed to know all of that.

The rule:
1. Primary suppression: every count from 1 to THRESHOLD - 1 is hidden and shown as "<5", which
   says "1 to 4". A 0 is shown as 0.
2. The row/column rule: a relation with exactly one hidden cell gets a second one, its smallest
   visible cell of at least THRESHOLD (a part before the total). Shown as "*", which says nothing
   about the value: a "*" may be anything from 0 up (a 0, a count of 5 or more, or a "<5" that had
   to say less, step 4).
3. Audit (the attacker's problem, Fischetti & Salazar 2000; tau-argus' and sdcTable's `attack()`):
   every hidden cell is solved from everything published (visible figures exact, "<5" in 1..4,
   "*" 0 or more, `floors`: a row that exists because someone was counted), as the integer program
   a reader would solve, and its feasible range must cover its protection interval:
   - a count v of 1 to 4: [v - p, v + p] with p = max(1, SAFETY_RANGE * v), the frequency rule's
     protection level in tau-argus (the user's "frequency safety range", a percentage of the cell,
     and at least one unit: tau-argus 4.1 manual §4.4.4 "Frequency-range"; libtauargus Table.cpp,
     MinLPL = 1 for integer data). With 25 % that is one person either way for every count of 1
     to 4, cut to 1..4 (what "<5" says by design): 1 must reach 2; 2: 1 and 3; 3: 2 and 4; 4: 3.
   - any other hidden cell ("*"): it must not be pinned (a sliding protection of one unit).
   A bound counts as kept only with an integer witness: a published-consistent integer solution
   where the cell reaches it. Linear programs (HiGHS, scipy.optimize.linprog) pushing every open
   bound of a group of tied cells at once find most witnesses; the integer program
   (scipy.optimize.milp) decides where a linear solution is fractional.
4. Secondary suppression for each bound left open: first a witness among the hidden cells within
   three relations of the cell; otherwise the cheapest set of cells whose values can move so that
   the cell reaches its bound, a linear program over the cell's neighbourhood (three relations
   out, wider if that is not enough; Kelly, Golden & Assad's and the U.S. Census Bureau's
   one-cell-at-a-time LP approach; integer program when the solution is fractional). A solution
   that moves only hidden cells is a witness. Cost per unit moved: sqrt(1 + value) for a visible
   cell (small cells before large ones and before totals); SWITCH_COST (about the cost of hiding
   a count of 100: a last resort) for a "<5" that becomes "*" (still hidden, no longer telling
   1..4); nothing for a cell already hidden. Then back to 2, until every bound has a witness.
   A bound the table's shape alone rules out (four listed rows of people served add up to 4 or
   more, whatever is hidden) is cut to what the shape allows.

Everything is deterministic: cells are taken in `order` (a sort key per cell; it must not depend
on the language of the labels), HiGHS is deterministic."""

import math
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

THRESHOLD = 5
SAFETY_RANGE = 0.25
PRIMARY = "<5"
COMPLEMENTARY = "*"
TOTALS = "totals"
# What each marker tells a reader (None: no upper limit).
RANGES = {PRIMARY: (1, THRESHOLD - 1), COMPLEMENTARY: (0, None)}
SWITCH_COST = 10.0
MILP_SECONDS = 60.0
TOLERANCE = 1e-6
DOWN, UP, SLIDE = "down", "up", "slide"
VISIBLE, SMALL, RESERVED = 0, 1, 2  # the state of a cell: shown, "<5", "*"


class Unprotectable(Exception):
    pass


@dataclass(frozen=True)
class Relation:
    parts: tuple
    total: object
    rule: bool = True  # False: only the audit uses it (not step 2)

    @property
    def cells(self) -> tuple:
        return (*self.parts, self.total)


@dataclass
class Stats:
    """What a protection cost: for the publication's log and bench/portal_suppression.py."""
    cells: int = 0
    primary: int = 0           # counts of 1 to 4
    secondary: int = 0         # other hidden cells
    switched: int = 0          # counts of 1 to 4 shown as "*"
    by_rule: int = 0           # secondary cells from step 2
    linear_programs: int = 0
    integer_programs: int = 0
    rounds: int = 0
    shape_limited: int = 0     # protection bounds cut to what the table's shape allows
    reused: int = 0            # protections taken from another language's build of the same figures
    seconds: float = 0.0
    cpu_seconds: float = 0.0   # this process's CPU time (the machine may be shared)

    def add(self, other: "Stats") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def protection_interval(value: int, floor: int = 0) -> tuple[int, int]:
    """The range a hidden count of 1 to 4 must keep open for a reader: (low, high) with low <= value
    <= high. Other hidden cells only must not be pinned (see SLIDE)."""
    level = max(1.0, SAFETY_RANGE * value)
    return (max(math.floor(value - level + 1e-9), 1, floor),
            min(math.ceil(value + level - 1e-9), THRESHOLD - 1))


def suppress(values: dict, relations: list[Relation], forced: frozenset = frozenset(), *, floors: dict | None = None,
             fixed: frozenset = frozenset(), order: dict | None = None, stats: Stats | None = None) -> dict:
    """Hidden cells -> PRIMARY or COMPLEMENTARY. `forced`: cells to hide whatever their value;
    `floors`: cell -> smallest value a reader knows it has (its row exists because someone was
    counted); `fixed`: cells a reader knows and that cannot be hidden (the 0 of a row that is not
    listed in a period); `order`: cell -> sort key. `stats` is filled in if given."""
    started, cpu = time.perf_counter(), time.process_time()
    stats = stats if stats is not None else Stats()
    structure = _Structure(values, relations, floors or {}, fixed, order)
    protector = _Protector(structure, stats)
    protector.run({structure.index[c] for c in forced if c in structure.index})
    hidden = protector.result()
    stats.cells += len(structure.cells)
    for cell, mark in hidden.items():
        if 0 < values[cell] < THRESHOLD:
            stats.primary += 1
            stats.switched += mark == COMPLEMENTARY
        else:
            stats.secondary += 1
    stats.seconds += time.perf_counter() - started
    stats.cpu_seconds += time.process_time() - cpu
    return hidden


def audit(values: dict, relations: list[Relation], hidden: dict, *, floors: dict | None = None,
          fixed: frozenset = frozenset(), stats: Stats | None = None) -> list:
    """Hidden cells whose protection interval a reader can narrow (see the module docstring)."""
    structure = _Structure(values, relations, floors or {}, fixed, None)
    protector = _Protector(structure, stats if stats is not None else Stats())
    for cell, mark in hidden.items():
        protector.mark[structure.index[cell]] = SMALL if mark == PRIMARY else RESERVED
    exposed = set()
    for component in protector.components():
        exposed.update(j for j, _kind in protector.audit(component))
    return sorted((structure.cells[j] for j in exposed), key=str)


def feasible_ranges(values: dict, relations: list[Relation], hidden: dict, *, floors: dict | None = None,
                    integer: bool = True, stats: Stats | None = None) -> dict:
    """Each hidden cell's smallest and largest value given what is published (None: no upper
    limit), by integer programming (or its linear relaxation): what an attacker computes."""
    structure = _Structure(values, relations, floors or {}, frozenset(), None)
    protector = _Protector(structure, stats if stats is not None else Stats())
    for cell, mark in hidden.items():
        protector.mark[structure.index[cell]] = SMALL if mark == PRIMARY else RESERVED
    ranges = {}
    for component in protector.components():
        program = protector.attacker(component)
        for k, j in enumerate(component):
            found = []
            for sign in (1.0, -1.0):
                objective = np.zeros(len(component))
                objective[k] = sign
                result = protector.solve(objective, program, integer=integer)
                found.append(None if result is None else sign * result[0])
            ranges[structure.cells[j]] = (found[0], found[1])
    return ranges


def _integral(x) -> bool:
    return np.abs(x - np.round(x)).max() <= TOLERANCE


def _highs():
    from scipy.optimize import Bounds, LinearConstraint, linprog, milp
    from scipy.sparse import csr_matrix, kron, vstack

    return Bounds, LinearConstraint, linprog, milp, csr_matrix, kron, vstack


class _Structure:
    """The relations as sparse rows over every cell: row · x = 0 (exact sums) or row · x <= 0."""

    def __init__(self, values: dict, relations: list[Relation], floors: dict, fixed: frozenset, order: dict | None):
        csr_matrix = _highs()[4]
        self.cells = sorted(values, key=(lambda c: order[c]) if order else str)
        self.index = {cell: j for j, cell in enumerate(self.cells)}
        self.value = np.array([values[c] for c in self.cells], dtype=float)
        self.floor = np.array([floors.get(c, 0) if values[c] >= floors.get(c, 0) else 0 for c in self.cells],
                              dtype=float)
        self.fixed = np.array([c in fixed for c in self.cells], dtype=bool)
        rows, columns, data, equal, seen = [], [], [], [], set()
        self.rules = []  # (parts, total) for step 2

        def add(coefficients: dict, exact: bool):
            terms = tuple(sorted((j, a) for j, a in coefficients.items() if a))
            if not terms or (terms, exact) in seen:
                return
            seen.add((terms, exact))
            for j, a in terms:
                rows.append(len(equal))
                columns.append(j)
                data.append(a)
            equal.append(exact)

        for relation in relations:
            if not all(c in self.index for c in relation.cells):
                continue
            parts, total = [self.index[c] for c in relation.parts], self.index[relation.total]
            if relation.rule:
                self.rules.append((parts, total))
            part_sum, whole = self.value[parts].sum(), self.value[total]
            coefficients = defaultdict(float)
            for p in parts:
                coefficients[p] += 1.0
            coefficients[total] -= 1.0
            if part_sum == whole:
                add(coefficients, True)
            elif part_sum > whole:  # distinct people: the total is at most the parts, each part at most the total
                add({j: -a for j, a in coefficients.items()}, False)
                for p in parts:
                    if self.value[p] <= whole:
                        add({p: 1.0, total: -1.0}, False)
            else:
                add(coefficients, False)
        self.matrix = csr_matrix((data, (rows, columns)), shape=(len(equal), len(self.cells)))
        self.equal = np.array(equal, dtype=bool)
        self.at_truth = self.matrix @ self.value  # 0 for exact sums, <= 0 for the others
        if len(equal) and self.at_truth.max() > TOLERANCE:
            raise ValueError("the relations do not hold for these values")
        self.by_cell = self.matrix.tocsc()

    def rows_of(self, cells) -> np.ndarray:
        found = [self.by_cell.indices[self.by_cell.indptr[j]:self.by_cell.indptr[j + 1]] for j in cells]
        return np.unique(np.concatenate(found)) if found else np.array([], dtype=int)

    def cells_of(self, rows) -> np.ndarray:
        found = [self.matrix.indices[self.matrix.indptr[r]:self.matrix.indptr[r + 1]] for r in rows]
        return np.unique(np.concatenate(found)) if found else np.array([], dtype=int)


class _Protector:
    def __init__(self, structure: _Structure, stats: Stats):
        self.s, self.stats = structure, stats
        self.mark = np.zeros(len(structure.cells), dtype=np.int8)
        self.proven = set()   # (cell, kind) with an integer witness: hiding more keeps them
        self.goals = {}       # (cell, kind) -> bound (None for SLIDE); absent: none or dropped
        self.known_goals = set()
        self.touched = set()  # cells hidden or switched in this round

    # --- what each hidden cell must keep open ---------------------------------------------------
    def targets(self, j: int) -> list:
        if j not in self.known_goals:
            self.known_goals.add(j)
            v = self.s.value[j]
            if 1 <= v < THRESHOLD:
                low, high = protection_interval(int(v), int(self.s.floor[j]))
                if low < v:
                    self.goals[(j, DOWN)] = low
                if high > v:
                    self.goals[(j, UP)] = high
            else:
                self.goals[(j, SLIDE)] = None
        return [(j, kind) for kind in (DOWN, UP, SLIDE) if (j, kind) in self.goals]

    def bounds(self, cells) -> tuple[np.ndarray, np.ndarray]:
        """What a reader knows of each hidden cell from its marker and its row."""
        small = self.mark[cells] == SMALL
        floor = self.s.floor[cells]
        low = np.where(small, np.maximum(floor, 1.0), floor)
        high = np.where(small, float(THRESHOLD - 1), np.inf)
        return low, high

    def components(self) -> list[np.ndarray]:
        """The hidden cells grouped by the relations that tie them (each solved on its own)."""
        hidden = np.flatnonzero(self.mark > 0)
        parent = {int(j): int(j) for j in hidden}

        def root(j):
            while parent[j] != j:
                parent[j] = parent[parent[j]]
                j = parent[j]
            return j

        for r in self.s.rows_of(hidden):
            members = [int(c) for c in self.s.matrix.indices[self.s.matrix.indptr[r]:self.s.matrix.indptr[r + 1]]
                       if self.mark[c] > 0]
            for other in members[1:]:
                a, b = root(members[0]), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        groups = defaultdict(list)
        for j in hidden:
            groups[root(int(j))].append(int(j))
        return [np.array(groups[k]) for k in sorted(groups)]

    # --- the attacker's problem -------------------------------------------------------------------
    def attacker(self, component: np.ndarray) -> dict:
        """The linear constraints on `component`'s hidden cells, everything else as published."""
        rows = self.s.rows_of(component)
        block = self.s.matrix[rows][:, component]
        rhs = block @ self.s.value[component] - self.s.at_truth[rows]
        equal = self.s.equal[rows]
        low, high = self.bounds(component)
        return {"A_eq": block[equal], "b_eq": rhs[equal], "A_ub": block[~equal], "b_ub": rhs[~equal],
                "low": low, "high": high}

    def solve(self, objective, program: dict, *, low=None, high=None, integer: bool = False):
        """(objective value, solution) or None when infeasible or unbounded."""
        bounds_class, constraint_class, linprog, milp, *_rest = _highs()
        low = program["low"] if low is None else low
        high = program["high"] if high is None else high
        has_eq, has_ub = program["A_eq"].shape[0] > 0, program["A_ub"].shape[0] > 0
        if integer:
            self.stats.integer_programs += 1
            constraints = []
            if has_eq:
                constraints.append(constraint_class(program["A_eq"], program["b_eq"], program["b_eq"]))
            if has_ub:
                constraints.append(constraint_class(program["A_ub"], -np.inf, program["b_ub"]))
            result = milp(objective, integrality=np.ones(len(objective)), bounds=bounds_class(low, high),
                          constraints=constraints, options={"time_limit": MILP_SECONDS})
            if result.x is None or result.status not in (0, 1):
                return None
            return float(objective @ result.x), result.x
        self.stats.linear_programs += 1
        kwargs = {"bounds": np.column_stack([low, high]), "method": "highs", "options": {"presolve": False}}
        if has_eq:
            kwargs.update(A_eq=program["A_eq"], b_eq=program["b_eq"])
        if has_ub:
            kwargs.update(A_ub=program["A_ub"], b_ub=program["b_ub"])
        result = linprog(objective, **kwargs)
        if result.status != 0:
            return None
        return float(result.fun), result.x

    def audit(self, component: np.ndarray, thorough: bool = True) -> list:
        """The (cell, kind) of `component` with no integer witness: what protection must fix. Not
        `thorough`: only the joint programs that prove most targets at once; the others are left to
        protection, whose own program proves a target (at no cost) or hides what it needs."""
        pending = [t for j in component for t in self.targets(int(j)) if t not in self.proven]
        if not pending:
            return []
        program = self.attacker(component)
        local = {int(j): k for k, j in enumerate(component)}
        truth = self.s.value[component]

        def reaches(x, j, kind, bound=None):
            k = local[j]
            bound = self.goals.get((j, kind)) if bound is None else bound
            if kind == DOWN:
                return x[k] <= bound + TOLERANCE
            if kind == UP:
                return x[k] >= bound - TOLERANCE
            return abs(x[k] - truth[k]) >= 1 - TOLERANCE

        def witness(x) -> bool:
            """An integer solution proves every target it reaches."""
            if x is None or not _integral(x):
                return False
            for target in pending:
                if target not in self.proven and reaches(x, *target):
                    self.proven.add(target)
            return True

        # Push every open target its way at once, the lower bounds and the upper ones in turns (a
        # cell of 2 or 3 has both): most are proven by a few programs.
        capped = np.minimum(program["high"], truth + 2 * THRESHOLD)
        idle = 0
        for turn in range(6):
            wanted = DOWN if turn % 2 == 0 else UP
            open_ = [t for t in pending if t not in self.proven]
            if not open_ or idle == 2:
                break
            objective = np.zeros(len(component))
            for j, kind in open_:
                if kind == wanted or kind == SLIDE:
                    objective[local[j]] = 1.0 if (kind == DOWN or (kind == SLIDE and wanted == UP)) else -1.0
            before = len(self.proven)
            solved = self.solve(objective, program, high=capped) if objective.any() else None
            if solved is not None and not witness(solved[1]) and turn < 2:
                solved = self.solve(objective, program, high=capped, integer=True)
                if solved is not None:
                    witness(solved[1])
            idle = 0 if len(self.proven) > before else idle + 1
        if not thorough:
            return [t for t in pending if t not in self.proven]
        exposed = []
        for j, kind in pending:
            if (j, kind) in self.proven:
                continue
            k = local[j]
            if kind == SLIDE:
                trials = [(UP, truth[k] + 1)] if program["high"][k] >= truth[k] + 1 else []
                trials += [(DOWN, truth[k] - 1)] if program["low"][k] <= truth[k] - 1 else []
            else:
                trials = [(kind, self.goals[(j, kind)])]
            if not any(self._reach(program, k, direction, bound, witness) for direction, bound in trials):
                exposed.append((j, kind))
            elif (j, kind) not in self.proven:
                self.proven.add((j, kind))
        return exposed

    def _reach(self, program, k, direction, bound, witness, conclusive: bool = True) -> bool:
        objective = np.zeros(len(program["low"]))
        high = program["high"].copy()
        if direction == DOWN:
            objective[k] = 1.0
        else:
            objective[k] = -1.0
            high[k] = min(high[k], bound)
        for integer in (False, True):
            solved = self.solve(objective, program, high=high, integer=integer)
            if solved is None:
                return False
            value = solved[1][k]
            if (value > bound + TOLERANCE) if direction == DOWN else (value < bound - TOLERANCE):
                return False  # not even the linear relaxation gets there
            if witness(solved[1]):
                return True
            if not conclusive:
                return False  # a part of the problem: the whole one decides
        return False

    # --- secondary suppression --------------------------------------------------------------------
    def neighbourhood(self, j: int, depth: int | None) -> np.ndarray:
        seen = {j}
        frontier = np.array([j])
        level = 0
        while len(frontier) and (depth is None or level < depth):
            found = self.s.cells_of(self.s.rows_of(frontier))
            found = [int(c) for c in found if int(c) not in seen and not self.s.fixed[c]]
            seen.update(found)
            frontier = np.array(found, dtype=int)
            level += 1
        return np.array(sorted(seen))

    def _moves(self, cells: np.ndarray, j: int, kind: str, bound, *, cost: bool = True):
        """The program "move the cells so that j reaches its bound": per cell four variables (up,
        down within its marker; up, down beyond it for a "<5" that would become "*")."""
        _b, _c, _l, _m, csr_matrix, kron, vstack = _highs()
        rows = self.s.rows_of(cells)
        block = self.s.matrix[rows][:, cells]
        moves = kron(block, csr_matrix(np.array([[1.0, -1.0, 1.0, -1.0]])), format="csr")
        slack = -self.s.at_truth[rows]
        equal = self.s.equal[rows]
        value, floor, mark = self.s.value[cells], self.s.floor[cells], self.mark[cells]
        small = mark == SMALL
        n = len(cells)
        low = np.zeros(4 * n)
        high = np.full(4 * n, np.inf)
        high[0::4] = np.where(small, THRESHOLD - 1 - value, np.inf)
        high[1::4] = np.where(small, value - np.maximum(floor, 1), value - floor)
        high[2::4] = np.where(small, np.inf, 0.0)
        high[3::4] = np.where(small, np.maximum(floor, 1) - floor, 0.0)
        weights = np.zeros(4 * n)
        if cost:
            visible = mark == VISIBLE
            weights[0::4] = np.where(visible, np.sqrt(1 + value), 0.0)
            weights[1::4] = weights[0::4]
            weights[2::4] = np.where(small, SWITCH_COST, 0.0)
            weights[3::4] = weights[2::4]
        k = int(np.searchsorted(cells, j))
        target = np.zeros(4 * n)
        target[4 * k:4 * k + 4] = [1.0, -1.0, 1.0, -1.0]
        a_ub, b_ub = moves[~equal], slack[~equal]
        if kind is not None:
            sign = 1.0 if kind == DOWN else -1.0
            a_ub = vstack([a_ub, csr_matrix(sign * target)], format="csr")
            b_ub = np.append(b_ub, sign * (bound - value[k]))
        return weights, target, {"A_eq": moves[equal], "b_eq": slack[equal], "A_ub": a_ub, "b_ub": b_ub,
                                 "low": low, "high": high}

    def _cheapest(self, cells, j, kind, bound):
        """(cost, moves per cell) of the cheapest integer way for j to reach its bound, or None."""
        weights, _target, program = self._moves(cells, j, kind, bound)
        solved = self.solve(weights, program)
        if solved is None:
            return None
        x = solved[1]
        if not _integral(x):
            integral = self.solve(weights, program, integer=True)
            if integral is not None:
                solved, x = integral, integral[1]
        return solved[0], x

    def protect(self, j: int, kind: str) -> bool:
        """Hide (or turn "<5" into "*") the cheapest cells that let j reach its bound. True when
        something changed (a cell, a marker or the bound itself)."""
        value = self.s.value[j]
        if kind == SLIDE:
            directions = [(UP, value + 1), (DOWN, value - 1)]
        else:
            directions = [(kind, self.goals[(j, kind)])]
        if self._near_witness(j, kind, directions):
            return True
        for depth in (3, 6, None):
            cells = self.neighbourhood(j, depth)
            for direction, bound in directions:  # a "*" first tries to grow: most can
                solution = self._cheapest(cells, j, direction, bound)
                if solution is not None:
                    cost, x = solution
                    return self._apply(cells, x) or self._witness_found(j, kind, cost, x)
            if depth is not None and len(cells) == len(self.neighbourhood(j, depth + 1)):
                break  # the whole component already
        return self._reshape(j, kind)

    def _near_witness(self, j: int, kind: str, directions: list) -> bool:
        """Half the targets the joint programs leave open can be reached by moving hidden cells near
        them (the others at their values): a small attacker's program proves them."""
        near = np.array([c for c in self.neighbourhood(j, 3) if self.mark[c] > 0])
        program = self.attacker(near)
        k = int(np.searchsorted(near, j))
        for direction, bound in directions:
            if direction == DOWN and bound < program["low"][k] - TOLERANCE:
                continue
            if direction == UP and bound > program["high"][k] + TOLERANCE:
                continue
            if self._reach(program, k, direction, bound, _integral, conclusive=False):
                self.proven.add((j, kind))
                return True
        return False

    def _witness_found(self, j, kind, cost, x) -> bool:
        if cost <= TOLERANCE and _integral(x):
            self.proven.add((j, kind))
            return True
        return False

    def _apply(self, cells, x) -> bool:
        changed = False
        moved = np.abs(x[0::4] - x[1::4]) + x[2::4] + x[3::4]
        for k, c in enumerate(cells):
            if (self.mark[c] == VISIBLE and moved[k] > TOLERANCE) or (
                    self.mark[c] == SMALL and x[4 * k + 2] + x[4 * k + 3] > TOLERANCE):
                self.mark[c] = RESERVED
                self.touched.add(int(c))
                changed = True
        return changed

    def _reshape(self, j: int, kind: str) -> bool:
        """No hiding gets j to its bound: cut the bound to what the table's shape allows (the
        integer optimum with every cell free), or drop it."""
        self.stats.shape_limited += 1
        cells = self.neighbourhood(j, None)
        value = self.s.value[j]
        reach = {}
        for direction in ((UP, DOWN) if kind == SLIDE else (kind,)):
            _weights, target, program = self._moves(cells, j, None, None, cost=False)
            sign = 1.0 if direction == DOWN else -1.0
            solved = self.solve(sign * target, program)  # the linear bound first: often the cell cannot move at all
            if solved is not None and abs(solved[0]) > TOLERANCE:
                solved = self.solve(sign * target, program, integer=True)
            reach[direction] = None if solved is None else value + sign * solved[0]
        del self.goals[(j, kind)]
        if kind == DOWN and reach[DOWN] is not None and reach[DOWN] < value - TOLERANCE:
            self.goals[(j, DOWN)] = max(self.goals.get((j, DOWN), -np.inf), math.ceil(reach[DOWN] - TOLERANCE))
        if kind == UP and reach[UP] is not None and reach[UP] > value + TOLERANCE:
            self.goals[(j, UP)] = math.floor(reach[UP] + TOLERANCE)
        return True

    # --- the loop ---------------------------------------------------------------------------------
    def rule(self) -> bool:
        """Step 2 once over every relation; True if a cell was hidden."""
        changed = False
        mark, value, fixed = self.mark, self.s.value, self.s.fixed
        for parts, total in self.s.rules:
            cells = [*parts, total]
            if sum(mark[c] > 0 for c in cells) != 1:
                continue
            for group in (parts, [total]):
                eligible = [c for c in group if mark[c] == VISIBLE and not fixed[c] and value[c] >= THRESHOLD]
                if eligible:
                    mark[min(eligible, key=lambda c: (value[c], c))] = RESERVED
                    self.stats.by_rule += 1
                    changed = True
                    break
        return changed

    def run(self, forced: set) -> None:
        primary = (self.s.value >= 1) & (self.s.value < THRESHOLD) & ~self.s.fixed
        self.mark[primary] = SMALL
        for j in forced:
            if self.mark[j] == VISIBLE and not self.s.fixed[j]:
                self.mark[j] = RESERVED
        while True:
            self.stats.rounds += 1
            while self.rule():
                pass
            exposed = [t for component in self.components() for t in self.audit(component, thorough=False)]
            if not exposed:
                return
            progress = False
            self.touched = set()
            for j, kind in exposed:
                if (j, kind) in self.proven or (j, kind) not in self.goals:
                    continue
                if self.touched and self.touched.intersection(self.neighbourhood(j, 1).tolist()):
                    continue  # a cell next to it just changed: the next audit sees whether that was enough
                progress = self.protect(j, kind) or progress
            if not progress:
                # Nothing left to hide near them: the whole components decide.
                exposed = [t for component in self.components() for t in self.audit(component)]
                if exposed and not any([self.protect(j, kind) for j, kind in exposed]):
                    raise Unprotectable(f"{len(exposed)} hidden cells could not be protected")

    def result(self) -> dict:
        return {self.s.cells[j]: (PRIMARY if self.mark[j] == SMALL else COMPLEMENTARY)
                for j in np.flatnonzero(self.mark > 0)}
