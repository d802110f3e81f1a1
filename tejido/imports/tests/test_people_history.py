"""Imported people have their creation in the audit trail, like people typed one by one: a «+»
history row each, by the importing user, at the import time, naming the batch («Importación N.º 12»),
written in the import's own transaction (COPY on PostgreSQL, bulk_create elsewhere)."""

import pytest

from tejido.common.testing import client_for, valid_cui
from tejido.imports import engine
from tejido.imports.models import ImportedRow
from tejido.registry.models import Person

from .helpers import person_row, xlsx_bytes
from .test_people_stream import ODD_NAMES, csv_file

pytestmark = pytest.mark.django_db
HISTORY_EXCLUDED = {"search_name", "updated_at"}  # Person.history's excluded_fields


def assert_created_with_history(batch, user):
    ids = list(ImportedRow.objects.filter(batch=batch).values_list("object_id", flat=True))
    assert ids and len(ids) == batch.created_rows
    for person in Person.objects.filter(pk__in=ids):
        rows = list(person.history.all())
        assert len(rows) == 1, f"{person.pk}: {len(rows)} history rows"
        [row] = rows
        assert (row.history_type, row.history_user_id, row.history_change_reason) == (
            "+", user.pk, f"Importación N.º {batch.pk}")
        assert row.history_date == person.created_at  # the import time, the same instant as the record
        for field in Person._meta.concrete_fields:
            if field.attname not in HISTORY_EXCLUDED:
                assert getattr(row, field.attname) == getattr(person, field.attname), field.attname


def test_each_imported_person_has_a_creation_row_by_the_importer_naming_the_batch(people, run_import, monkeypatch):
    monkeypatch.setattr(engine, "STREAM_BATCH", 3)  # several COPYs on PostgreSQL
    rows = [person_row(given_names=name, birth_date=f"1{n}/03/2001") for n, name in enumerate(ODD_NAMES)]
    rows += [person_row(given_names="Con CUI", cui=valid_cui(), married_surname="López", sex="F",
                        registered_center_id=str(people["zacapa_cadi"].pk))]
    batch = run_import(people["zacapa"], csv_file(rows), name="p.csv")
    assert (batch.status, batch.created_rows) == ("done", len(rows))
    assert_created_with_history(batch, people["zacapa"])


def test_valid_rows_only_writes_history_for_the_rows_written(people, run_import, monkeypatch):
    monkeypatch.setattr(engine, "STREAM_BATCH", 2)
    rows = [person_row(given_names=f"Persona {n}", birth_date=f"1{n}/02/2001") for n in range(5)]
    rows.insert(2, person_row(sex="?"))
    batch = run_import(people["zacapa"], csv_file(rows), name="p.csv", valid_rows_only=True)
    assert (batch.status, batch.error_rows, batch.created_rows) == ("done", 1, 5)
    assert_created_with_history(batch, people["zacapa"])
    assert Person.history.count() == 5


def test_an_import_rolled_back_leaves_no_history_rows(people, run_import, monkeypatch):
    monkeypatch.setattr(engine, "STREAM_BATCH", 2)  # on PostgreSQL, batches were written before the bad row
    rows = [person_row(given_names=f"Persona {n}", birth_date=f"1{n}/02/2001") for n in range(5)]
    rows.append(person_row(sex="?"))
    before = Person.history.count()
    batch = run_import(people["zacapa"], csv_file(rows), name="p.csv")
    assert (batch.status, batch.created_rows) == ("rejected", 0)
    assert Person.history.count() == before


def test_the_history_page_names_the_importer_and_the_batch(people, run_import):
    batch = run_import(people["zacapa"], xlsx_bytes([person_row()]))
    person = Person.objects.get(pk=ImportedRow.objects.get(batch=batch).object_id)
    page = client_for(people["auditor"]).get(f"/historial/persona/{person.pk}/").content.decode()
    assert "zacapa1" in page and f"Importación N.º {batch.pk}" in page and "Creación" in page


def test_history_copy_columns_cover_every_history_column_but_its_own_id_and_nullable_ones():
    from tejido.imports.kinds.people import HISTORY_COPY_COLUMNS, PERSON_COPY_COLUMNS

    history = Person.history.model
    left_out = {f.column for f in history._meta.concrete_fields} - set(HISTORY_COPY_COLUMNS)
    assert left_out == {"history_id", "deleted_at", "deleted_by_id", "place_id"}
    assert all(history._meta.get_field(c).null for c in left_out - {"history_id"})
    # the history line is the person's line up to the center: the shared columns line up
    assert HISTORY_COPY_COLUMNS[:len(PERSON_COPY_COLUMNS) - 1] == tuple(
        "history_date" if c == "updated_at" else c for c in PERSON_COPY_COLUMNS[:-1])
