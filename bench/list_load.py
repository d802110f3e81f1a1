"""The person list page under concurrent users, over HTTP on loopback.

Starts waitress (8 threads) on the bench database, gives each simulated user a session made
with Django's SessionStore (no password hashing in the measurement), then N threads each send
GET /personas/ or /personas/?q=... back to back (or with --think seconds between) for
--seconds, at most --max-requests each. Usage: python bench/list_load.py [--users 20]
"""

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from common import QUERIES, ROOT, bench_users, setup_django, summary


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_session(user) -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


def start_server(port: int, threads: int, log) -> subprocess.Popen:
    """waitress on the bench database; BENCH_WSGI_APP swaps in another WSGI app to compare."""
    app = os.environ.get("BENCH_WSGI_APP", "config.wsgi:application")
    command = [str(Path(sys.executable).with_name("waitress-serve")), f"--threads={threads}",
               f"--listen=127.0.0.1:{port}", app]
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "ERROR"}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/cuenta/ingresar/", timeout=2)
            return server
        except requests.ConnectionError:
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read().decode()) from None
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("waitress did not start within 30 s")


def user_loop(index: int, base: str, cookies: dict, stop_at: float, think: float,
              max_requests: int, samples: list, errors: list) -> None:
    """One simulated user: half the requests browse the list, half search."""
    rng = random.Random(index)
    http = requests.Session()
    http.cookies.update(cookies)
    who = "national" if index % 2 == 0 else "officer"
    if think:  # people do not all click at the same instant: spread the first requests
        time.sleep(rng.uniform(0, think))
    for _ in range(max_requests):
        if time.monotonic() >= stop_at:
            break
        q = rng.choice(QUERIES) if rng.random() < 0.5 else ""
        start = time.perf_counter()
        try:
            response = http.get(base, params={"q": q} if q else None, timeout=30,
                                allow_redirects=False)
            failure = None if response.status_code == 200 else str(response.status_code)
        except requests.RequestException as error:
            failure = str(error)
        elapsed = (time.perf_counter() - start) * 1000
        if failure:
            errors.append(failure)  # list.append is atomic: no lock needed
        else:
            samples.append((who, "search" if q else "list", elapsed))
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))


def run(users: int = 20, seconds: float = 30, think: float = 0.0, max_requests: int = 2000,
        server_threads: int = 8) -> dict:
    national, officer = bench_users()
    port = free_port()
    base = f"http://127.0.0.1:{port}/personas/"
    samples, errors = [], []
    # The server logs to a file, not a pipe: a full pipe would stall it.
    with tempfile.TemporaryFile() as log:
        server = start_server(port, server_threads, log)
        try:
            # Even users are national staff, odd ones the Alta Verapaz officer; one session each.
            cookies = [make_session(national if i % 2 == 0 else officer) for i in range(users)]
            for c in cookies:  # warm-up: every server thread connects to the database once
                requests.get(base, cookies=c, timeout=60)
            stop_at = time.monotonic() + seconds
            threads = [threading.Thread(target=user_loop, args=(i, base, cookies[i], stop_at, think,
                                                                max_requests, samples, errors))
                       for i in range(users)]
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=10)

    result = {"users": users, "seconds": wall, "think": think, "errors": errors,
              "throughput": len(samples) / wall, "all": summary([s[2] for s in samples])}
    for who in ("national", "officer"):
        for kind in ("list", "search"):
            values = [s[2] for s in samples if s[0] == who and s[1] == kind]
            if values:
                result[f"{who} {kind}"] = summary(values)
    return result


def report(r: dict) -> str:
    a = r["all"]
    think = f"{r['think']:g} s think time" if r["think"] else "no think time (back to back)"
    headline = (f"**p50 {a['median']:.0f} ms, p95 {a['p95']:.0f} ms**, max {a['max']:.0f} ms; "
                f"{a['n']} requests in {r['seconds']:.0f} s ({r['throughput']:.1f} req/s), "
                f"{len(r['errors'])} errors")
    title = f"## List page under load: {r['users']} users, {think}, one waitress process, 8 threads"
    lines = [title,
             "", headline, "", "| user, request | n | p50 ms | p95 ms |", "|---|---:|---:|---:|"]
    for key, s in r.items():
        if isinstance(s, dict) and key != "all":
            lines.append(f"| {key} | {s['n']} | {s['median']:.0f} | {s['p95']:.0f} |")
    if r["errors"]:
        lines.append(f"\nErrors (first 5): {r['errors'][:5]}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds between a user's requests")
    parser.add_argument("--max-requests", type=int, default=2000, help="per user")
    args = parser.parse_args()
    setup_django()
    print(report(run(args.users, args.seconds, args.think, args.max_requests)))
