"""The engine against WHO's own software on WHO's example surveys (provenance in each CSV's
leading comment lines): every z-score must equal WHO's to the 2 decimals WHO writes."""

import csv
from pathlib import Path

import pytest

from tejido.childcare.anthropometry import WHO2006, WHO2007, compute_at_age

HERE = Path(__file__).parent


def rows(name):
    with open(HERE / name, encoding="utf-8") as file:
        return list(csv.DictReader(line for line in file if not line.startswith("#")))


def number(text):
    return float(text) if text.strip() else None


WHO_2006 = rows("anthropometry_who2006_survey_z_rc.csv")
WHO_2007 = rows("anthropometry_who2007_survey_z.csv")
# (ours, WHO's column, WHO's flag column)
COLUMNS_2006 = [("zwfa", "_ZWEI", "_FWEI"), ("zhfa", "_ZLEN", "_FLEN"),
                ("zwfh", "_ZWFL", "_FWFL"), ("zbfa", "_ZBMI", "_FBMI")]


@pytest.mark.parametrize("row", WHO_2006, ids=lambda row: "id" + row["id"])
def test_who_igrowup_survey(row):
    result = compute_at_age(
        sex=int(row["GENDER"]),
        age_days=int(row["_agedays"]),
        weight_kg=number(row["WEIGHT"]),
        height_cm=number(row["HEIGHT"]),
        measured=row["measure"] or None,
        oedema=row["oedema"] == "y",
    )
    assert result.reference == WHO2006
    if row["_CLENHEI"]:
        assert result.height_cm == pytest.approx(float(row["_CLENHEI"]), abs=1e-6)
    for ours, theirs, flag in COLUMNS_2006:
        assert result.rounded(ours) == number(row[theirs]), ours
        if row[flag]:
            assert (ours in result.implausible) == (row[flag] == "1"), flag


def test_who_igrowup_sample_covers_what_it_should():
    assert {row["GENDER"] for row in WHO_2006} == {"1", "2"}
    assert {row["measure"] for row in WHO_2006} >= {"l", "h"}
    converted = [row for row in WHO_2006 if row["_CLENHEI"] and float(row["_CLENHEI"]) != float(row["HEIGHT"])]
    assert any(float(r["_CLENHEI"]) > float(r["HEIGHT"]) for r in converted)  # +0.7 standing
    assert any(float(r["_CLENHEI"]) < float(r["HEIGHT"]) for r in converted)  # -0.7 lying
    tails = [row for row in WHO_2006 for column in ("_ZWEI", "_ZWFL", "_ZBMI")
             if row[column] and abs(float(row[column])) > 3]
    assert len(tails) >= 10
    assert any(float(r[c]) < -3 for r in tails for c in ("_ZWEI", "_ZWFL", "_ZBMI") if r[c])
    assert sum(row["oedema"] == "y" for row in WHO_2006) >= 4


@pytest.mark.parametrize("row", WHO_2007, ids=lambda row: f"{row['sex']}-{row['agemons']}")
def test_who_2007_survey(row):
    result = compute_at_age(
        sex=int(row["sex"]),
        age_days=float(row["agemons"]) * 30.4375,  # WHO's input is the age in months
        weight_kg=number(row["weight"]),
        height_cm=number(row["height"]),
        measured="H",
        oedema=row["oedema"] == "y",
    )
    assert result.reference == WHO2007
    assert result.zwfh is None
    for indicator in ("zhfa", "zwfa", "zbfa"):
        assert result.rounded(indicator) == number(row[indicator]), indicator


def test_who_2007_sample_covers_what_it_should():
    assert {row["sex"] for row in WHO_2007} == {"1", "2"}
    assert sum(bool(row["zwfa"]) for row in WHO_2007) >= 5  # children under 10
    assert sum(row["oedema"] == "y" for row in WHO_2007) >= 4
    assert any(abs(float(row["zbfa"])) > 3 for row in WHO_2007 if row["zbfa"])  # SD23 tail
    assert sum(len([1 for k in ("zhfa", "zwfa", "zbfa") if row[k]]) for row in WHO_2007) >= 60
