"""Importing enrolments: each row through programs.services.enrolment_create, rehearsed first."""

import datetime as dt

import pytest

from tejido.common.testing import make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.programs.models import Enrolment

from .helpers import queries_of, read_report, xlsx_bytes

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


def test_a_productive_unit_gets_the_womens_program_rules_as_in_the_form(people, run_import):
    """Issue 18 item 4: the import enrols through the program's own service. A dry run used to accept a
    6-year-old boy into a productive unit and girls under 13 without the form's confirmation."""
    from tejido.common.testing import ZACAPA_TOWN, make_center

    unit = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad Las Tejedoras")
    boy = make_person(given_names="Tono", sex="M", birth_date=dt.date(2017, 2, 1))
    girl = make_person(given_names="Keila", birth_date=dt.date(2011, 5, 1))       # 11 on 10/01/2023
    other_girl = make_person(given_names="Sonia", birth_date=dt.date(2011, 8, 1))  # 11 too, confirmed
    woman = make_person(given_names="Marta", birth_date=dt.date(1980, 1, 1))
    rows = [[boy.pk, unit.pk, "10/01/2023", "", ""], [girl.pk, unit.pk, "10/01/2023", "", ""],
            [other_girl.pk, unit.pk, "10/01/2023", "", "Sí"], [woman.pk, unit.pk, "10/01/2023", "", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), kind="inscripciones", dry_run=True)
    assert (batch.status, batch.error_rows) == ("validated", 2)
    notes = {n: note for n, note in batch.error_preview}
    assert notes[2] == "Persona (CUI o número de registro): Tono Pérez Caal no es mujer: el programa atiende solo " \
                       "a mujeres."
    assert notes[3].startswith("Confirmado: Keila Pérez Caal tiene 11 años el 10/01/2023.")
    # the rows that pass are enrolled through the same service when imported for real
    batch = run_import(people["zacapa"], xlsx_bytes(rows[2:], HEADERS), kind="inscripciones")
    assert (batch.status, batch.created_rows) == ("done", 2), batch.error_preview
    assert set(Enrolment.objects.filter(center=unit).values_list("person__given_names", flat=True)) == {
        "Sonia", "Marta"}


def test_validation_progress_is_visible_while_the_rehearsal_runs(people, children, run_import, monkeypatch):
    """Issue 18 item 4: a rehearsed kind validates inside a transaction that is rolled back, so the
    batch row said 0 rows for the whole pass. Rows read now go to the progress file, which the page and
    the API read while the batch is «Validando»."""
    from tejido.imports import engine, selectors, services
    from tejido.imports.models import ImportBatch

    seen = []

    def spy(batch, update, outcome):
        real(batch, update, outcome)
        # what the status page would show now, read as another request would: the status is committed,
        # the row's counts are not (they are inside the rehearsal's transaction; here, one connection)
        shown = ImportBatch.objects.get(pk=batch.pk)
        shown.total_rows = shown.error_rows = 0
        shown = selectors.with_live_counts(shown)
        seen.append((shown.status, shown.total_rows, selectors.percent(shown)))

    real = services._validation_progress
    monkeypatch.setattr(services, "_validation_progress", spy)
    monkeypatch.setattr(engine, "BATCH", 2)
    cadi = people["zacapa_cadi"]
    rows = [[children["ana"].pk, cadi.pk, "10/01/2023"], [children["luis"].pk, cadi.pk, "10/01/2023"],
            [children["abuela"].pk, cadi.pk, "10/01/2023"], [children["ana"].pk, cadi.pk, "10/03/2023"]]
    run_import(people["zacapa"], xlsx_bytes(rows, HEADERS[:3]), kind="inscripciones", dry_run=True)
    assert [(status, total) for status, total, _p in seen] == [("validating", 2), ("validating", 4)]
    assert all(0 < percent <= 50 for _s, _t, percent in seen)


def _children(count: int, born=dt.date(2021, 3, 1)) -> list:
    return [make_person(given_names=f"Niña {i}", birth_date=born, cui=valid_cui()) for i in range(count)]


def test_enrolments_are_checked_and_written_set_based(people, run_import):
    """Issue 18 item 5: the rules run over a batch of rows at once and the enrolments are written
    with one bulk insert, so the queries of an import do not grow with its rows (they did: about a
    dozen per row). 40 rows cost at most a handful of queries more than 10."""
    cadi = people["zacapa_cadi"]
    counts = {}
    for size, born in ((10, dt.date(2021, 3, 1)), (40, dt.date(2021, 4, 1))):
        rows = [[child.cui, cadi.pk, "10/01/2023", "Sí"] for child in _children(size, born)]
        batch, counts[size] = queries_of(run_import, people["zacapa"], xlsx_bytes(rows, HEADERS), "inscripciones")
        assert (batch.status, batch.created_rows) == ("done", size), batch.error_preview
    assert counts[40] - counts[10] <= 6, counts
    enrolment = Enrolment.objects.filter(person__birth_date=dt.date(2021, 4, 1)).first()
    record = enrolment.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", people["zacapa"], f"Importación N.º {batch.pk}")


def test_rows_of_one_file_count_against_each_other_across_batches(people, run_import, monkeypatch):
    """The fourth row enrols again a girl the first row enrolled; with batches of two rows they are
    checked in different batches and still refused as if the first had been saved."""
    from tejido.imports import engine

    monkeypatch.setattr(engine, "BATCH", 2)
    monkeypatch.setattr(engine, "PREPARE", 2)
    cadi, jutiapa_cadi = people["zacapa_cadi"], people["jutiapa_cadi"]
    ana, luis, eva = _children(3)
    rows = [[ana.pk, cadi.pk, "10/01/2023"], [luis.pk, cadi.pk, "10/01/2023"],
            [eva.pk, cadi.pk, "10/01/2023"], [ana.pk, cadi.pk, "10/03/2023"]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS[:3]), kind="inscripciones", dry_run=True)
    assert (batch.status, batch.error_rows) == ("validated", 1)
    assert dict(batch.error_preview)[5].startswith(
        "Persona (CUI o número de registro): Niña 0 Pérez Caal ya está inscrita en CADI Zacapa desde el 10/01/2023")
    # imported for real, valid rows only: the three first, each once
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS[:3]), kind="inscripciones", valid_rows_only=True)
    assert (batch.status, batch.created_rows, batch.error_rows) == ("done", 3, 1)
    assert Enrolment.objects.filter(center=cadi, end__isnull=True).count() == 3
    assert not Enrolment.objects.filter(center=jutiapa_cadi).exists()
