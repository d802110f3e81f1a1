"""The comparison features of a person, computed inside DuckDB from the raw columns.

The same normalisation as `tejido.common.text.normalize_text` (lower case, no accents, no
apostrophes, one space between words), written in SQL so a million rows are prepared in
seconds without a Python loop. Surnames are also kept as a sorted token string so that
"Pérez Caal" and "Caal Pérez" compare equal."""

# Raw columns exported from the registry (or mapped from FEBRL), in this order.
RAW_COLUMNS = ["unique_id", "given_names", "first_surname", "second_surname", "sex", "birth_date",
               "birth_date_estimated", "municipality_id", "department_id", "cui"]

RAW_TYPES = {"unique_id": "BIGINT", "given_names": "VARCHAR", "first_surname": "VARCHAR",
             "second_surname": "VARCHAR", "sex": "VARCHAR", "birth_date": "DATE",
             "birth_date_estimated": "BOOLEAN", "municipality_id": "BIGINT", "department_id": "BIGINT",
             "cui": "VARCHAR"}


def _norm(column: str) -> str:
    return (f"nullif(trim(regexp_replace(regexp_replace(strip_accents(lower(coalesce({column}, ''))), "
            f"'[''’]', '', 'g'), '[^0-9a-z]+', ' ', 'g')), '')")


def _sorted_tokens(expression: str) -> str:
    return f"nullif(array_to_string(list_sort(string_split({expression}, ' ')), ' '), '')"


FEATURES_SQL = f"""
CREATE OR REPLACE TABLE {{target}} AS
WITH n AS (
  SELECT unique_id,
         {_norm('given_names')} AS given_norm,
         {_norm('first_surname')} AS surname1,
         {_norm('second_surname')} AS surname2,
         nullif(sex, '') AS sex, birth_date, coalesce(birth_date_estimated, false) AS birth_estimated,
         municipality_id, department_id, nullif(cui, '') AS cui
  FROM {{source}}
)
SELECT unique_id, given_norm,
       split_part(given_norm, ' ', 1) AS given1,
       surname1, surname2,
       {_sorted_tokens("concat_ws(' ', surname1, surname2)")} AS surnames_sorted,
       sex, birth_date, year(birth_date) AS birth_year, birth_estimated,
       municipality_id, department_id, cui
FROM n
"""


def build_features(con, *, source: str = "raw_people", target: str = "people") -> None:
    """Create table `target` with the comparison features of every row of `source`."""
    con.execute(FEATURES_SQL.format(source=source, target=target)).fetchall()
