"""One child, one measurement: z-scores, plausibility, classes.

Follows WHO's own software: the `anthro` R package (WHO Anthro, WHO 2006 standards) and the
`anthroplus` R package (WHO AnthroPlus, WHO 2007 reference), which succeed the igrowup and
who2007 macros. See README.md next to this file for the decisions and their sources.
"""

import math
from dataclasses import dataclass
from datetime import date, datetime

from tejido.common.errors import ApplicationError

from . import flags as F
from .classification import (
    ACUTE_LABELS,
    CHRONIC_LABELS,
    DPC_SEVERA,
    classify_acute,
    classify_chronic,
    classify_underweight,
    is_severe_stunting,
)
from .flags import Flag, flag
from .lms import round_z, z_lms, z_lms_restricted
from .tables import table

WHO2006 = "who2006"  # WHO Child Growth Standards, 0 to 5 years
WHO2007 = "who2007"  # WHO Growth Reference, 5 to 19 years
REFERENCE_LABELS = {
    WHO2006: "Patrones de crecimiento infantil de la OMS (2006), 0 a 5 años",
    WHO2007: "Referencia de crecimiento de la OMS (2007), 5 a 19 años",
}

MALE, FEMALE = 1, 2
LYING, STANDING = "L", "H"

DAYS_PER_MONTH = 30.4375
WHO2006_BELOW_MONTHS = 60  # the 2006 standards up to 59.99 months (day 1826)...
WHO2007_BELOW_MONTHS = 229  # ...the 2007 reference from 60 months to 228.99 months
WHO2007_WFA_BELOW_MONTHS = 121  # weight-for-age is not used after 10 years
HEIGHT_FROM_DAYS = 731  # standing height from 24 months (731 days); lying length before
STANDING_PLAUSIBLE_FROM_MONTHS = 9
LYING_STANDING_DIFFERENCE_CM = 0.7
WFL_RANGE_CM = (45.0, 110.0)  # weight-for-length table, lying
WFH_RANGE_CM = (65.0, 120.0)  # weight-for-height table, standing

# WHO's plausibility limits ("biologically implausible values"; the same for the 2006 standards
# and the 2007 reference), applied to the z rounded to 2 decimals: a z outside (low, high) is
# flagged. Source: WHO's `anthro` R package (WHO Anthro, successor of the igrowup macros), the
# default `flag_threshold` of each indicator, https://rdrr.io/cran/anthro/src/R/ :
#   z-score-weight-for-age.R      c(-6, 5)   weight-for-age < -6 or > +5
#   z-score-length-for-age.R      6          length/height-for-age outside -6..+6
#                                            (tests/testthat/test-zscore-length-for-age.R)
#   z-score-weight-for-lenhei.R   5          weight-for-length/height outside -5..+5
#   z-score-bmi-for-age.R         5          BMI-for-age outside -5..+5
# The igrowup macros flag the same (_fwei, _flen, _fwfl, _fbmi) and `anthroplus` keeps them for
# the 2007 reference. Outside these limits a screening is saved only when the user confirms
# the measure (tejido/childcare/screening.py).
PLAUSIBLE_Z = {
    "zwfa": (-6.0, 5.0),
    "zhfa": (-6.0, 6.0),
    "zwfh": (-5.0, 5.0),
    "zbfa": (-5.0, 5.0),
}
INDICATORS = ("zwfa", "zhfa", "zwfh", "zbfa")


class AnthropometryInputError(ApplicationError):
    """A call the engine cannot interpret (wrong sex code, position, date type).

    Measurements that are merely wrong (negative weight, measured before birth, too old)
    do not raise: they come back as flags, so a screening list is never stopped by one row.
    """


@dataclass(frozen=True, kw_only=True)
class Result:
    sex: int
    age_days: float | None  # whole days from dates; may be fractional via compute_at_age
    age_months: float | None  # age_days / 30.4375
    reference: str | None  # WHO2006, WHO2007 or None when no z-score applies
    height_cm: float | None  # length/height after the 0.7 cm adjustment, as used
    measured: str | None  # position used: "L", "H" or None when not given (or discarded)
    bmi: float | None  # from the adjusted length/height
    oedema: bool
    # Unrounded z-scores; None where the indicator does not apply or could not be computed.
    zwfa: float | None = None
    zhfa: float | None = None
    zwfh: float | None = None
    zbfa: float | None = None
    implausible: tuple[str, ...] = ()  # indicators flagged by WHO's plausibility limits
    flags: tuple[Flag, ...] = ()
    acute_class: str | None = None  # see classification.py; None when not classifiable
    acute_source: str | None = None  # what gave acute_class: "zwfh", "zbfa" or "edema"
    chronic_class: str | None = None
    chronic_severe: bool | None = None  # height-for-age z < -3
    underweight_class: str | None = None  # weight-for-age: "bajo_peso", "bajo_peso_severo", "normal"

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    def rounded(self, indicator: str) -> float | None:
        """The z-score to 2 decimals, as it is written out."""
        return round_z(getattr(self, indicator))

    def is_plausible(self, indicator: str) -> bool:
        return getattr(self, indicator) is not None and indicator not in self.implausible

    @property
    def acute_label(self) -> str | None:
        return ACUTE_LABELS.get(self.acute_class)

    @property
    def chronic_label(self) -> str | None:
        return CHRONIC_LABELS.get(self.chronic_class)


def compute(
    sex: int,
    birth_date: date,
    measure_date: date,
    weight_kg: float | None,
    height_cm: float | None,
    measured: str | None = None,
    oedema: bool = False,
) -> Result:
    """Z-scores and classes for a child measured on `measure_date`.

    sex: 1 male, 2 female. measured: "L" lying (recumbent length), "H" standing height, or
    None when unknown (then WHO assumes the right one for the age). Age is the exact number
    of days between the two dates.
    """
    birth_date, measure_date = _as_date(birth_date, "birth_date"), _as_date(measure_date, "measure_date")
    return compute_at_age(
        sex=sex,
        age_days=(measure_date - birth_date).days,
        weight_kg=weight_kg,
        height_cm=height_cm,
        measured=measured,
        oedema=oedema,
    )


def compute_at_age(
    *,
    sex: int,
    age_days: float,
    weight_kg: float | None,
    height_cm: float | None,
    measured: str | None = None,
    oedema: bool = False,
) -> Result:
    """`compute` for an age already known in days (fractional days allowed, e.g. months x
    30.4375 when only the age in months was recorded)."""
    if sex not in (MALE, FEMALE) or isinstance(sex, bool):
        raise AnthropometryInputError("Sexo inválido: use 1 (hombre) o 2 (mujer).", field="sex")
    measured = _position(measured)
    found: list[Flag] = []

    weight_kg = _positive(weight_kg, F.WEIGHT_INVALID, found)
    height_cm = _positive(height_cm, F.HEIGHT_INVALID, found)
    base = {"sex": sex, "oedema": bool(oedema)}

    if age_days is None or not math.isfinite(age_days):
        return Result(**base, age_days=None, age_months=None, reference=None, height_cm=height_cm,
                      measured=measured, bmi=None, flags=(*found, flag(F.DATE_INVALID)))
    if age_days < 0:
        return Result(**base, age_days=age_days, age_months=None, reference=None,
                      height_cm=height_cm, measured=measured, bmi=None,
                      flags=(*found, flag(F.MEASURED_BEFORE_BIRTH)))
    age_months = age_days / DAYS_PER_MONTH
    if age_months >= WHO2007_BELOW_MONTHS:
        return Result(**base, age_days=age_days, age_months=age_months, reference=None,
                      height_cm=height_cm, measured=measured, bmi=None,
                      flags=(*found, flag(F.AGE_OUT_OF_RANGE)))

    if measured == STANDING and age_months < STANDING_PLAUSIBLE_FROM_MONTHS:
        # WHO Anthro: a child this young cannot stand; the position is treated as unknown.
        found.append(flag(F.STANDING_UNDER_9_MONTHS))
        measured = None
    whole_days = _round_half_up(age_days)
    adjusted = _adjust_length_height(height_cm, measured, whole_days)
    bmi = weight_kg / (adjusted / 100) ** 2 if weight_kg is not None and adjusted is not None else None
    if oedema:
        found.append(flag(F.OEDEMA))
    weight_for_z = None if oedema else weight_kg
    bmi_for_z = None if oedema else bmi

    z: dict[str, float | None]
    if age_months < WHO2006_BELOW_MONTHS:
        reference = WHO2006
        z = _who2006(sex, whole_days, weight_for_z, adjusted, bmi_for_z, found)
    else:
        reference = WHO2007
        z = _who2007(sex, age_months, weight_for_z, adjusted, bmi_for_z)

    implausible = []
    for indicator in INDICATORS:
        rounded = round_z(z[indicator])
        low, high = PLAUSIBLE_Z[indicator]
        if rounded is not None and not low <= rounded <= high:
            implausible.append(indicator)
            found.append(flag(F.IMPLAUSIBLE[indicator]))

    acute_source = "zwfh" if reference == WHO2006 else "zbfa"
    if oedema:
        acute_class, acute_source = DPC_SEVERA, "edema"
    else:
        # an implausible z gives no class rather than a wrong one
        acute_class = None if acute_source in implausible else classify_acute(z[acute_source])
        if acute_class is None:
            acute_source = None
    plausible_zhfa = None if "zhfa" in implausible else z["zhfa"]
    plausible_zwfa = None if "zwfa" in implausible else z["zwfa"]

    return Result(
        **base,
        age_days=age_days,
        age_months=age_months,
        reference=reference,
        height_cm=adjusted,
        measured=measured,
        bmi=bmi,
        **z,
        implausible=tuple(implausible),
        flags=tuple(found),
        acute_class=acute_class,
        acute_source=acute_source,
        chronic_class=classify_chronic(plausible_zhfa),
        chronic_severe=is_severe_stunting(plausible_zhfa),
        underweight_class=classify_underweight(plausible_zwfa),
    )


def _who2006(sex, day, weight, height, bmi, found) -> dict[str, float | None]:
    z = {indicator: None for indicator in INDICATORS}
    if weight is not None:
        z["zwfa"] = z_lms_restricted(weight, table("wfa").lookup(sex, day))
    if height is not None:
        z["zhfa"] = z_lms(height, table("lhfa").lookup(sex, day))
    if bmi is not None:
        z["zbfa"] = z_lms_restricted(bmi, table("bfa").lookup(sex, day))
    if height is not None:
        # The table follows the age (lying before 731 days), not the position given:
        # the height was already converted to that position.
        name, (low, high) = ("wfl", WFL_RANGE_CM) if day < HEIGHT_FROM_DAYS else ("wfh", WFH_RANGE_CM)
        if not low <= height <= high:
            found.append(flag(F.HEIGHT_OUTSIDE_WFH_TABLE))
        elif weight is not None:
            z["zwfh"] = z_lms_restricted(weight, table(name).lookup(sex, height))
    return z


def _who2007(sex, months, weight, height, bmi) -> dict[str, float | None]:
    z = {indicator: None for indicator in INDICATORS}
    if weight is not None and months < WHO2007_WFA_BELOW_MONTHS:
        z["zwfa"] = z_lms_restricted(weight, table("wfa_2007").lookup(sex, months))
    if height is not None:
        z["zhfa"] = z_lms(height, table("hfa_2007").lookup(sex, months))
    if bmi is not None:
        z["zbfa"] = z_lms_restricted(bmi, table("bfa_2007").lookup(sex, months))
    return z


def _adjust_length_height(height: float | None, measured: str | None, day: int) -> float | None:
    """WHO: standing before 731 days adds 0.7 cm, lying from 731 days takes 0.7 cm off.

    Also applied from 5 years (the 2007 reference is standing height), which WHO AnthroPlus
    leaves to the user. Rounded to 1e-6 cm so 109.3 + 0.7 is 110.0 and not 110.00000000000001.
    """
    if height is None:
        return None
    if measured == STANDING and day < HEIGHT_FROM_DAYS:
        return round(height + LYING_STANDING_DIFFERENCE_CM, 6)
    if measured == LYING and day >= HEIGHT_FROM_DAYS:
        return round(height - LYING_STANDING_DIFFERENCE_CM, 6)
    return height


def _position(measured: str | None) -> str | None:
    if measured is None or (isinstance(measured, str) and not measured.strip()):
        return None
    value = measured.strip().upper() if isinstance(measured, str) else measured
    if value not in (LYING, STANDING):
        raise AnthropometryInputError(
            "Posición de medición inválida: use L (acostado) o H (de pie).", field="measured")
    return value


def _positive(value: float | None, code: str, found: list[Flag]) -> float | None:
    if value is None:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        found.append(flag(code))
        return None
    return value


def _as_date(value, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise AnthropometryInputError(f"Fecha inválida: {name} debe ser una fecha.", field=name)


def _round_half_up(x: float) -> int:
    """Days as WHO Anthro rounds them before reading a table (730.5 -> 731)."""
    return math.floor(x + 0.5)
