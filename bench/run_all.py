"""Runs every benchmark and writes bench/results/latest.md.

Creates the bench database if missing, migrates it, and generates the synthetic people if
there are fewer than --people (a few minutes, once). Usage: python bench/run_all.py
"""

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time

import psycopg
from common import BENCH_DATABASE_URL, ROOT, setup_django

TARGETS = ("Targets: search median ≤ 50 ms; list page p95 ≤ 200 ms with 20 users "
           "(each pausing about 1 s between pages). The back-to-back run measures capacity. "
           "Annual report as JSON ≤ 10 s, ≤ 2× hand-written SQL, peak memory ≤ 1 GB.")


def ensure_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def cpu_probe() -> float:
    """ms for a fixed pure-Python loop. This VM's single-core speed drifts (we saw 2x within
    minutes), so the report records it next to the figures."""
    start = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * i
    return (time.perf_counter() - start) * 1000


def commit() -> str:
    result = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, check=False,
                            capture_output=True, text=True)
    return result.stdout.strip() or "?"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5, help="search: passes over the query list")
    parser.add_argument("--seconds", type=float, default=30, help="list page: load duration")
    parser.add_argument("--report-rounds", type=int, default=3, help="annual report: builds to take the median of")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = BENCH_DATABASE_URL  # for the manage.py commands below
    ensure_database(BENCH_DATABASE_URL)
    manage("migrate", "--no-input", "-v0")
    setup_django()
    from tejido.registry.models import Person

    existing = Person.all_objects.count()
    if existing < args.people:
        manage("generate_people", "--people", str(args.people - existing))
    manage("generate_services")  # a year of activity for the report; does nothing when already there

    import list_load
    import report
    import search

    started = time.monotonic()
    load_before, probe_before = os.getloadavg()[0], cpu_probe()
    sections = [search.report(search.run(args.rounds)),
                list_load.report(list_load.run(users=20, seconds=args.seconds, think=1.0)),
                list_load.report(list_load.run(users=20, seconds=args.seconds, think=0.0)),
                report.report(report.run(rounds=args.report_rounds))]
    context = (f"{dt.datetime.now():%Y-%m-%d %H:%M}, commit {commit()}, "
               f"{Person.objects.count():,} people, "
               f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
               f"database `{os.environ['DATABASE_URL']}`; took {time.monotonic() - started:.0f} s. "
               f"Load average before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f}; "
               f"CPU probe before/after: {probe_before:.0f}/{cpu_probe():.0f} ms (lower is faster). "
               "Other work on the machine, or a slower CPU, skews every figure.")
    header = ["# Benchmark results", "", context, "", TARGETS, ""]
    text = "\n".join(header + sections)
    out = ROOT / "bench" / "results" / "latest.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print(text)
    print(f"Written to {out}")


if __name__ == "__main__":
    main()
