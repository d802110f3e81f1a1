"""The Splink model: how two people are compared and which pairs are compared at all.

Comparison levels go from strongest to weakest agreement; Splink learns how much each level
says (m and u probabilities, see train.py) and the trained values live in model.json."""

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on


def _given_names():
    return cl.CustomComparison(output_column_name="given_norm", comparison_description="nombres", comparison_levels=[
        cll.NullLevel("given_norm"),
        cll.ExactMatchLevel("given_norm"),
        # A typo: Jaro-Winkler forgives late slips, the edit distance also early ones ("uAra").
        cll.CustomLevel("jaro_winkler_similarity(given_norm_l, given_norm_r) >= 0.92 "
                        "OR damerau_levenshtein(given_norm_l, given_norm_r) <= 1", "casi iguales"),
        # One of two names left out: "María" / "María José" (the one kept may carry a typo). Not
        # "Juan Enrique" / "Juan Daniel": two different second names are two brothers (last level).
        cll.CustomLevel("damerau_levenshtein(given1_l, given1_r) <= 1 "
                        "AND (given_norm_l = given1_l OR given_norm_r = given1_r)", "un nombre omitido"),
        cll.ElseLevel(),
    ])


def _surnames():
    both = "surname1_l IS NOT NULL AND surname1_r IS NOT NULL"

    # Surname by surname, never the joined string: "garcia perez" / "garcia hernandez" share a long
    # prefix, so Jaro-Winkler on the whole would call two families almost equal.
    def close(left: str, right: str) -> str:
        a, b = f"coalesce({left}, '')", f"coalesce({right}, '')"
        return f"(damerau_levenshtein({a}, {b}) <= 1 OR jaro_winkler_similarity({a}, {b}) >= 0.92)"

    same_order = f"{both} AND {close('surname1_l', 'surname1_r')} AND {close('surname2_l', 'surname2_r')}"
    crossed = f"{both} AND {close('surname1_l', 'surname2_r')} AND {close('surname2_l', 'surname1_r')}"
    return cl.CustomComparison(output_column_name="surnames", comparison_description="apellidos", comparison_levels=[
        cll.NullLevel("surnames_sorted"),
        cll.CustomLevel("surname1_l = surname1_r AND coalesce(surname2_l, '') = coalesce(surname2_r, '')",
                        "iguales"),
        cll.CustomLevel("surnames_sorted_l = surnames_sorted_r", "invertidos"),
        # A typo in one surname, in either order ("Guzmán Rodríguez" / "Rodríguez uGzmán").
        cll.CustomLevel(f"({same_order}) OR ({crossed})", "casi iguales"),
        # One surname missing on one side, or only one of the two shared.
        cll.CustomLevel(f"{both} AND (surname1_l = surname1_r OR surname1_l = surname2_r "
                        "OR surname2_l = surname1_r)", "uno en común"),
        cll.ElseLevel(),
    ])


def _birth_date():
    days = "abs(date_diff('day', birth_date_l, birth_date_r))"
    return cl.CustomComparison(output_column_name="birth_date", comparison_description="nacimiento",
                               comparison_levels=[
        cll.NullLevel("birth_date"),
        cll.ExactMatchLevel("birth_date"),
        # Off by a day or a month, or day and month swapped.
        cll.CustomLevel(f"{days} <= 31 OR (birth_year_l = birth_year_r AND month(birth_date_l) = day(birth_date_r) "
                        "AND day(birth_date_l) = month(birth_date_r))", "casi igual"),
        # Only the year is known (an estimated date is some day of that year). Two exact dates
        # months apart in one year are siblings or cousins, not one person: they fall to the last level.
        cll.CustomLevel("(birth_estimated_l OR birth_estimated_r) AND birth_year_l = birth_year_r",
                        "estimada, mismo año"),
        cll.CustomLevel(f"(birth_estimated_l OR birth_estimated_r) AND {days} <= 731", "estimada ±2 años"),
        cll.ElseLevel(),
    ])


def _place():
    return cl.CustomComparison(output_column_name="place", comparison_description="residencia", comparison_levels=[
        cll.NullLevel("municipality_id"),
        cll.ExactMatchLevel("municipality_id"),
        cll.CustomLevel("department_id_l = department_id_r", "mismo departamento"),
        cll.ElseLevel(),
    ])


def _cui():
    # Two different CUIs almost certainly mean two people: the else level gets a strong negative weight.
    return cl.CustomComparison(output_column_name="cui", comparison_description="CUI", comparison_levels=[
        cll.NullLevel("cui"),
        cll.ExactMatchLevel("cui"),
        cll.ElseLevel(),
    ])


def _sex():
    return cl.CustomComparison(output_column_name="sex", comparison_description="sexo", comparison_levels=[
        cll.NullLevel("sex"),
        cll.ExactMatchLevel("sex"),
        cll.ElseLevel(),
    ])


# Every pair a duplicate can plausibly form is caught by at least one rule, even with a name
# typo plus a date error; each rule alone keeps blocks small at a million people.
BLOCKING_RULES = [
    block_on("birth_date", "given1"),
    block_on("birth_date", "surnames_sorted"),
    block_on("birth_year", "given1", "municipality_id"),
    block_on("birth_year", "surnames_sorted", "municipality_id"),
    block_on("given_norm", "surnames_sorted", "municipality_id"),
    block_on("cui"),
]


def settings_creator() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[_given_names(), _surnames(), _birth_date(), _sex(), _place(), _cui()],
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        probability_two_random_records_match=1 / 50_000,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
        max_iterations=20,
    )
