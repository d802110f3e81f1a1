"""Small-cell protection of the transparency portal (issue 15, item 4): what the protection and its
audit cost inside `manage.py portal_publish`, and what they hide.

1. Demo data: the database of DATABASE_URL (only read; default var/tejido.sqlite3, where `make run`
   loads the demo). For each year (default: this year and the previous one, as portal_publish),
   publication.build_year in Spanish, then in English (the second language reuses the protection
   of the same figures: PROTECTIONS).
2. Synthetic, no database: the catalogue's five department tables (children, elderly, social
   service, migrant families, women; and the women by age group, which repeat the women's total)
   over 22 departments and the 16 periods of a year (year, 3 four-month periods, 12 months),
   counted from simulated people: each served from a random month for a random number of months
   (distinct people per period: a period's total is at most the sum of its months), migrant
   families received on one day (exact sums). Departments of every size, so many cells are under
   5. `--scale` multiplies the people.
For each: wall time of the protection (suppression.suppress: row/column rule, audit, secondary
suppression), linear and integer programs solved, cells, hidden counts of 1 to 4 (primary) and
other hidden cells (secondary), "<5" that had to be shown as "*", protection intervals cut to the
table's shape. Then the outside attack of the tests (tejido/portal/tests/attacker.py, integer
programming, independent of the portal's code) on what would be published: hidden cells recovered
exactly or with a narrower range than their protection interval (must be 0).
Writes bench/results/portal_suppression.md.
Usage: python bench/portal_suppression.py [--years 2025 2026] [--scale 1] [--seed 7] [--skip-demo] [--no-attack]
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections import defaultdict

from common import ROOT

DEPARTMENTS = ["Alta Verapaz", "Baja Verapaz", "Chimaltenango", "Chiquimula", "El Progreso", "Escuintla",
               "Guatemala", "Huehuetenango", "Izabal", "Jalapa", "Jutiapa", "Petén", "Quetzaltenango", "Quiché",
               "Retalhuleu", "Sacatepéquez", "San Marcos", "Santa Rosa", "Sololá", "Suchitepéquez",
               "Totonicapán", "Zacapa"]
AGE_GROUPS = ["0 a 12 años", "13 a 29 años", "30 a 59 años", "60 años y más"]
TABLES = {  # table id -> (people per department at scale 1: median, spread)
    "childcare.children_by_department": (40, 1.3), "elderly.by_department": (12, 1.2),
    "social_service.persons_by_department": (25, 1.4), "women.by_department": (10, 1.2)}
OUT = ROOT / "bench" / "results" / "portal_suppression.md"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def periods() -> tuple[list[str], dict, list]:
    """Period keys in the portal's order, the months of each, and the nesting."""
    from tejido.portal.publication import family

    keys = list(family(2025)[0])
    months = {"Y": range(1, 13), **{f"C{n}": range(4 * n - 3, 4 * n + 1) for n in (1, 2, 3)},
              **{f"M{m}": [m] for m in range(1, 13)}}
    return keys, months, family(2025)[1]


def _contract(columns: list[str], rows: list[dict], totals: dict) -> dict:
    return {"columns": [{"id": c, "label": c, "kind": "text" if i == 0 else "int"} for i, c in enumerate(columns)],
            "rows": rows, "totals": totals}


def synthetic(scale: float, seed: int) -> tuple[dict, list]:
    """(period key -> table id -> contract, the specs of the tables)."""
    from tejido.portal.catalogue import BY_ID

    rng = random.Random(seed)
    keys, months, _nesting = periods()
    contracts = {key: {} for key in keys}

    def served():
        start = rng.randint(1, 12)
        return set(range(start, min(12, start + int(rng.expovariate(1 / 4))) + 1))

    people = {}  # table -> department -> [(sex, months, age group)]
    for table_id, (median, spread) in TABLES.items():
        people[table_id] = {}
        for department in DEPARTMENTS:
            n = int(round(scale * median * rng.lognormvariate(0, spread)))
            if rng.random() < 0.15:
                n = rng.randint(1, 4)  # a department just starting
            people[table_id][department] = [(rng.choice("MF") if table_id != "women.by_department" else "F",
                                             served(), rng.choices(range(4), weights=[1, 4, 6, 2])[0])
                                            for _i in range(n)]
    for key in keys:
        wanted = set(months[key])
        for table_id, by_department in people.items():
            spec = BY_ID[table_id]
            rows = []
            for department in DEPARTMENTS:
                here = [p for p in by_department[department] if p[1] & wanted]
                if not here:
                    continue
                men = sum(p[0] == "M" for p in here)
                counts = dict(zip(spec.counts, [men, len(here) - men, len(here)], strict=False))
                if table_id == "women.by_department":
                    counts = {"women": len(here)}
                rows.append({"department": department, "municipalities": rng.randint(1, 6), **counts})
            totals = {"department": "Total", "municipalities": sum(r["municipalities"] for r in rows),
                      **{c: sum(r[c] for r in rows) for c in spec.counts}}
            contracts[key][table_id] = _contract(["department", "municipalities", *spec.counts], rows, totals)
        women = [p for ps in people["women.by_department"].values() for p in ps if p[1] & wanted]
        ages = [sum(p[2] == g for p in women) for g in range(4)]
        contracts[key]["women.by_age_group"] = _contract(
            ["age_group", "women", "percent"],
            [{"age_group": label, "women": n, "percent": round(100 * n / len(women), 2) if women else 0}
             for label, n in zip(AGE_GROUPS, ages, strict=True)],
            {"age_group": "Total", "women": len(women), "percent": 100})
    # Migrant families: received on one day, with 1 to 6 members.
    receptions = [(rng.choice(DEPARTMENTS), rng.randint(1, 12), rng.choices(range(1, 7), weights=[3, 3, 4, 3, 2, 1])[0])
                  for _i in range(int(scale * 600))]
    for key in keys:
        rows = defaultdict(lambda: {"families": 0, "men": 0, "women": 0, "minors": 0, "people": 0})
        for department, month, size in receptions:
            if month in months[key]:
                row = rows[department]
                row["families"] += 1
                minors = size // 3
                row["men"] += (size - minors) // 2
                row["women"] += size - minors - (size - minors) // 2
                row["minors"] += minors
                row["people"] += size
        listed = [{"department": d, **rows[d]} for d in DEPARTMENTS if d in rows]
        totals = {"department": "Total", **{c: sum(r[c] for r in listed) for c in
                                             ("families", "men", "women", "minors", "people")}}
        contracts[key]["migrants.by_destination_department"] = _contract(
            ["department", "families", "men", "women", "minors", "people"], listed, totals)
    ids = [*TABLES, "women.by_age_group", "migrants.by_destination_department"]
    return contracts, [BY_ID[t] for t in ids if t in BY_ID]


def publication_of(contracts: dict, specs: list, hidden: dict) -> dict:
    """What would be published (period key -> {"tables": [...]}), as build_year lays it out."""
    from tejido.portal.protect import apply, hidden_of
    from tejido.portal.publication import rule

    return {key: {"suppression": rule(), "tables": [
        {**apply(tables[spec.table_id], hidden_of(tables[spec.table_id], spec, key, hidden[spec.table_id])),
         "id": spec.table_id} for spec in specs]} for key, tables in contracts.items()}


def attack(year_publication: dict, contracts: dict, targets=None) -> tuple[int, int, float]:
    """(hidden cells attacked, failures, seconds) of the tests' outside attacker."""
    from tejido.portal.tests.test_attack import attack as outside

    started = time.perf_counter()
    failures = outside(year_publication, contracts, targets)
    from tejido.portal.catalogue import BY_ID

    hidden = sum(column in BY_ID[t["id"]].counts for p in year_publication.values() for t in p["tables"]
                 for m in [*t["suppressed"]["rows"], t["suppressed"]["totals"]] for column in m)
    for failure in failures[:10]:
        print("  ", failure)
    return hidden, len(failures), time.perf_counter() - started


def row(label: str, stats, seconds: float, checked=None) -> str:
    if stats.reused:
        return f"| {label} | same figures: the first language's hidden cells {'| — ' * 8}| — |"
    hidden = stats.primary + stats.secondary
    attack_text = "—" if checked is None else (f"{checked[0]} hidden cells, **{checked[1]} disclosed** "
                                                f"({checked[2]:.0f} s)")
    return (f"| {label} | {stats.cells:,} | {hidden:,} | {stats.primary:,} | {stats.secondary:,} | {stats.switched:,} "
            f"| {stats.shape_limited} | {stats.linear_programs:,} | {stats.integer_programs:,} | **{seconds:.1f} s** "
            f"({stats.cpu_seconds:.1f} s CPU) | {attack_text} |")


def demo(years: list[int], check: bool) -> list[str]:
    from django.utils import translation

    from tejido.portal import publication
    from tejido.portal.suppression import Stats
    from tejido.portal.tests.attacker import plan_rows
    from tejido.portal.tests.test_attack import unprotected

    lines = []
    for year in years:
        for language in ("es", "en"):
            with translation.override(language):
                stats = Stats()
                started = time.perf_counter()
                built = publication.build_year(year, stats)
                whole = time.perf_counter() - started
                label = f"demo {year} ({language}); whole build_year {whole:.1f} s"
                checked = attack(built, unprotected(year), plan_rows(year)) if check and language == "es" else None
                lines.append(row(label, stats, stats.seconds, checked))
                print(lines[-1], flush=True)
    return lines


def synthetic_run(scale: float, seed: int, check: bool) -> list[str]:
    from tejido.portal.protect import protect_year
    from tejido.portal.suppression import Stats

    contracts, specs = synthetic(scale, seed)
    _keys, _months, nesting = periods()
    stats = Stats()
    hidden = protect_year(contracts, nesting, specs, None, stats)
    checked = attack(publication_of(contracts, specs, hidden), contracts) if check else None
    label = (f"synthetic ×{scale:g} (seed {seed}): 22 departments, {len(specs)} tables, "
             f"{sum(len(t['rows']) for p in contracts.values() for t in p.values())} rows over 16 periods")
    line = row(label, stats, stats.seconds, checked)
    print(line, flush=True)
    return [line]


def main() -> None:
    parser = argparse.ArgumentParser()
    this_year = dt.date.today().year
    parser.add_argument("--years", type=int, nargs="*", default=[this_year - 1, this_year])
    parser.add_argument("--scale", type=float, nargs="*", default=[1, 4])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-demo", action="store_true")
    parser.add_argument("--no-attack", action="store_true")
    args = parser.parse_args()
    setup_django()
    from run_all import commit, cpu_probe

    before = (os.getloadavg()[0], cpu_probe())
    lines = [] if args.skip_demo else demo(args.years, not args.no_attack)
    for scale in args.scale:
        lines += synthetic_run(scale, args.seed, not args.no_attack)
    after = (os.getloadavg()[0], cpu_probe())
    from django.db import connection

    header = [
        "# Portal small-cell protection benchmark", "",
        f"{dt.datetime.now():%Y-%m-%d %H:%M}, commit {commit()}, {os.cpu_count()} CPUs, load average "
        f"{before[0]:.1f} before / {after[0]:.1f} after, CPU probe {before[1]:.0f} / {after[1]:.0f} ms (lower is "
        "faster; other engineers share the machine). Demo database: "
        f"{connection.settings_dict['NAME']} ({connection.vendor}).", "",
        "`python bench/portal_suppression.py` (bench/README.md). Protection time: suppression.suppress over the "
        "whole year (16 periods, every table, protected together: row/column rule, integer audit, secondary "
        "suppression). Primary: counts of 1 to 4 (shown \"<5\", or \"*\" when \"<5\" would give them away); "
        "secondary: other hidden cells (\"*\"). Attack: the tests' outside attacker "
        "(tejido/portal/tests/attacker.py, integer programming), hidden cells recovered exactly or narrower than "
        "their protection interval.", "",
        "| data | cells | hidden | primary | secondary | \"<5\" shown as \"*\" | intervals cut to the shape "
        "| linear programs | integer programs | protection time (wall, CPU) | outside attack |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    OUT.write_text("\n".join(header + lines) + "\n")
    print(f"written {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
