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
