"""Runs the Splink model over a DuckDB table of people and returns the probable pairs.

DuckDB works on one machine (a million people on two cores in minutes); for a national
registry far larger, the same settings run on Spark with `splink.SparkAPI` (see README)."""

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from splink import DuckDBAPI, Linker

from .features import build_features

MODEL_PATH = Path(__file__).with_name("model.json")
DEFAULT_THRESHOLD = 0.9

# The level each gamma value stands for, for the reviewer's "matched on" summary.
LEVEL_LABELS = {
    "given_norm": {3: "nombres iguales", 2: "nombres casi iguales", 1: "un nombre omitido"},
    "surnames": {4: "apellidos iguales", 3: "apellidos invertidos", 2: "apellidos casi iguales",
                 1: "un apellido en común"},
    "birth_date": {4: "nacimiento igual", 3: "nacimiento casi igual", 2: "nacimiento estimado, mismo año",
                   1: "nacimiento estimado ±2 años"},
    "sex": {1: "mismo sexo"},
    "place": {2: "mismo municipio", 1: "mismo departamento"},
    "cui": {1: "mismo CUI"},
}


@dataclass
class LinkageResult:
    pairs: list = field(default_factory=list)  # (id_a, id_b, probability, [labels])
    people: int = 0
    compared: int = 0
    seconds: float = 0.0


def connect(threads: int = 2, memory_limit: str = "2GB") -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    settings = (f"threads = {int(threads)}", f"memory_limit = '{memory_limit}'", "preserve_insertion_order = false")
    for setting in settings:
        con.execute(f"SET {setting}").fetchall()  # DuckDB wants every result consumed
    return con


def summary_labels(row: dict) -> list[str]:
    labels = []
    for column, levels in LEVEL_LABELS.items():
        label = levels.get(row.get(f"gamma_{column}"))
        if label:
            labels.append(label)
    return labels


def find_pairs(con, *, raw_table: str = "raw_people", threshold: float = DEFAULT_THRESHOLD,
               model_path: Path = MODEL_PATH) -> LinkageResult:
    """Score every blocked pair of `raw_table` and keep those at or above `threshold`."""
    started = time.monotonic()
    build_features(con, source=raw_table, target="people")
    result = LinkageResult(people=con.execute("SELECT count(*) FROM people").fetchall()[0][0])
    if result.people < 2:
        return result
    settings = json.loads(Path(model_path).read_text())
    # The gamma_ columns (which level each comparison reached), for the reviewer's summary.
    settings["retain_intermediate_calculation_columns"] = settings["retain_matching_columns"] = True
    linker = Linker("people", settings, db_api=DuckDBAPI(connection=con), set_up_basic_logging=False)
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    table = predictions.physical_name
    gammas = [c for c in con.execute(f"SELECT * FROM {table} LIMIT 0").fetchdf().columns if c.startswith("gamma_")]
    columns = ", ".join(["unique_id_l", "unique_id_r", "match_probability", *gammas])
    cursor = con.execute(f"SELECT {columns} FROM {table} ORDER BY match_probability DESC")
    while batch := cursor.fetchmany(10_000):
        for row in batch:
            values = dict(zip(gammas, row[3:], strict=True))
            a, b = sorted((int(row[0]), int(row[1])))
            result.pairs.append((a, b, float(row[2]), summary_labels(values)))
    result.seconds = time.monotonic() - started
    return result
