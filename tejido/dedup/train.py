"""Trains the model and writes model.json: `python -m tejido.dedup.train [--people N]`.

Trained on a synthetic registry (the demo's family generator, every department) with planted
duplicates, never on real people, so the parameters can live in the repository and every run
is reproducible. u probabilities come from random pairs; m probabilities from expectation
maximisation on pairs blocked by one field at a time (each session learns the fields it does not
block on). Needs no database."""

import argparse
import datetime as dt
import json
import random

import pandas as pd
from splink import DuckDBAPI, Linker, block_on

from .features import RAW_COLUMNS, build_features
from .linkage import MODEL_PATH, connect
from .model_spec import settings_creator
from .synthetic import plant

TRAINING_DAY = dt.date(2026, 1, 1)  # fixed, so the generated ages (and the model) do not drift


def synthetic_rows(people: int, duplicates: int, *, seed: int = 11) -> tuple[list[dict], set]:
    """Generated people plus `duplicates` noisy copies; returns rows and the true pairs."""
    from tejido.demo.people import FamilyGenerator
    from tejido.territory.loader import ine_catalogue

    municipalities = sorted(row["code"] for row in ine_catalogue())
    generator = FamilyGenerator(municipalities, seed=seed, today=TRAINING_DAY)
    rows: list[dict] = []
    while len(rows) < people:
        family = generator.family()
        for member in family.members:
            rows.append({"unique_id": len(rows) + 1, "given_names": member.given_names,
                         "first_surname": member.first_surname, "second_surname": member.second_surname,
                         "sex": member.sex, "birth_date": member.birth_date,
                         "birth_date_estimated": member.birth_date_estimated,
                         "municipality_id": family.municipality_id,
                         "department_id": family.municipality_id // 100, "cui": member.cui})
    truth = set()
    for original, copy, _changes in plant(rows, duplicates, seed=seed):
        copy["unique_id"] = len(rows) + 1
        rows.append(copy)
        truth.add((original["unique_id"], copy["unique_id"]))
    return rows, truth


def train(rows: list[dict], *, seed: int = 1) -> dict:
    con = connect()
    frame = pd.DataFrame(rows, columns=RAW_COLUMNS)
    frame["birth_date"] = pd.to_datetime(frame["birth_date"]).dt.date
    con.register("raw_frame", frame)
    con.execute("CREATE TABLE raw_people AS SELECT * FROM raw_frame").fetchall()
    build_features(con, source="raw_people", target="people")
    linker = Linker("people", settings_creator(), db_api=DuckDBAPI(connection=con), set_up_basic_logging=False)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("birth_date", "given_norm", "surnames_sorted")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date", "given1"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("surnames_sorted", "municipality_id"))
    return with_priors(linker.misc.save_model_to_json(None))


# Planted copies never change sex or municipality and never carry a CUI, so EM cannot learn how
# often real duplicates do. These floors say it instead: a mistyped sex or a move happens, and
# two records with the same CUI are the same person while two different CUIs are two people.
# EM also reads brothers and twins (same surnames, town and year) as half-matches, which would
# let twins with different given names through; fixed m values for "nothing in common" say
# how rarely one person's given names or birth date are entirely different in two records.
M_FLOOR = 0.005
M_FIXED = {("given_norm", "All other comparisons"): 0.002, ("birth_date", "All other comparisons"): 0.02}
# CUIs carry a check digit, so two different valid ones are two people: a near veto.
CUI_LEVELS = {"Exact match on cui": (0.95, 1e-6), "All other comparisons": (1e-8, 1.0)}


def with_priors(settings: dict) -> dict:
    for comparison in settings["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        if comparison["output_column_name"] == "cui":
            for level in levels:
                level["m_probability"], level["u_probability"] = CUI_LEVELS[level["label_for_charts"]]
            continue
        name = comparison["output_column_name"]
        fixed = {lv["label_for_charts"]: M_FIXED[(name, lv["label_for_charts"])] for lv in levels
                 if (name, lv["label_for_charts"]) in M_FIXED}
        free = [lv for lv in levels if lv["label_for_charts"] not in fixed]
        for level in free:
            level["m_probability"] = max(level.get("m_probability") or 0, M_FLOOR)
        total = sum(level["m_probability"] for level in free) / (1 - sum(fixed.values()))
        for level in levels:
            level["m_probability"] = fixed.get(level["label_for_charts"], level["m_probability"] / total)
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--duplicates", type=int, default=4_000)
    args = parser.parse_args()
    import django

    django.setup()
    random.seed(0)
    rows, _truth = synthetic_rows(args.people, args.duplicates)
    settings = train(rows)
    MODEL_PATH.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n")
    print(f"Modelo escrito en {MODEL_PATH}")


if __name__ == "__main__":
    main()
