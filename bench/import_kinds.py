"""Every import kind, not only people (issue 18 item 5): rows/s of `manage.py import_data` for each
template a migrating office uses, beside the rows/s of a raw COPY of the rows it wrote (the floor).

1. (Re)creates the database `tejido_bench_kinds`, migrates it, loads the territory, a national user.
2. Imports, in the order a migration does and each as its own process: people (`--people` rows,
   the spellings of bench/import_people.py), centers (CADI, productive units, elderly day centers),
   then `--rows` rows of each service kind: enrolments (children at CADIs), events (talks, 20
   named participants each, grouped by the event code), deliveries (elderly kits to named people),
   nutrition screenings (the enrolled children), migrant receptions (families of four).
3. For each kind: seconds, rows/s, peak RSS, and the seconds a raw COPY of the table it filled
   takes into an identical empty table (LIKE ... INCLUDING ALL), as in bench/import_people.py.

Writes bench/results/import_kinds.md. The target of issue 18 is 10,000 rows/s for every kind; this
measures where each kind stands today.

Usage: python bench/import_kinds.py [--people 20000] [--rows 2000]
"""

import argparse
import csv
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time

import psycopg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, fresh_import_database  # noqa: E402

DATABASE_URL = os.environ.get("BENCH_KINDS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tejido_bench_kinds")
os.environ["BENCH_IMPORT_DATABASE_URL"] = DATABASE_URL  # import_people's helpers read the same database
import import_people  # noqa: E402

# kind -> the table whose rows it writes (the raw COPY floor is measured on it)
TABLES = {"personas": "registry_person", "centros": "centers_center", "inscripciones": "programs_enrolment",
          "eventos": "programs_event_participants", "entregas": "programs_delivery",
          "tamizajes": "childcare_nutritionscreening", "recepciones": "migrants_receptionmember"}


def fresh_database() -> None:
    fresh_import_database(DATABASE_URL)


def query(sql: str, *args) -> list[tuple]:
    with psycopg.connect(DATABASE_URL) as conn:
        return conn.execute(sql, args).fetchall()


def write_csv(path: str, kind: str, rows) -> int:
    sys.path.insert(0, str(ROOT))
    from tejido.imports.kinds import KINDS

    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow([c.header for c in KINDS[kind].columns])
        for row in rows:
            out.writerow(row)
            count += 1
    return count


def centers_rows(rng, cadis: int, units: int, elderly: int):
    munis = [m for m, in query("SELECT id FROM territory_municipality ORDER BY id")]
    for n in range(cadis + units + elderly):
        kind, line = (("CADI", "") if n < cadis else ("Unidad productiva", "Repostería") if n < cadis + units
                      else ("Centro de Atención Diurna", ""))
        yield [f"B-{n:05d}", f"{kind} banco {n}", kind, rng.choice(munis), "", "", "", "", "8:00", "16:00", 40, line]


def enrolment_rows(rng, count: int):
    children = query("SELECT id FROM registry_person WHERE birth_date BETWEEN '2018-03-01' AND '2023-06-30' "
                     "ORDER BY id")
    cadis = [c for c, in query("SELECT code FROM centers_center WHERE kind = 'cadi' ORDER BY id")]
    for (person,), _n in zip(children, range(count), strict=False):
        yield [person, rng.choice(cadis), "05/02/2024"]


def event_rows(rng, count: int):
    adults = [p for p, in query("SELECT id FROM registry_person WHERE birth_date < '2000-01-01' ORDER BY id")]
    munis = [m for m, in query("SELECT id FROM territory_municipality ORDER BY id")]
    chosen = rng.sample(adults, count)
    for n, person in enumerate(chosen):
        event = n // 20
        yield ["Hogares Comunitarios", "Charla informativa", f"Crianza con cariño {event}",
               "Madres y padres de familia", "12/03/2024", munis[event % len(munis)], "", "", "", "", person,
               f"EV-{event:05d}", "", ""]


def delivery_rows(rng, count: int):
    elderly = [(p, m) for p, m in query("SELECT id, municipality_id FROM registry_person "
                                        "WHERE birth_date < '1960-01-01' ORDER BY id")]
    for n in range(count):
        person, muni = elderly[n % len(elderly)]
        yield ["Mis Años Dorados", "Kit de higiene", 1, f"{1 + n % 28:02d}/03/2024", person, "", muni, "",
               f"K-{n:06d}", ""]


class _Clipped(random.Random):
    """The demo's measurements (WHO curves), with z kept within ±2: plausible for every child."""

    def gauss(self, mu=0.0, sigma=1.0):
        return max(-2.0, min(2.0, super().gauss(mu, sigma)))


def screening_rows(rng, count: int):
    from types import SimpleNamespace

    from tejido.demo.childcare import _measurement

    clipped = _Clipped(rng.random())
    enrolled = query("SELECT e.person_id, c.code, p.birth_date, p.sex FROM programs_enrolment e "
                     "JOIN centers_center c ON c.id = e.center_id JOIN registry_person p ON p.id = e.person_id "
                     "ORDER BY e.id")
    from tejido.childcare.anthropometry import compute

    day, written = dt.date(2024, 4, 10), 0
    for person, center, born, sex in enrolled:
        if written == count:
            return
        weight, height, position = _measurement(clipped, SimpleNamespace(birth_date=born, sex=sex), day)
        # An implausible z (outside WHO's limits) is refused by the import, as on the form: a file
        # of a real office would have it corrected first.
        if compute(sex={"M": 1, "F": 2}[sex], birth_date=born, measure_date=day, weight_kg=float(weight),
                   height_cm=float(height), measured=position, oedema=False).implausible:
            continue
        written += 1
        yield [person, center, f"{day:%d/%m/%Y}", weight, height, position, ""]


def reception_rows(rng, count: int):
    sys.path.insert(0, str(ROOT))
    from tejido.demo.names import FEMALE_NAMES, HISPANIC_SURNAMES, MALE_NAMES

    centers = [c for c, in query("SELECT id FROM centers_center WHERE kind = 'migrant_reception' ORDER BY id")]
    munis = [m for m, in query("SELECT id FROM territory_municipality ORDER BY id")]
    for n in range(count):
        family, member = divmod(n, 4)
        head = member == 0
        sex = "Hombre" if member in (0, 2) else "Mujer"
        names = MALE_NAMES if sex == "Hombre" else FEMALE_NAMES
        yield [f"R-{family:05d}", "10/03/2024", centers[family % len(centers)], "Vía aérea", "Estados Unidos",
               munis[family % len(munis)], rng.choice(names), rng.choice(HISPANIC_SURNAMES), "", sex,
               34 if head else 30 - member * 7, "", "Jefe/a de hogar" if head else "Hijo/a", ""]


def reception_centers() -> None:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                    "from tejido.centers.models import Center; from tejido.territory.models import Municipality;"
                    "[Center.objects.create(name=f'Recepción {m.name}', kind='migrant_reception', municipality=m,"
                    " department_id=m.department_id) for m in Municipality.objects.filter(pk__in=[101, 1301])]"],
                   cwd=ROOT, env=env, check=True)


def timed(kind: str, path: str) -> dict:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "config.settings"}
    probe = import_people.PEAK_PROBE.replace('"personas"', "sys.argv[2]")
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", probe, path, kind], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    seconds = time.monotonic() - started
    if result.returncode:
        sys.exit(f"{kind}: import failed:\n{result.stdout}\n{result.stderr}")
    lines = result.stdout.strip().splitlines()
    print(lines[0])
    if "con error 0" not in lines[0]:
        sys.exit(f"{kind}: rows with errors:\n" + "\n".join(lines))
    return {"seconds": seconds, "peak_mb": int(lines[-1].split()[1]) / 1024}


def raw_copy(table: str) -> tuple[int, float]:
    with tempfile.TemporaryFile() as dump, psycopg.connect(DATABASE_URL) as conn:
        with conn.cursor().copy(f"COPY (SELECT * FROM {table}) TO STDOUT") as copy:
            for chunk in copy:
                dump.write(chunk)
        dump.seek(0)
        conn.execute(f"CREATE TABLE bench_copy (LIKE {table} INCLUDING ALL)")
        conn.commit()
        started = time.monotonic()
        with conn.cursor().copy("COPY bench_copy FROM STDIN") as copy:
            while chunk := dump.read(1 << 20):
                copy.write(chunk)
        conn.commit()
        seconds = time.monotonic() - started
        rows = conn.execute("SELECT count(*) FROM bench_copy").fetchone()[0]
        conn.execute("DROP TABLE bench_copy")
        conn.commit()
    return rows, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--only", default="", help="comma-separated kinds after people and centers "
                        "(written to import_kinds-<kinds>.md instead of the full table)")
    args = parser.parse_args()
    only = [k for k in args.only.split(",") if k]
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()  # the templates' headers come from the import kinds
    rng = random.Random(5)
    fresh_database()
    reception_centers()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        plan = [("personas", lambda: import_people.people_rows(args.people)),
                ("centros", lambda: centers_rows(rng, 300, 100, 100)),
                ("inscripciones", lambda: enrolment_rows(rng, args.rows)),
                ("eventos", lambda: event_rows(rng, args.rows)),
                ("entregas", lambda: delivery_rows(rng, args.rows)),
                ("tamizajes", lambda: screening_rows(rng, args.rows)),
                ("recepciones", lambda: reception_rows(rng, args.rows))]
        if only:
            plan = [(kind, rows) for kind, rows in plan if kind in ("personas", "centros", *only)]
        for kind, rows in plan:
            path = os.path.join(folder, f"{kind}.csv")
            count = write_csv(path, kind, rows())
            load = import_people.load_average()
            result = timed(kind, path)
            copied, copy_seconds = raw_copy(TABLES[kind])
            result.update(kind=kind, rows=count, copied=copied, copy_seconds=copy_seconds,
                          load=f"{load} → {import_people.load_average()}")
            print(f"{kind}: {count:,} rows in {result['seconds']:.1f} s ({count / result['seconds']:,.0f} rows/s); "
                  f"raw COPY of {copied:,} rows {copy_seconds:.2f} s")
            results.append(result)
    people_rate = results[0]["rows"] / results[0]["seconds"]
    lines = ["# Every import kind beside the people import and a raw COPY", "",
             f"Measured {dt.date.today():%Y-%m-%d} with `python bench/import_kinds.py --people {args.people} "
             f"--rows {args.rows}{' --only ' + args.only if only else ''}` on PostgreSQL"
             f", this machine ({os.cpu_count()} CPUs). Each kind is "
             "`manage.py import_data` as its own process (both passes, history rows included); the floor is a "
             "raw COPY of the rows it left in its table into an identical empty table.", "",
             "| Template | Rows | Seconds | Rows/s | × slower than people | Peak RSS | Raw COPY (rows, s) | "
             "× the COPY | Load (1 min) |", "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        rate = r["rows"] / r["seconds"]
        copy_rate = r["copied"] / r["copy_seconds"] if r["copy_seconds"] else 0
        lines.append(f"| `{r['kind']}` | {r['rows']:,} | {r['seconds']:.1f} | {rate:,.0f} | "
                     f"{people_rate / rate:.0f}× | {r['peak_mb']:.0f} MB | {r['copied']:,}, {r['copy_seconds']:.2f} | "
                     f"{(copy_rate / rate) if rate else 0:,.0f}× | {r['load']} |")
    lines += ["", "Seconds include the process start (about 2 s of Django set-up), which weighs on the small files."]
    name = f"import_kinds-{'-'.join(only)}.md" if only else "import_kinds.md"
    out = os.path.join(ROOT, "bench", "results", name)
    with open(out, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
