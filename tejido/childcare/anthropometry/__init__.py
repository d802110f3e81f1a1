"""WHO anthropometry for the daycare program's nutrition screening (pure Python, no models).

    from tejido.childcare.anthropometry import compute
    result = compute(sex=1, birth_date=date(2021, 3, 4), measure_date=date(2023, 5, 10),
                     weight_kg=11.2, height_cm=86.5, measured="H")
    result.zwfh, result.acute_class, result.flag_codes

See README.md in this folder for the method, the decisions and the sources.
"""

from .classification import ACUTE_LABELS, CHRONIC_LABELS
from .engine import (
    FEMALE,
    LYING,
    MALE,
    STANDING,
    WHO2006,
    WHO2007,
    AnthropometryInputError,
    Result,
    compute,
    compute_at_age,
)
from .flags import Flag

__all__ = [
    "ACUTE_LABELS",
    "CHRONIC_LABELS",
    "FEMALE",
    "LYING",
    "MALE",
    "STANDING",
    "WHO2006",
    "WHO2007",
    "AnthropometryInputError",
    "Flag",
    "Result",
    "compute",
    "compute_at_age",
]
