"""The full annual report as JSON on the large data set, against hand-written SQL.

Needs `manage.py generate_services` on the bench database (a year of activity on top of the
million people). Two child processes, so each one's peak RSS is its own:
- engine: build_report("annual", user=<national planner>, period=Period.year(Y)) → json.dumps,
  --rounds times (median wall time), then every registered table on its own (median, SQL
  statements and their time), slowest first;
- baseline: bench/report_baseline.py's SQL for the same tables, --rounds times each.
The parent compares the numbers of every table both computed and prints the ratio.
Usage: python bench/report.py [--rounds 3] [--year 2025]
"""

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

from common import ROOT, setup_django

TARGET = "Target: full annual report ≤ 10 s, ≤ 2× the hand-written SQL, peak memory ≤ 1 GB."


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def report_year() -> int:
    """The year generate_services filled (its last roll call)."""
    from tejido.programs.models import RollCall

    day = RollCall.objects.order_by("-date").values_list("date", flat=True).first()
    if day is None:
        sys.exit("No generated activity: DATABASE_URL=$BENCH_DATABASE_URL manage.py generate_services")
    return day.year


def planner():
    from tejido.accounts.models import Role, User

    user, _ = User.objects.get_or_create(username="bench.planificacion", defaults={"role": Role.PLANNER})
    return user


def engine(rounds: int, year: int) -> dict:
    from django.db import connection

    from tejido.reports.builder import build_report, table_ids
    from tejido.reports.period import Period
    from tejido.reports.tables import TABLES

    user, period = planner(), Period.year(year)
    rss_start = peak_rss_mb()
    times, text = [], ""
    for _ in range(rounds):
        start = time.perf_counter()
        text = json.dumps(build_report("annual", user=user, period=period), ensure_ascii=False)
        times.append(time.perf_counter() - start)
    rss_report = peak_rss_mb()
    tables, statements = {}, []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append(time.perf_counter() - start)

    for table_id in table_ids("annual"):
        runs = []
        for _ in range(rounds):
            statements.clear()
            with connection.execute_wrapper(timed):
                start = time.perf_counter()
                TABLES[table_id].build(user, period).as_contract()
                runs.append((time.perf_counter() - start, len(statements), sum(statements)))
        median = statistics.median(r[0] for r in runs)
        tables[table_id] = {"seconds": median, "statements": runs[0][1],
                            "sql_seconds": statistics.median(r[2] for r in runs)}
    return {"times": times, "median": statistics.median(times), "json_bytes": len(text.encode()),
            "report": json.loads(text), "tables": tables, "rss_start_mb": rss_start,
            "rss_after_report_mb": rss_report, "rss_peak_mb": peak_rss_mb()}


def baseline(rounds: int, year: int) -> dict:
    import datetime as dt

    from django.db import connection
    from report_baseline import BASELINES

    start_day, end_day = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tables = {}
    with connection.cursor() as cursor:
        for table_id, compute in BASELINES.items():
            runs, data = [], None
            for _ in range(rounds):
                start = time.perf_counter()
                data = compute(cursor, start_day, end_day)
                runs.append(time.perf_counter() - start)
            tables[table_id] = {"seconds": statistics.median(runs), "data": data}
    return {"tables": tables, "rss_peak_mb": peak_rss_mb()}


def _child(kind: str, rounds: int, year: int) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", kind, "--rounds", str(rounds), "--year", str(year)],
                            cwd=ROOT, check=False, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench/report.py --child {kind} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(rounds: int = 3, year: int | None = None) -> dict:
    setup_django()
    from django.db import connection
    from report_baseline import differences, engine_numbers

    year = year or report_year()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM programs_attendance")
        marks = cursor.fetchone()[0]
    connection.close()
    e = _child("engine", rounds, year)
    b = _child("baseline", rounds, year)
    engine_tables = {t["id"]: t for t in e.pop("report")["tables"]}
    mismatches = {}
    for table_id, base in b["tables"].items():
        if table_id not in engine_tables:
            mismatches[table_id] = ["table not in the engine's report"]
            continue
        diff = differences(engine_numbers(engine_tables[table_id]), base.pop("data"))
        if diff:
            mismatches[table_id] = diff
    return {"year": year, "rounds": rounds, "attendance": marks, "engine": e, "baseline": b, "mismatches": mismatches}


def report(results: dict) -> str:
    e, b = results["engine"], results["baseline"]
    baseline_total = sum(t["seconds"] for t in b["tables"].values())
    covered = sum(e["tables"][t]["seconds"] for t in b["tables"] if t in e["tables"])
    uncovered = sum(s["seconds"] for t, s in e["tables"].items() if t not in b["tables"])
    # The baseline has no SQL for the planning tables: their engine time is added to it, so
    # the headline ratio compares the whole report with the whole report.
    ratio = e["median"] / (baseline_total + uncovered) if baseline_total else float("nan")
    lines = [
        f"## Annual report as JSON (Period.year({results['year']}), national planner; "
        f"{results['attendance']:,} attendance marks in the database)", "", TARGET, "",
        f"**median {e['median']:.2f} s** over {results['rounds']} builds "
        f"({', '.join(f'{t:.2f}' for t in e['times'])} s; {e['json_bytes']:,} bytes of JSON). "
        f"**Peak RSS {e['rss_peak_mb']:.0f} MB** (Django loaded: {e['rss_start_mb']:.0f} MB; "
        f"after the report builds: {e['rss_after_report_mb']:.0f} MB).", "",
        f"Hand-written SQL for {len(b['tables'])} of the {len(e['tables'])} tables: **{baseline_total:.2f} s** "
        f"(peak RSS {b['rss_peak_mb']:.0f} MB); the engine's time for the same tables, each built on its own: "
        f"{covered:.2f} s (**{covered / baseline_total:.2f}×**). Whole report against SQL plus the engine's "
        f"time for the {len(e['tables']) - len(b['tables'])} tables without SQL ({uncovered:.2f} s): "
        f"**{ratio:.2f}×**.", "",
        "| table (slowest first) | engine s | statements | SQL s | baseline s | ratio | numbers |",
        "|---|---:|---:|---:|---:|---:|---|"]
    for table_id, t in sorted(e["tables"].items(), key=lambda kv: -kv[1]["seconds"]):
        base = b["tables"].get(table_id)
        if base:
            check = "differ" if table_id in results["mismatches"] else "equal"
            lines.append(f"| {table_id} | {t['seconds']:.3f} | {t['statements']} | {t['sql_seconds']:.3f} | "
                         f"{base['seconds']:.3f} | {t['seconds'] / base['seconds']:.1f}× | {check} |")
        else:
            lines.append(f"| {table_id} | {t['seconds']:.3f} | {t['statements']} | {t['sql_seconds']:.3f} | — | — | "
                         f"no SQL |")
    if results["mismatches"]:
        lines += ["", "### Numbers that differ between the engine and the SQL", ""]
        for table_id, diffs in results["mismatches"].items():
            lines.append(f"- `{table_id}`: " + "; ".join(diffs[:8]) + (f" (+{len(diffs) - 8} more)"
                                                                       if len(diffs) > 8 else ""))
    else:
        lines += ["", "Every compared table has the same numbers in the engine and the SQL."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--child", choices=["engine", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django()
        out = engine(args.rounds, args.year) if args.child == "engine" else baseline(args.rounds, args.year)
        print(json.dumps(out, default=str))
        return
    print(report(run(args.rounds, args.year)))


if __name__ == "__main__":
    main()
