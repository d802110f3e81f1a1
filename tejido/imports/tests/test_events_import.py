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


def _row(program="Mejoramiento Socioeconómico de la Mujer", kind="Capacitación", topic="Bordado a máquina",
         audience="Beneficiarias y beneficiarios", date="12/03/2024", center="", count="", person="", code="",
         training="", line="", partner=""):
    return [program, kind, topic, audience, date, "1901", center, "", partner, count, person, code, training, line]


def test_womens_trainings_go_through_their_own_service_and_codes_make_events(people, run_import):
    """Issue 18 item 4: an imported training of the women's program keeps its type and product line
    and admits only women enrolled that day (as the form); rows with the same code are one event and
    two trainings of one day, place and topic with their own codes are two."""
    from tejido.common.testing import ZACAPA_TOWN, make_center
    from tejido.programs.services import enrolment_create
    from tejido.women.models import Training

    unit = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad Las Tejedoras")
    ana, lucia = make_person(given_names="Ana"), make_person(given_names="Lucía")
    outsider, berta = make_person(given_names="Olga"), make_person(given_names="Berta")  # not enrolled
    for woman in (ana, lucia):
        enrolment_create(person=woman, center=unit, program="women", start=dt.date(2024, 1, 8),
                         acting_user=people["zacapa"])
    productive = {"training": "Actividad productiva", "line": "Tejidos y artesanías típicas", "partner": "INTECAP"}
    rows = [_row(code="INT-01", person=ana.pk, **productive), _row(code="INT-01", person=lucia.pk, **productive),
            _row(code="INT-02", count=7, **productive),  # same day, place and topic: another training
            _row(code="DH-01", topic="Autoestima", training="Desarrollo humano", count=20)]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="eventos.xlsx", kind="eventos")
    assert (batch.status, batch.created_rows) == ("done", 4), batch.error_preview
    first, second = Event.objects.get(code="INT-01"), Event.objects.get(code="INT-02")
    assert sorted(first.participants.values_list("given_names", flat=True)) == ["Ana", "Lucía"]
    assert (second.unnamed_participants, second.participants.count(), first.partner) == (7, 0, "INTECAP")
    assert sorted(Training.objects.values_list("event__code", "training_kind", "product_line")) == [
        ("DH-01", "desarrollo_humano", ""), ("INT-01", "actividad_productiva", "tejidos"),
        ("INT-02", "actividad_productiva", "tejidos")]

    # the women's rules refuse, next to the column: no type; a woman not enrolled, in a new training
    # and joining one already recorded; a code already used for another day
    bad = [_row(code="X-1", count=5),
           _row(code="X-2", person=outsider.pk, training="Desarrollo humano"),
           _row(code="INT-01", date="13/03/2024", person=outsider.pk, **productive),
           _row(code="INT-01", person=berta.pk, **productive)]  # joining the training already recorded
    batch = run_import(people["zacapa"], xlsx_bytes(bad, HEADERS), name="eventos.xlsx", kind="eventos")
    assert batch.status == "rejected" and Event.objects.count() == 3
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] == "Tipo de capacitación: Elija el tipo de capacitación."
    assert notes[1] == "Participante (CUI o número de registro): No estaban inscritas en el programa ese día: " \
                       "Olga Pérez Caal."
    assert notes[2] == "Código del evento: El evento con este código es del 12/03/2024, con el tema «Bordado a " \
                       "máquina»."
    assert notes[3] == "Participante (CUI o número de registro): No estaban inscritas en el programa ese día: " \
                       "Berta Pérez Caal."
