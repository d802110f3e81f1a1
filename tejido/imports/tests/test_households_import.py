"""Importing households: one row per member, grouped by code or by name + municipality, through
registry.services.household_create / household_add_member, exactly one head per household."""

import pytest

from tejido.common.testing import make_household, make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.registry.models import Household, HouseholdMember

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["hogares"].columns]


@pytest.fixture
def family(people):
    return {
        "madre": make_person(given_names="Rosa", cui=valid_cui()),
        "hija": make_person(given_names="Ana"),
        "hijo": make_person(given_names="Luis", sex="M"),
        "vecina": make_person(given_names="Marta"),
        "jutiapa": make_person(2201, given_names="Eva"),
    }


def test_members_grouped_by_code_form_one_household_and_reimport_creates_nothing(people, family, run_import):
    rows = [["H-1", "Familia Pérez Caal", "1901", "Barrio El Centro", family["madre"].cui, "Jefa", ""],
            ["H-1", "Familia Pérez Caal", "1901", "", family["hija"].pk, "Hija", "01/02/2024"],
            ["", "Familia Cux", "Zacapa", "", family["vecina"].pk, "Jefe/a de hogar", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares")
    assert (batch.status, batch.created_rows) == ("done", 3), batch.message
    perez = Household.objects.get(name="Familia Pérez Caal")
    assert (perez.municipality_id, perez.department_id, perez.address) == (1901, 19, "Barrio El Centro")
    assert sorted(perez.memberships.values_list("person__given_names", "relationship")) == [
        ("Ana", "hijo"), ("Rosa", "jefe")]
    assert perez.history.get().history_user == people["zacapa"]
    assert Household.objects.count() == 2

    # Same file again: nothing new. A new member with the same code joins the household imported before.
    rows.append(["H-1", "Familia Pérez Caal", "1901", "", family["hijo"].pk, "Hijo", ""])
    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares")
    assert (again.status, again.created_rows, again.skipped_rows) == ("done", 1, 3), again.message
    assert Household.objects.count() == 2
    assert perez.memberships.count() == 3


def test_bad_rows_reject_the_whole_file_with_the_column_named(people, family, run_import):
    rows = [["H-1", "Familia Pérez", "1901", "", family["madre"].pk, "Jefa", ""],
            ["H-1", "Familia Pérez", "1901", "", family["hija"].pk, "Jefa", ""],  # second head
            ["H-1", "Familia Pérez", "1901", "", family["jutiapa"].pk, "Hija", ""],  # outside the territory
            ["H-2", "Familia Cux", "1901", "", family["hijo"].pk, "Hijo", ""],  # household without a head
            ["H-1", "Familia Paz", "1901", "", family["vecina"].pk, "Hija", ""],  # same code, other name
            ["H-3", "Familia Paz", "1901", "", family["vecina"].pk, "Prima lejana", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares")
    assert (batch.status, batch.error_rows, batch.created_rows) == ("rejected", 5, 0)
    assert Household.objects.count() == HouseholdMember.objects.count() == 0
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] is None
    assert notes[1] == "Parentesco: Este hogar ya tiene jefe/a de hogar."
    assert notes[2] == (f"Persona (CUI o número de registro): Persona no encontrada o fuera de su territorio: "
                        f"«{family['jutiapa'].pk}».")
    assert notes[3] == "Parentesco: el hogar «Familia Cux» no tiene jefe/a de hogar; marque exactamente uno."
    assert notes[4] == "Código de hogar: Ese código de hogar ya se usó en este archivo con otro nombre."
    assert notes[5].startswith("Parentesco: Valor desconocido «Prima lejana»")


def test_valid_rows_only_keeps_households_with_their_head(people, family, run_import):
    rows = [["", "Familia Pérez", "1901", "", family["madre"].pk, "Jefa", ""],
            ["", "Familia Cux", "1901", "", family["hijo"].pk, "Hijo", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares",
                       valid_rows_only=True)
    assert (batch.status, batch.created_rows, batch.error_rows) == ("done", 1, 1)
    assert list(Household.objects.values_list("name", flat=True)) == ["Familia Pérez"]


def test_a_registered_household_with_its_head_takes_new_members_by_name(people, family, run_import):
    registered = make_household(members=[(family["madre"], "jefe")], name="Familia Pérez")
    rows = [["", "familia  pérez", "1901", "", family["hija"].pk, "Hija", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares")
    assert (batch.status, batch.created_rows) == ("done", 1), batch.error_preview
    assert Household.objects.count() == 1
    assert registered.memberships.count() == 2


def test_jutiapa_officer_cannot_put_zacapa_people_in_a_household(people, family, run_import):
    rows = [["", "Familia Pérez", "2201", "", family["madre"].pk, "Jefa", ""]]
    batch = run_import(people["jutiapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares")
    assert (batch.status, batch.created_rows) == ("rejected", 0)
    assert "fuera de su territorio" in batch.error_preview[0][1]
    rows = [["", "Familia Pérez", "1901", "", family["jutiapa"].pk, "Jefa", ""]]
    batch = run_import(people["jutiapa"], xlsx_bytes(rows, HEADERS), name="hogares.xlsx", kind="hogares")
    assert (batch.status, Household.objects.count()) == ("rejected", 0)


def test_the_same_code_in_another_municipality_is_another_household(people, family, run_import):
    eva = family["jutiapa"]
    zacapa = [["H-1", "Familia Pérez", "1901", "", family["madre"].pk, "Jefa", ""]]
    assert run_import(people["zacapa"], xlsx_bytes(zacapa, HEADERS), name="h.xlsx", kind="hogares").status == "done"
    # Jutiapa's office also numbers its households from H-1: its own household, not Zacapa's.
    jutiapa = [["H-1", "Familia Morales", "2201", "", eva.pk, "Jefa", ""]]
    batch = run_import(people["jutiapa"], xlsx_bytes(jutiapa, HEADERS), name="h.xlsx", kind="hogares")
    assert (batch.status, batch.created_rows) == ("done", 1), batch.error_preview
    assert sorted(Household.objects.values_list("name", "municipality_id")) == [
        ("Familia Morales", 2201), ("Familia Pérez", 1901)]
