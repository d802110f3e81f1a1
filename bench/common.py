"""Shared by the benchmarks: Django set up against the bench database, test users, queries."""

import math
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Its own database, never the developer's DATABASE_URL: the benchmarks add a million people.
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL",
                                    "postgres://postgres@127.0.0.1:5432/tejido_bench")
# Alta Verapaz: a large, mostly Q'eqchi' department, so surname searches hit real volume.
OFFICER_DEPARTMENT = 16

# What people type in the search box: partial given names and surnames (Spanish and Mayan),
# two words, accents, rare names, and CUI prefixes. Common and rare on purpose.
QUERIES = [
    "mari", "maria", "jose", "juan carlos", "caal", "xol", "choc pop", "jose perez", "lopez",
    "garcia hernandez", "ana lucia", "tzoc", "cumes", "bamaca", "chilel", "sosof", "ellington",
    "monterroso", "sagast", "perez caal", "maria caal xol", "byron", "jeff", "yesenia lopez",
    "domingo pascual", "ixchel", "de leon", "María Pérez", "50004", "5000512",
]


def setup_django() -> None:
    os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit(f"The benchmarks need PostgreSQL (BENCH_DATABASE_URL={BENCH_DATABASE_URL}).")


def bench_users():
    """(national user, department officer), created on first use; no password: sessions are
    made directly (see list_load.py)."""
    from tejido.accounts.models import Role, User

    national, _ = User.objects.get_or_create(username="bench.nacional",
                                             defaults={"role": Role.PROGRAM_STAFF})
    officer, created = User.objects.get_or_create(username="bench.delegado",
                                                  defaults={"role": Role.DEPARTMENT_OFFICER})
    if created:
        officer.departments.set([OFFICER_DEPARTMENT])
    for user in (national, officer):
        if user.has_usable_password():
            user.set_unusable_password()
            user.save(update_fields=["password"])
    return national, officer


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict:
    return {"n": len(values), "median": statistics.median(values), "p95": percentile(values, 95),
            "max": max(values)}


def fresh_import_database(database_url: str) -> None:
    """Drop and create a benchmark database, migrate it, load the territory and add the importing
    user (the import benchmarks start from an empty secretariat)."""
    import subprocess

    import psycopg

    name = database_url.rsplit("/", 1)[1]
    assert "bench" in name, "the benchmark drops its database: its name must contain «bench»"
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                    "from tejido.territory.loader import load_territory; load_territory();"
                    "from tejido.accounts.models import User, Role;"
                    "User.objects.create(username='bench.importador', role=Role.PROGRAM_STAFF)"],
                   cwd=ROOT, env=env, check=True)
