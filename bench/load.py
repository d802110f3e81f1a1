"""The load test of issue 8: gunicorn on the bench database (PostgreSQL, a million people and a year
of services), 50 departmental officers and 5 planners (bench/locustfile.py) for --minutes on
loopback. Prints and writes bench/results/load.md: requests, error rate, p50/p95/max for reads
and writes (targets: no errors, p95 reads ≤ 150 ms, writes ≤ 300 ms).

Usage: python bench/load.py [--minutes 10] [--users 55] [--workers 5]"""

import argparse
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DATABASE_URL, ROOT  # noqa: E402

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def warm_database() -> float:
    """Read every table and index of the bench database once (pg_prewarm 'read', into the operating
    system's cache), as a production server that has been running holds its working set: without
    it the first minutes measure the disk, not the application. Returns the seconds it took."""
    import psycopg

    started = time.time()
    with psycopg.connect(BENCH_DATABASE_URL, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        relations = conn.execute(
            "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'm')").fetchall()
        for (oid,) in relations:
            conn.execute("SELECT pg_prewarm(%s::regclass, 'read')", [oid])
    return time.time() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--users", type=int, default=55)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": BENCH_DATABASE_URL, "DEBUG": "false", "LOG_LEVEL": "ERROR"}
    subprocess.run([sys.executable, "bench/load_setup.py"], cwd=ROOT, env=env, check=True)
    warmed = warm_database()
    port = free_port()
    # As in production (deploy/systemd/tejido-jobs.service): the web starts no job processes, one
    # run_jobs worker builds the planners' reports in the background.
    env["JOBS_SPAWN"] = "0"
    worker = subprocess.Popen([sys.executable, "manage.py", "run_jobs", "--sleep", "1"], cwd=ROOT, env=env)
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads), "--access-logfile", "/dev/null",
         "config.wsgi:application"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
        results = ROOT / "var" / "load_times.json"
        load_before = os.getloadavg()
        started = time.time()
        subprocess.run([str(BIN / "locust"), "-f", "bench/locustfile.py", "--headless", "-u", str(args.users),
                        "-r", "5", "-t", f"{int(args.minutes * 60)}s", "--host", f"http://127.0.0.1:{port}",
                        "--only-summary", "--stop-timeout", "30"],
                       cwd=ROOT, env={**env, "LOAD_RESULTS": str(results)}, check=False)
        elapsed = time.time() - started
        load_after = os.getloadavg()
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=60)
        worker.wait(timeout=60)
    data = json.loads(results.read_text())
    times, errors = data["times"], data["error_count"]
    total = sum(len(v) for v in times.values()) + errors
    database = BENCH_DATABASE_URL.rsplit("/", 1)[1]
    lines = [f"# Load test ({dt.date.today().isoformat()})", "",
             f"gunicorn {args.workers} workers × {args.threads} threads, PostgreSQL `{database}`, {args.users} users"
             f" (50 officers, 5 planners) for {elapsed / 60:.1f} min on loopback, this 2-core machine;"
             f" reports built by one `run_jobs` worker (JOBS_SPAWN=0). Load average (1, 5, 15 min) at the"
             f" start {', '.join(f'{x:.1f}' for x in load_before)}, at the end"
             f" {', '.join(f'{x:.1f}' for x in load_after)}. Database read once into the OS cache before"
             f" the run (pg_prewarm, {warmed:.0f} s), as a running server holds it.",
             "", "| class | requests | p50 ms | p95 ms | max ms | target p95 |", "|---|---|---|---|---|---|"]
    for kind, target in (("read", 150), ("write", 300)):
        values = times[kind]
        lines.append(f"| {kind} | {len(values)} | {percentile(values, 50):.0f} | {percentile(values, 95):.0f} | "
                     f"{max(values) if values else float('nan'):.0f} | ≤ {target} |")
    lines += ["", "| request | n | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|"]
    for name, values in sorted(data["by_name"].items()):
        lines.append(f"| {name} | {len(values)} | {percentile(values, 50):.0f} | {percentile(values, 95):.0f} | "
                     f"{max(values):.0f} |")
    lines += ["", f"Errors: {errors} of {total} requests ({100 * errors / max(total, 1):.2f} %)."]
    if data["errors"]:
        lines += ["", "First errors:", *[f"- {e}" for e in data["errors"][:10]]]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "results" / "load.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
