"""The consistency page finds what does not add up, within the viewer's scope."""

import datetime as dt

import pytest
from django.test import Client

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.models import Delivery
from tejido.programs.services import enrolment_create
from tejido.reports.consistency import run_checks
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
START, END = dt.date(2023, 1, 1), dt.date(2023, 12, 31)


def _by_title(findings):
    return {f.title: f for f in findings}


def test_findings_on_hand_built_records_and_scope(people):
    closed = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro cerrado", opened_on=dt.date(2020, 1, 1))
    elder = make_person(given_names="Rosa", birth_date=dt.date(1950, 1, 1))
    enrolment_create(person=elder, center=closed, program="elderly", start=dt.date(2023, 2, 1),
                     acting_user=people["central"])
    closed.closed_on, closed.status = dt.date(2023, 6, 30), "closed"
    closed.save()
    # A birth date corrected after enrolment: Rosa is now 40, outside the elderly rule.
    elder.birth_date = dt.date(1983, 1, 1)
    elder.save()
    Delivery.objects.create(program="elderly", item="alimentos", quantity=3, date=dt.date(2023, 5, 1),
                            municipality=Municipality.objects.get(pk=JUTIAPA_TOWN), department_id=22)
    make_person(given_names="Sin CUI", birth_date=dt.date(1990, 1, 1), birth_date_estimated=True)

    national = _by_title(run_checks(user=people["central"], start=START, end=END))
    assert national["Sin plan para el periodo"].count == 1
    assert national["Inscripciones que siguen después del cierre del centro"].count == 1
    assert national["Inscripciones fuera de la regla de edad del programa"].count == 1
    assert national["Entregas sin centro, evento ni persona"].count == 1
    assert national["Personas con identidad incompleta"].count == 1
    assert national["Eventos sin participantes"].ok

    zacapa = _by_title(run_checks(user=people["zacapa"], start=START, end=END))
    assert zacapa["Entregas sin centro, evento ni persona"].ok  # the Jutiapa delivery is not theirs
    assert zacapa["Inscripciones que siguen después del cierre del centro"].count == 1
    jutiapa = _by_title(run_checks(user=people["jutiapa"], start=START, end=END))
    assert jutiapa["Inscripciones que siguen después del cierre del centro"].ok
    assert jutiapa["Entregas sin centro, evento ni persona"].count == 1

    client = Client()
    client.force_login(people["zacapa"])
    html = client.get("/informes/consistencia/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Inscripciones fuera de la regla de edad del programa" in html and "Rosa" in html


def test_plan_checks_use_the_plan_of_the_year(people):
    from django.core.management import call_command

    call_command("load_plan_2022", verbosity=0)
    findings = _by_title(run_checks(user=people["planner"], start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)))
    assert "Sin plan para el periodo" not in findings
    assert findings["Productos sin regla de conteo"].ok
    assert findings["Programación mensual que no suma la meta vigente"].ok
    assert findings["Metas físicas que no coinciden con el cuadro del programa"].ok
