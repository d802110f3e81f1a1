"""Person search latency at a million rows, through the same code the person list page runs.

For each query and user, what person_list_view runs: person_list(user=..., q=...) -> person_page()
(first page of 25, in the page's ordering) -> capped_count(). Every SQL statement is timed too,
so the report shows which one costs what. Usage: python bench/search.py [--rounds 5]
"""

import argparse
import time
from collections import defaultdict

from common import QUERIES, bench_users, setup_django, summary


def classify(sql: str) -> str:
    """Which of the page's statements this is."""
    if "COUNT(" in sql:
        return "capped count" if "LIMIT" in sql else "uncapped count"
    if "LIMIT" in sql:
        return "page rows"
    return "other"


def run(rounds: int = 5) -> dict:
    from django.db import connection

    from tejido.registry.selectors import person_list, person_page

    national, officer = bench_users()
    statements = defaultdict(list)

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements[classify(sql)].append((time.perf_counter() - start) * 1000)

    def search(user, q):
        qs = person_list(user=user, q=q)
        page, total, capped = person_page(qs, searching=True)  # exactly what the page view calls
        shown = [(p.municipality.name, p.department.name) for p in page]  # what the template reads
        assert len(shown) <= 25
        return total, capped

    results = {}
    with connection.execute_wrapper(timed):
        officer_label = f"department officer ({officer.departments.get()})"
        for label, user in [("national", national), (officer_label, officer)]:
            for q in QUERIES:  # warm-up: caches as a server that has been up a while
                search(user, q)
            statements.clear()
            times, per_query = [], defaultdict(list)
            for _ in range(rounds):
                for q in QUERIES:
                    start = time.perf_counter()
                    total, capped = search(user, q)
                    elapsed = (time.perf_counter() - start) * 1000
                    times.append(elapsed)
                    per_query[q].append((elapsed, f"{'>' if capped else ''}{total}"))
            results[label] = {
                "all": summary(times),
                "statements": {kind: summary(v) for kind, v in statements.items()},
                "queries": {q: (summary([t for t, _ in v])["median"], v[0][1])
                            for q, v in per_query.items()},
            }
    return results


def report(results: dict) -> str:
    lines = ["## Search (person_list + person_page, as the list page runs them; 1 process, no HTTP)", ""]
    for label, r in results.items():
        a = r["all"]
        headline = (f"**median {a['median']:.1f} ms, p95 {a['p95']:.1f} ms**, "
                    f"max {a['max']:.1f} ms ({a['n']} searches)")
        lines += [f"### {label}", "", headline, "",
                  "| statement | count | median ms | p95 ms |", "|---|---:|---:|---:|"]
        lines += [f"| {kind} | {s['n']} | {s['median']:.1f} | {s['p95']:.1f} |"
                  for kind, s in r["statements"].items()]
        lines += ["", "| query | matches | median ms |", "|---|---:|---:|"]
        slowest_first = sorted(r["queries"].items(), key=lambda item: -item[1][0])
        lines += [f"| `{q}` | {n} | {ms:.1f} |" for q, (ms, n) in slowest_first]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    print(report(run(args.rounds)))
