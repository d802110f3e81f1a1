"""Bounded input types for the API. Every integer the API accepts (an id in the path, a filter in
the query string, a number in a JSON body) is one of these, so a value the database cannot hold
(2**64, 10**30) is refused with 422 before any query instead of a 500 (SQLite cannot bind it;
PostgreSQL's columns cannot hold it), and the OpenAPI schema states the range
(tejido/security/tests/test_huge_integers.py checks both for every operation)."""

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1  # primary keys are bigint (DEFAULT_AUTO_FIELD = BigAutoField)
MAX_INT = 2**31 - 1  # counts, quantities, years: PostgreSQL `integer` columns
MIN_INT = -(2**31)

# A record's id: path parameters, query filters (departamento, centro, sede, persona…) and *_id fields.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# Any other whole number (a month, a year, a quantity): the range of an `integer` column. The
# services keep their own rules (a quantity above zero…) and their Spanish messages.
Int = Annotated[int, Field(ge=MIN_INT, le=MAX_INT)]
# The same for fields that refuse "3" and 3.0 (quantities typed as numbers only).
StrictCount = Annotated[StrictInt, Field(ge=MIN_INT, le=MAX_INT)]


def _local_time(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise PydanticCustomError("time_zone", "La hora no lleva zona horaria")
    return value


# A time of day in Guatemala (opening hours). An offset ("08:00:00+02:00", "08:00Z") is refused:
# the columns hold local wall-clock times, and converting would store an hour nobody typed.
LocalTime = Annotated[dt.time, AfterValidator(_local_time)]
