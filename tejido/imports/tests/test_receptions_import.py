"""Importing migrant receptions: rows grouped by reception code into family units, each created
whole by migrants.services.reception_create, partial identity allowed."""

import datetime as dt

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center
from tejido.imports.kinds import KINDS
from tejido.migrants.models import Reception, ReceptionMember
from tejido.registry.models import Person

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["recepciones"].columns]


@pytest.fixture
def centers(people):
    return {"zacapa": make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa"),
            "jutiapa": make_center(JUTIAPA_TOWN, kind="migrant_reception", name="Recepción Jutiapa")}


def member(center, code="R-1", names="Juan", surname="Cux", sex="Hombre", age="", birth="", rel="Jefe/a de hogar",
           cui="", date="10/03/2024", via="Vía aérea", origin="Estados Unidos", destination="1901"):
    return [code, date, center.pk, via, origin, destination, names, surname, "", sex, age, birth, rel, cui]


def test_rows_with_one_code_become_one_family_unit_and_reimport_creates_nothing(people, centers, run_import):
    zacapa = centers["zacapa"]
    rows = [member(zacapa, age=34),
            member(zacapa, names="Lucía", sex="Mujer", birth="02/05/2017", rel="Hija"),
            member(zacapa, code="R-2", names="Pedro", surname="Paz", age="19", via="Vía terrestre",
                   origin="México", destination="Estanzuela")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="recepciones.xlsx", kind="recepciones")
    assert (batch.status, batch.created_rows) == ("done", 3), batch.error_preview
    unit = Reception.objects.get(members__person__given_names="Juan")
    assert (unit.date, unit.arrival_mode, unit.returned_from, unit.destination_municipality_id, unit.center) == (
        dt.date(2024, 3, 10), "aerea", "estados_unidos", 1901, zacapa)
    assert [(m.person.given_names, m.relationship, m.age_years) for m in unit.members.order_by("position")] == [
        ("Juan", "jefe", 34), ("Lucía", "hijo", 6)]
    juan = Person.objects.get(given_names="Juan")
    assert (juan.birth_date_estimated, juan.cui, juan.registered_center) == (True, None, zacapa)
    assert Reception.objects.get(members__person__given_names="Pedro").destination_municipality_id == 1902

    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="recepciones.xlsx", kind="recepciones")
    assert (again.status, again.created_rows, again.skipped_rows) == ("done", 0, 3)
    assert (Reception.objects.count(), ReceptionMember.objects.count()) == (2, 3)


def test_service_errors_land_on_the_member_row_and_column(people, centers, run_import):
    zacapa = centers["zacapa"]
    rows = [member(zacapa),  # no age nor birth date
            member(zacapa, names="Lucía", sex="Mujer", age=6, rel="Hija"),
            member(zacapa, code="R-2", names="Ana", age=30, rel="Hija"),  # a unit without a head
            member(centers["jutiapa"], code="R-3", age=40),  # outside Zacapa
            member(zacapa, code="R-4", age=40, via="A pie")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="recepciones.xlsx", kind="recepciones")
    assert (batch.status, batch.created_rows) == ("rejected", 0)
    assert Reception.objects.count() == Person.objects.count() == 0
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] == "Edad (años): Escriba la edad en años o la fecha de nacimiento."
    assert notes[1] is None
    assert notes[2] == "Parentesco: Indique una sola persona como jefe o jefa de la unidad familiar."
    assert notes[3] == f"Centro: Centro desconocido o fuera de su territorio: «{centers['jutiapa'].pk}»."
    assert notes[4].startswith("Vía de ingreso: Valor desconocido «A pie»")


def test_a_mother_and_daughter_of_the_same_name_are_two_members(people, centers, run_import):
    """Issue 18 item 4: the row key has the birth date (or age) and relationship, so a daughter named
    after her mother is not refused as a repeated row; the very same row twice still is."""
    zacapa = centers["zacapa"]
    rows = [member(zacapa, names="María", surname="Cux", sex="Mujer", age=38, rel="Jefe/a de hogar"),
            member(zacapa, names="María", surname="Cux", sex="Mujer", birth="02/05/2015", rel="Hija")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="recepciones.xlsx", kind="recepciones")
    assert (batch.status, batch.created_rows) == ("done", 2), batch.error_preview
    assert ReceptionMember.objects.filter(person__given_names="María").count() == 2
    # the family members' sexes through the H/M convention of the header
    headers = [h if h != "Sexo" else "Sexo (H/M)" for h in HEADERS]
    rows = [member(zacapa, code="R-9", names="Juan", sex="H", age=40),
            member(zacapa, code="R-9", names="Rosa", sex="M", age=12, rel="Hija")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, headers), name="recepciones.xlsx", kind="recepciones")
    assert batch.status == "done", batch.error_preview
    assert dict(Person.objects.filter(given_names__in=["Juan", "Rosa"]).values_list("given_names", "sex")) == {
        "Juan": "M", "Rosa": "F"}
