"""Importing trainings and events: rows of one event (program + date + place + topic) create it
once through event_create and add each named participant; counted participants once per event."""

import datetime as dt

import pytest

from tejido.common.testing import make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.programs.models import Event

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["eventos"].columns]


def row(topic="Lactancia materna", date="12/03/2024", municipality="1901", center="", count="", person="",
        kind="Charla informativa", audience="Madres y padres de familia"):
    return ["Hogares Comunitarios", kind, topic, audience, date, municipality, center, "", "", count, person]


@pytest.fixture
def parents(people):
    return {"rosa": make_person(given_names="Rosa", cui=valid_cui()), "marta": make_person(given_names="Marta"),
            "eva": make_person(2201, given_names="Eva")}


def test_rows_of_one_event_make_one_event_with_its_participants_and_reimport_adds_only_new(
        people, parents, run_import):
    cadi = people["zacapa_cadi"]
    rows = [row(center=cadi.pk, person=parents["rosa"].cui),
            row(center=f"{cadi.pk} - CADI Zacapa", person=parents["marta"].pk, topic="LACTANCIA  materna"),
            row(center=cadi.pk, count="33"),
            row(topic="Higiene", kind="Capacitación", audience="Madres cuidadoras", count=12)]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="eventos.xlsx", kind="eventos")
    assert (batch.status, batch.created_rows) == ("done", 4), batch.error_preview
    talk, training = Event.objects.get(center=cadi), Event.objects.get(topic="Higiene")
    assert (talk.kind, talk.audience, talk.date, talk.unnamed_participants, talk.department_id) == (
        "charla", "padres", dt.date(2024, 3, 12), 33, 19)
    assert sorted(talk.participants.values_list("given_names", flat=True)) == ["Marta", "Rosa"]
    assert (training.center, training.municipality_id, training.unnamed_participants,
            training.participants.count()) == (None, 1901, 12, 0)
    assert talk.history.first().history_user == people["zacapa"]

    rows.append(row(center=cadi.pk, person=parents["rosa"].pk, topic="Lactancia materna", date="13/03/2024"))
    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="eventos.xlsx", kind="eventos")
    assert (again.status, again.created_rows, again.skipped_rows) == ("done", 1, 4), again.error_preview
    assert Event.objects.count() == 3


def test_bad_rows_reject_the_file_and_name_the_column(people, parents, run_import):
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    rows = [row(person=parents["rosa"].pk, count="10"),
            row(count="11"),  # same event, another count
            row(person=parents["eva"].pk),  # lives in Jutiapa
            row(topic="Otra", date=future, count="5"),
            row(topic="Otra charla"),  # nobody
            row(topic="Otra", municipality="2201", count="5")]  # Jutiapa
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="eventos.xlsx", kind="eventos")
    assert (batch.status, batch.error_rows) == ("rejected", 5)
    assert Event.objects.count() == 0
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes == [
        None,
        "Participantes sin registro: Otra fila del mismo evento tiene otro número de participantes sin registro (10).",
        f"Participante (CUI o número de registro): Persona no encontrada o fuera de su territorio: "
        f"«{parents['eva'].pk}».",
        "Fecha: La fecha no puede estar en el futuro.",
        "Participante (CUI o número de registro): Escriba el participante o el número de participantes sin registro.",
        "Municipio: Ese municipio está fuera de los departamentos que usted atiende.",
    ]
