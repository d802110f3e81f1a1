"""Small-cell protection on hand-computed tables, and a check, independent of the module's own
audit (integer programming on the table as a reader sees it), that every hidden cell keeps its
protection interval."""

import itertools
import random

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from tejido.portal.suppression import COMPLEMENTARY as C
from tejido.portal.suppression import PRIMARY as P
from tejido.portal.suppression import TOTALS as T
from tejido.portal.suppression import Relation, Stats, audit, feasible_ranges, protection_interval, suppress

# What the markers tell a reader: "<5" is 1 to 4, "*" anything from 0 up.
READER = {P: (1, 4), C: (0, np.inf)}


def grid(body: list[list[int]]):
    """A table of counts with a row-total column "t" and a totals row: (values, relations)."""
    columns = [f"c{j}" for j in range(len(body[0]))]
    values = {}
    for i, row in enumerate(body):
        for column, v in zip(columns, row, strict=True):
            values[(i, column)] = v
        values[(i, "t")] = sum(row)
    for column in [*columns, "t"]:
        values[(T, column)] = sum(values[(i, column)] for i in range(len(body)))
    keys = [*range(len(body)), T]
    relations = [Relation(tuple((k, c) for c in columns), (k, "t")) for k in keys]
    relations += [Relation(tuple((i, c) for i in range(len(body))), (T, c)) for c in [*columns, "t"]]
    return values, relations


def reader_range(values, relations, hidden, cell, floors=None):
    """Smallest and largest integer a reader can give `cell` (None: no upper limit): visible cells
    are exact, markers as READER, every relation an exact sum (these tables add up)."""
    floors = floors or {}
    variables = sorted(hidden, key=str)
    index = {c: i for i, c in enumerate(variables)}
    rows, bounds = [], []
    for relation in relations:
        coefficients, constant = np.zeros(len(variables)), 0
        for sign, c in [(1, p) for p in relation.parts] + [(-1, relation.total)]:
            if c in index:
                coefficients[index[c]] += sign
            else:
                constant += sign * values[c]
        if coefficients.any():
            rows.append(coefficients)
            bounds.append(-constant)
    low = [max(READER[hidden[c]][0], floors.get(c, 0)) for c in variables]
    high = [READER[hidden[c]][1] for c in variables]
    constraints = [LinearConstraint(np.array(rows), bounds, bounds)] if rows else []
    objective = np.zeros(len(variables))
    found = []
    for sign in (1, -1):
        objective[index[cell]] = sign
        result = milp(objective, constraints=constraints, integrality=np.ones(len(variables)), bounds=Bounds(low, high))
        found.append(None if result.status != 0 else round(sign * result.fun))
    return found


def assert_protected(values, relations, hidden, floors=None, shape=None):
    """Every count of 1 to 4 hidden as "<5" or "*"; every hidden cell keeps its interval (cut, for
    the cells in `shape`, to the smallest value the table's shape allows)."""
    assert all(cell in hidden for cell, v in values.items() if 0 < v < 5)
    assert all(0 < values[cell] < 5 for cell, mark in hidden.items() if mark == P)
    for cell in hidden:
        low, high = reader_range(values, relations, hidden, cell, floors)
        value = values[cell]
        assert low is not None and low <= value and (high is None or high >= value)
        assert high is None or high > low, f"{cell} = {value} is recoverable"
        if 0 < value < 5:
            want_low, want_high = protection_interval(value, (floors or {}).get(cell, 0))
            want_low = max(want_low, (shape or {}).get(cell, 0))
            assert low <= want_low and (high is None or high >= want_high), (cell, value, low, high)


def test_protection_interval_is_one_person_either_way_within_what_the_marker_says():
    assert [protection_interval(v) for v in (1, 2, 3, 4)] == [(1, 2), (1, 3), (2, 4), (3, 4)]


def test_primary_only_small_counts_and_zero_stays():
    values = {(0, "a"): 0, (0, "b"): 3, (0, "c"): 4, (0, "d"): 5, (1, "a"): 1}
    assert suppress(values, []) == {(0, "b"): P, (0, "c"): P, (1, "a"): P}


def test_a_row_with_one_hidden_cell_hides_its_next_smallest():
    # men 3, women 9, total 12: hiding 3 alone gives it back as 12 - 9.
    values = {(0, "m"): 3, (0, "w"): 9, (0, "t"): 12}
    assert suppress(values, [Relation(((0, "m"), (0, "w")), (0, "t"))]) == {(0, "m"): P, (0, "w"): C}


def test_complementary_suppression_in_rows_and_columns():
    #            c0  c1  c2 |  t
    # row 0       3   9  20 | 32      3 is primary; row 0 needs 9 (smallest >= 5);
    # row 1      10   6  30 | 46      columns c0 and c1 each now have one hidden cell: 10 and 6;
    # totals     13  15  50 | 78      row 1 then has two hidden cells: the 3 can be 1 to 4.
    values, relations = grid([[3, 9, 20], [10, 6, 30]])
    hidden = suppress(values, relations)
    assert hidden == {(0, "c0"): P, (0, "c1"): C, (1, "c0"): C, (1, "c1"): C}
    assert_protected(values, relations, hidden)


def test_two_ones_in_a_row_are_not_enough_alone():
    # 1 + 1 = 2 with both in 1..4 pins both to 1: the 9 is hidden too.
    values = {(0, "a"): 1, (0, "b"): 1, (0, "c"): 9, (0, "t"): 11}
    relation = Relation(((0, "a"), (0, "b"), (0, "c")), (0, "t"))
    assert audit(values, [relation], {(0, "a"): P, (0, "b"): P}) == [(0, "a"), (0, "b")]
    assert suppress(values, [relation]) == {(0, "a"): P, (0, "b"): P, (0, "c"): C}


def test_two_small_cells_must_each_keep_a_person_either_way():
    # 2 + 1 = 3 in a row whose other cells are shown: the 2 could be 1 or 2, never 3 (the 1 is at
    # least 1). Not pinned, but its interval (1 to 3) is not covered: a third cell is hidden.
    values = {(0, "a"): 2, (0, "b"): 1, (0, "c"): 20, (0, "t"): 23}
    relation = Relation(((0, "a"), (0, "b"), (0, "c")), (0, "t"))
    assert audit(values, [relation], {(0, "a"): P, (0, "b"): P}) == [(0, "a")]
    hidden = suppress(values, [relation])
    assert hidden == {(0, "a"): P, (0, "b"): P, (0, "c"): C}
    assert_protected(values, [relation], hidden)


def test_a_total_of_one_to_four_is_hidden_too():
    values = {(0, "a"): 2, (0, "b"): 0, (T, "a"): 2, (T, "b"): 0}
    relations = [Relation(((0, "a"),), (T, "a")), Relation(((0, "b"),), (T, "b"))]
    assert suppress(values, relations) == {(0, "a"): P, (T, "a"): P}


def test_four_departments_of_one_under_a_total_of_four():
    """The outside test's example: four departments with 1 person each (a listed department served
    someone: at least 1) and a total of 4, all "<5", make each of them 1. No cell of 5 or more is
    there to hide: the totals say less ("*", any value) and two departments' women and men are
    hidden so that the women's total can be 3."""
    values, relations, floors = {}, [], {}
    for d in range(4):
        values.update({(d, "m"): 0, (d, "w"): 1, (d, "t"): 1})
        floors[(d, "t")] = 1
        relations.append(Relation(((d, "m"), (d, "w")), (d, "t")))
    for column in "mwt":
        values[(T, column)] = sum(values[(d, column)] for d in range(4))
        relations.append(Relation(tuple((d, column) for d in range(4)), (T, column)))
    relations.append(Relation(((T, "m"), (T, "w")), (T, "t")))
    stats = Stats()
    hidden = suppress(values, relations, floors=floors, stats=stats)
    assert hidden[(T, "t")] == C and stats.switched >= 1
    # The total of people (4 departments, each at least 1) is at least 4 whatever is hidden: its
    # interval (3 to 4) is cut to what the table's shape allows, and that is counted.
    assert_protected(values, relations, hidden, floors, shape={(T, "t"): 4})
    assert stats.shape_limited >= 1


def test_distinct_person_totals_below_the_sum_are_inequalities():
    # Zacapa 3 and Jutiapa 10, one person counted in both: total 12 < 13. A reader knows only
    # 12 <= x + 10 and x <= 12, so x is 2, 3 or 4 (its interval); with an exact total of 13 it is 3.
    relation = Relation(((0, "n"), (1, "n")), (T, "n"))
    assert audit({(0, "n"): 3, (1, "n"): 10, (T, "n"): 12}, [relation], {(0, "n"): P}) == []
    assert audit({(0, "n"): 3, (1, "n"): 10, (T, "n"): 13}, [relation], {(0, "n"): P}) == [(0, "n")]
    # The row/column rule still hides a second cell: the reader cannot tell the two cases apart.
    assert suppress({(0, "n"): 3, (1, "n"): 10, (T, "n"): 12}, [relation]) == {(0, "n"): P, (1, "n"): C}


def test_forced_cells_are_hidden_with_their_complements():
    values, relations = grid([[10, 20], [30, 40]])
    hidden = suppress(values, relations, forced=frozenset({(T, "t")}))
    assert hidden[(T, "t")] == C and len(hidden) >= 2 and not audit(values, relations, hidden)


def test_fixed_cells_are_never_hidden():
    # Jutiapa is not listed in the period: its 0 is known and cannot hide Zacapa's 3.
    values = {(0, "n"): 3, (1, "n"): 0, (T, "n"): 3}
    relation = Relation(((0, "n"), (1, "n")), (T, "n"))
    hidden = suppress(values, [relation], fixed=frozenset({(1, "n")}))
    assert hidden == {(0, "n"): P, (T, "n"): P}


def test_linear_and_integer_ranges():
    values, relations = grid([[3, 9, 20], [10, 6, 30]])
    hidden = suppress(values, relations)
    for integer in (True, False):
        ranges = feasible_ranges(values, relations, hidden, integer=integer)
        assert ranges[(0, "c0")] == (1, 4)


def test_the_order_decides_ties_not_the_labels():
    """Two languages label the same rows differently: with the same order, the same cells hide."""
    body = [[3, 7, 7, 20], [6, 6, 1, 9], [8, 8, 8, 2]]
    found = []
    for names in (["Norte", "Sur", "Este"], ["North", "South", "East"]):
        values, relations = grid(body)
        rename = {i: names[i] for i in range(3)} | {T: T}
        values = {(rename[r], c): v for (r, c), v in values.items()}
        relations = [Relation(tuple((rename[r], c) for r, c in rel.parts), (rename[rel.total[0]], rel.total[1]))
                     for rel in relations]
        order = {cell: ([*names, T].index(cell[0]), cell[1]) for cell in values}
        hidden = suppress(values, list(reversed(relations)), order=order)
        found.append({(names.index(r) if r != T else T, c): mark for (r, c), mark in hidden.items()})
    assert found[0] == found[1]


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_cell_is_recoverable_from_the_published_totals(seed):
    rng = random.Random(seed)
    shape = (rng.randint(2, 4), rng.randint(2, 4))
    body = [[rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20]) for _c in range(shape[1])] for _r in range(shape[0])]
    values, relations = grid(body)
    hidden = suppress(values, relations)
    assert_protected(values, relations, hidden)


def test_exhaustive_two_by_two():
    """Every completion of a 2x2 table a reader could try: each hidden cell keeps its interval."""
    values, relations = grid([[1, 8], [6, 2]])
    hidden = suppress(values, relations)
    body = [(r, c) for r in (0, 1) for c in ("c0", "c1")]
    options = {cell: [values[cell]] if cell not in hidden else (range(1, 5) if hidden[cell] == P else range(0, 40))
               for cell in body}
    seen = {cell: set() for cell in hidden}
    for a, b, c, d in itertools.product(*(options[cell] for cell in body)):
        candidate, _relations = grid([[a, b], [c, d]])
        if all(candidate[k] == v for k, v in values.items() if k not in hidden) and all(
                READER[hidden[k]][0] <= candidate[k] <= READER[hidden[k]][1] for k in hidden):
            for cell in hidden:
                seen[cell].add(candidate[cell])
    assert hidden and all(len(found) >= 2 for found in seen.values()), (hidden, seen)
    for cell in hidden:
        if 0 < values[cell] < 5:
            low, high = protection_interval(values[cell])
            assert set(range(low, high + 1)) <= seen[cell], (cell, seen[cell])


def _one_row(n):
    return {"columns": [{"id": "department", "label": "Departamento", "kind": "text"},
                        {"id": "n", "label": "Familias", "kind": "int"}],
            "rows": [{"department": "Zacapa", "n": n}], "totals": {"department": "Total", "n": n}}


def test_nested_periods_are_protected_together():
    """Zacapa received 3 families in one four-month period, 9 in the next and 12 in the year. Alone,
    the first period hides its 3; but 12 - 9 gives it back, so the 9 is hidden as well."""
    from tejido.portal.catalogue import Published
    from tejido.portal.protect import hidden_of, protect_periods

    spec = Published("t", "x", counts=("n",))
    contracts = {"Y": _one_row(12), "C1": _one_row(3), "C2": _one_row(9)}
    hidden = protect_periods(contracts, [("Y", ["C1", "C2"])], spec)
    assert {key: hidden_of(contract, spec, key, hidden) for key, contract in contracts.items()} == {
        "Y": {}, "C1": {(0, "n"): P, (T, "n"): P}, "C2": {(0, "n"): C, (T, "n"): C}}
    # Protected one by one, the second period would have shown its 9.
    alone = protect_periods({"C2": _one_row(9)}, [], spec)
    assert alone == {}


def test_shares_of_hidden_counts_are_hidden():
    """3 of 60 women are 13 to 29: the 5.00 % would give the 3 back, and 11.67 % the complement 7."""
    from tejido.portal.catalogue import Published
    from tejido.portal.protect import hidden_of, protect_periods

    spec = Published("t", "x", counts=("women",), percents={"percent": "women"})
    rows = [("0-12", 0, 0.0), ("13-29", 3, 5.0), ("30-59", 50, 83.33), ("60+", 7, 11.67)]
    contract = {"columns": [{"id": "age_group"}, {"id": "women"}, {"id": "percent"}],
                "rows": [{"age_group": g, "women": n, "percent": p} for g, n, p in rows],
                "totals": {"age_group": "Total", "women": 60, "percent": 100.0}}
    hidden = hidden_of(contract, spec, "Y", protect_periods({"Y": contract}, [], spec))
    assert hidden == {(1, "women"): P, (1, "percent"): P, (3, "women"): C, (3, "percent"): C}


@pytest.mark.parametrize("seed", range(20))
def test_random_years_leave_nothing_recoverable_across_periods(seed):
    """A year and three four-month periods of a departments × (men, women, total) table: after
    protection, solving every table and every "year = Σ periods" sum at once, each hidden cell keeps
    its interval."""
    from tejido.portal.catalogue import Published
    from tejido.portal.protect import protect_periods

    rng = random.Random(seed)
    spec = Published("t", "x", counts=("men", "women", "total"), row_sums=((("men", "women"), "total"),))
    departments = ["Zacapa", "Jutiapa", "Petén"]
    periods = {key: {d: (rng.choice([0, 1, 2, 3, 5, 8, 12]), rng.choice([0, 1, 2, 3, 5, 8, 12]))
                     for d in departments} for key in ("C1", "C2", "C3")}
    periods["Y"] = {d: tuple(sum(periods[k][d][i] for k in ("C1", "C2", "C3")) for i in (0, 1)) for d in departments}

    def contract(rows):
        men, women = sum(m for m, _w in rows.values()), sum(w for _m, w in rows.values())
        return {"columns": [{"id": "department"}, {"id": "men"}, {"id": "women"}, {"id": "total"}],
                "rows": [{"department": d, "men": m, "women": w, "total": m + w} for d, (m, w) in rows.items()],
                "totals": {"department": "Total", "men": men, "women": women, "total": men + women}}

    contracts = {key: contract(rows) for key, rows in periods.items()}
    hidden = protect_periods(contracts, [("Y", ["C1", "C2", "C3"])], spec)
    values, relations = {}, []
    rows = [*departments, T]
    for key, (m, w) in itertools.product(contracts, [("men", "women")]):
        for d in departments:
            values[((key, d, 0), "men")], values[((key, d, 0), "women")] = periods[key][d]
        for r in rows:
            if r == T:
                for column in ("men", "women"):
                    values[((key, T, 0), column)] = sum(values[((key, d, 0), column)] for d in departments)
            values[((key, r, 0), "total")] = values[((key, r, 0), m)] + values[((key, r, 0), w)]
            relations.append(Relation((((key, r, 0), m), ((key, r, 0), w)), ((key, r, 0), "total")))
        relations += [Relation(tuple(((key, d, 0), c) for d in departments), ((key, T, 0), c)) for c in spec.counts]
    relations += [Relation(tuple(((k, r, 0), c) for k in ("C1", "C2", "C3")), (("Y", r, 0), c))
                  for r in rows for c in spec.counts]
    assert_protected(values, relations, hidden)
