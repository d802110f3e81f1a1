"""Streams live people from the registry into a DuckDB table, never a million Django objects.

PostgreSQL: COPY ... TO STDOUT straight into a CSV file. Other databases (SQLite in tests and
small installs): a `values_list` iterator in chunks. DuckDB then reads the CSV."""

import csv
import tempfile
from pathlib import Path

from django.db import connection

from tejido.registry.models import Person

from .features import RAW_COLUMNS, RAW_TYPES

# Registry columns in RAW_COLUMNS order ("id" becomes unique_id).
SOURCE_COLUMNS = ["id", "given_names", "first_surname", "second_surname", "sex", "birth_date",
                  "birth_date_estimated", "municipality_id", "department_id", "cui"]


def _people(department_id=None):
    qs = Person.objects.all()
    if department_id:
        qs = qs.filter(department_id=department_id)
    return qs.order_by()


def _write_postgres(path: Path, department_id) -> None:
    sql, params = _people(department_id).values_list(*SOURCE_COLUMNS).query.sql_with_params()
    with connection.cursor() as cursor:
        # Inline the parameters: COPY takes no bind parameters (they are integers from our code).
        query = cursor.mogrify(sql, params) if hasattr(cursor, "mogrify") else sql % tuple(params)
        if isinstance(query, bytes):
            query = query.decode()
        with open(path, "wb") as out, cursor.cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                out.write(block)


def _write_any(path: Path, department_id) -> None:
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        for row in _people(department_id).values_list(*SOURCE_COLUMNS).iterator(chunk_size=20_000):
            writer.writerow(["" if value is None else value for value in row])


def export_people(con, *, department_id=None, table: str = "raw_people") -> int:
    """Create `table` in the DuckDB connection with every live person (of one department)."""
    with tempfile.TemporaryDirectory(prefix="tejido-dedup-") as folder:
        path = Path(folder) / "people.csv"
        if connection.vendor == "postgresql":
            _write_postgres(path, department_id)
        else:
            _write_any(path, department_id)
        columns = "{" + ", ".join(f"'{name}': '{RAW_TYPES[name]}'" for name in RAW_COLUMNS) + "}"
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv('{path}', header = false, "
                    f"columns = {columns}, nullstr = '', quote = '\"', escape = '\"')").fetchall()
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
