import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN
from tejido.programs.models import Event

pytestmark = pytest.mark.django_db


def test_staff_trainings_are_events_for_staff_counted_by_program(people):
    client = Client()
    client.force_login(people["zacapa"])
    day = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    base = {"program": "elderly", "topic": "Primeros auxilios", "date": day, "modality": "virtual",
            "municipality": ZACAPA_TOWN, "partner": "Gestión de Riesgos", "unnamed_participants": 12}
    assert "Elija un municipio de la lista" in client.post("/capacitaciones-personal/", {
        **base, "municipality": JUTIAPA_TOWN}).content.decode()
    assert "Al menos una persona" in client.post("/capacitaciones-personal/", {
        **base, "unnamed_participants": 0}).content.decode()
    assert not Event.objects.exists()
    assert client.post("/capacitaciones-personal/", base).status_code == 302
    assert client.post("/capacitaciones-personal/", {**base, "program": "childcare",
                                                     "unnamed_participants": 8}).status_code == 302
    event = Event.objects.filter(program="elderly").get()
    assert (event.kind, event.audience, event.department_id) == ("capacitacion", "personal", 19)
    html = client.get("/capacitaciones-personal/").content.decode()
    assert "Primeros auxilios" in html and ">12<" in html and ">8<" in html
    other = Client()
    other.force_login(people["jutiapa"])
    assert "Primeros auxilios" not in other.get("/capacitaciones-personal/").content.decode()


def test_diplomas_are_recorded_checked_and_reported_by_program(people):
    """Seed 001 §7: «100 personas capacitadas … 69 recibieron su diploma». Zacapa: an elderly training
    of 12 with 9 diplomas and another of 5 with none; a childcare one of 8 with 8. More diplomas
    than people is refused with nothing saved."""
    from tejido.reports.builder import build_report
    from tejido.reports.period import Period

    client = Client()
    client.force_login(people["zacapa"])
    base = {"program": "elderly", "topic": "Cuidado de la persona mayor", "date": "2023-05-10",
            "modality": "presencial", "municipality": ZACAPA_TOWN, "partner": "OISS", "unnamed_participants": 12}
    refused = client.post("/capacitaciones-personal/", {**base, "diplomas": 13}).content.decode()
    assert "Las personas con diploma no pueden ser más que las participantes." in refused
    assert not Event.objects.exists()
    for extra in ({"diplomas": 9}, {"unnamed_participants": 5, "diplomas": ""},
                  {"program": "childcare", "unnamed_participants": 8, "diplomas": 8}):
        assert client.post("/capacitaciones-personal/", {**base, **extra}).status_code == 302
    assert ">9<" in client.get("/capacitaciones-personal/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    report = build_report("annual", user=people["central"], period=Period.year(2023))
    table = next(t for t in report["tables"] if t["id"] == "programs.staff_trainings")
    assert table["rows"] == [{"program": "Hogares Comunitarios", "events": 1, "people": 8, "diplomas": 8},
                             {"program": "Mis Años Dorados", "events": 2, "people": 17, "diplomas": 9}]
    assert table["totals"] == {"program": "Total", "events": 3, "people": 25, "diplomas": 17}
    jutiapa = build_report("annual", user=people["jutiapa"], period=Period.year(2023))
    assert next(t for t in jutiapa["tables"] if t["id"] == "programs.staff_trainings")["rows"] == []


def test_rows_written_without_the_diplomas_column_get_zero(people):
    """The data generators COPY events naming their columns; one written before diplomas existed (or
    any raw writer that leaves it out) gets 0 from the database, not a NOT NULL error."""
    from django.db import connection

    from tejido.programs.services import event_create
    from tejido.territory.models import Municipality

    event = event_create(program="elderly", kind="capacitacion", topic="Primeros auxilios", audience="personal",
                         date=dt.date(2023, 5, 10), municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                         unnamed_participants=3, acting_user=people["central"])
    columns = [f.column for f in Event._meta.concrete_fields if f.column not in ("id", "diplomas")]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO programs_event ({names}) SELECT {names} FROM programs_event WHERE id = %s",
                       [event.pk])
    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.diplomas == 0 and copy.topic == "Primeros auxilios"
