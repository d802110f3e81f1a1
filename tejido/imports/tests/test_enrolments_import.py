"""Importing enrolments: each row through programs.services.enrolment_create, rehearsed first."""

import datetime as dt

import pytest

from tejido.common.testing import make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.programs.models import Enrolment

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["inscripciones"].columns]


@pytest.fixture
def children(people):
    return {
        "ana": make_person(given_names="Ana", birth_date=dt.date(2021, 3, 1), cui=valid_cui()),
        "luis": make_person(given_names="Luis", sex="M", birth_date=dt.date(2020, 7, 9)),
        "abuela": make_person(given_names="Rosa", birth_date=dt.date(1950, 1, 1)),
        "jutiapa": make_person(2201, given_names="Eva", birth_date=dt.date(2021, 1, 1)),
    }


def test_enrolments_are_created_through_the_service_with_history(people, children, run_import):
    cadi = people["zacapa_cadi"]
    rows = [[children["ana"].cui, f"{cadi.pk} - CADI Zacapa", "10/01/2023", "Sí"],
            [children["luis"].pk, cadi.pk, "2023-02-01", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), kind="inscripciones")
    assert (batch.status, batch.created_rows) == ("done", 2), batch.message
    ana = Enrolment.objects.get(person=children["ana"])
    assert (ana.center, ana.program, ana.start, ana.attended_by_teacher, ana.department_id) == (
        cadi, "childcare", dt.date(2023, 1, 10), True, 19)
    assert ana.history.get().history_user == people["zacapa"]
    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), kind="inscripciones")
    assert (again.created_rows, again.skipped_rows) == (0, 2)
    assert Enrolment.objects.count() == 2


def test_service_rules_and_conflicts_inside_the_file_reject_everything(people, children, run_import):
    cadi, jutiapa_cadi = people["zacapa_cadi"], people["jutiapa_cadi"]
    rows = [[children["ana"].pk, cadi.pk, "10/01/2023", ""],
            [children["ana"].pk, cadi.pk, "10/02/2023", ""],  # already enrolled by the row above
            [children["abuela"].pk, cadi.pk, "10/01/2023", ""],  # 73 years old at a CADI
            [children["jutiapa"].pk, cadi.pk, "10/01/2023", ""],  # lives in Jutiapa: Zacapa cannot see her
            [children["luis"].pk, jutiapa_cadi.pk, "10/01/2023", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), kind="inscripciones")
    assert (batch.status, batch.error_rows) == ("rejected", 4)
    assert Enrolment.objects.count() == 0
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] is None
    assert notes[1].startswith("Persona (CUI o número de registro): Ana Pérez Caal ya está inscrita en CADI Zacapa")
    assert notes[2].startswith("Persona (CUI o número de registro): Rosa Pérez Caal tiene 73 a")
    assert notes[3] == (f"Persona (CUI o número de registro): Persona no encontrada o fuera de su territorio: "
                        f"«{children['jutiapa'].pk}».")
    assert notes[4] == f"Centro: Centro desconocido o fuera de su territorio: «{jutiapa_cadi.pk}»."
