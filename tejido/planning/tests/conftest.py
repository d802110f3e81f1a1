"""A small plan (year 2024) and a hand-built data set whose executed values are known.

Period: January to June 2024.
- Elderly: Rosa and Pedro at the Zacapa day center, Juana at the Jutiapa residential center
  (enrolled 1 Feb 2024); Tomás at the Jutiapa residence left in December 2023 (not counted).
- Women: Ana enrolled at the Zacapa productive unit (opened 1 Mar 2024); the Jutiapa unit
  opened in 2023; trainings in Zacapa and Jutiapa; one commercial fair in Zacapa; a training
  in July (outside the period).
- Social service: a wheelchair to Luis (Zacapa) and one to Marta (Jutiapa).
- Migrants: one family received in Guatemala City, destined to Jutiapa.
- Documents: 1 typed for January, February and March (manual)."""

import datetime as dt

import pytest

from tejido.centers.models import CenterKind
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.migrants.models import Reception
from tejido.planning.models import RuleKind, Unit
from tejido.planning.seed2022 import load_plan
from tejido.planning.services import manual_set
from tejido.programs.models import Delivery
from tejido.programs.services import enrolment_create, event_create
from tejido.territory.models import Municipality

SUM = (RuleKind.SUM_SUBOUTPUTS, {})
SMALL_PLAN = [
    ("direccion", "Dirección y Coordinación", "", "", "1200.00", [
        ("Documentos", Unit.DOCUMENT, 12, SUM, [("Documentos", Unit.DOCUMENT, 12, (RuleKind.MANUAL, {}))]),
    ]),
    ("servicio_social", "Servicio y Asistencia Social", "DIRECCIÓN DE SERVICIO SOCIAL", "social_service", "500.00", [
        ("Personas atendidas en servicio social", Unit.PERSON, 5, SUM, [
            ("Personas con productos ortopédicos", Unit.PERSON, 5, (RuleKind.PERSONS_SERVED_SOCIAL_SERVICE, {})),
            ("Familias migrantes", Unit.FAMILY, 2, (RuleKind.FAMILIES_RECEIVED, {})),
        ]),
    ]),
    ("mujer", "Desarrollo de la Mujer", "DIRECCIÓN DE LA MUJER", "women", "300.00", [
        ("Mujeres capacitadas", Unit.PERSON, 10, (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": "women"}), [
            ("Unidades productivas", Unit.ENTITY, 2,
             (RuleKind.UNITS_CREATED, {"center_kind": CenterKind.PRODUCTIVE_UNIT})),
            ("Formación", Unit.EVENT, 4, (RuleKind.EVENTS_HELD, {"program": "women", "event_kinds": ["capacitacion"]})),
            ("Comercialización", Unit.EVENT, 1,
             (RuleKind.EVENTS_HELD, {"program": "women", "event_kinds": ["comercializacion"]})),
        ]),
    ]),
    ("adulto_mayor", "Atención Integral al Adulto Mayor", "DIRECCIÓN DE MIS AÑOS DORADOS", "elderly", "800.00", [
        ("Adultos mayores", Unit.PERSON, 4, (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": "elderly"}), [
            ("En centros diurnos", Unit.PERSON, 3,
             (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": "elderly",
                                                  "center_kinds": [CenterKind.ELDERLY_DAY_CENTER]})),
            ("En centros permanentes", Unit.PERSON, 2,
             (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": "elderly",
                                                  "center_kinds": [CenterKind.ELDERLY_RESIDENTIAL]})),
        ]),
    ]),
]
PERIOD = (dt.date(2024, 1, 1), dt.date(2024, 6, 30))


@pytest.fixture
def plan(people):
    return load_plan(year=2024, acting_user=people["planner"], data=SMALL_PLAN, source="prueba")


def _enrol(person, center, program, start, user, end=None):
    enrolment = enrolment_create(person=person, center=center, program=program, start=start, acting_user=user)
    if end:
        enrolment.end = end
        enrolment.save()
    return enrolment


def _event(center, kind, day, user):
    return event_create(program="women", kind=kind, topic="Tema", audience="beneficiarios", date=day,
                        municipality=center.municipality, center=center, unnamed_participants=10, acting_user=user)


@pytest.fixture
def records(people, plan):
    central = people["central"]
    day_center = make_center(ZACAPA_TOWN, kind=CenterKind.ELDERLY_DAY_CENTER, name="Diurno Zacapa")
    residence = make_center(JUTIAPA_TOWN, kind=CenterKind.ELDERLY_RESIDENTIAL, name="CAP Jutiapa")
    born = dt.date(1950, 1, 1)
    for name, center in (("Rosa", day_center), ("Pedro", day_center), ("Juana", residence)):
        town = ZACAPA_TOWN if center is day_center else JUTIAPA_TOWN
        _enrol(make_person(town, given_names=name, birth_date=born), center, "elderly", dt.date(2024, 2, 1), central)
    _enrol(make_person(JUTIAPA_TOWN, given_names="Tomás", sex="M", birth_date=born), residence, "elderly",
           dt.date(2023, 1, 10), central, end=dt.date(2023, 12, 15))

    zacapa_unit = make_center(ZACAPA_TOWN, kind=CenterKind.PRODUCTIVE_UNIT, name="Tejedoras",
                              opened_on=dt.date(2024, 3, 1))
    jutiapa_unit = make_center(JUTIAPA_TOWN, kind=CenterKind.PRODUCTIVE_UNIT, name="Panaderas",
                               opened_on=dt.date(2023, 5, 1))
    _enrol(make_person(given_names="Ana", birth_date=dt.date(1990, 1, 1)), zacapa_unit, "women",
           dt.date(2024, 3, 1), central)
    _event(zacapa_unit, "capacitacion", dt.date(2024, 3, 5), central)
    _event(jutiapa_unit, "capacitacion", dt.date(2024, 4, 5), central)
    _event(zacapa_unit, "comercializacion", dt.date(2024, 5, 5), central)
    _event(zacapa_unit, "capacitacion", dt.date(2024, 7, 5), central)  # outside the period

    for name, town in (("Luis", ZACAPA_TOWN), ("Marta", JUTIAPA_TOWN)):
        municipality = Municipality.objects.get(pk=town)
        Delivery.objects.create(program="social_service", item="silla_ruedas", quantity=1, date=dt.date(2024, 2, 20),
                                person=make_person(town, given_names=name), municipality=municipality,
                                department_id=municipality.department_id)

    airport = make_center(101, kind=CenterKind.MIGRANT_RECEPTION, name="Centro de recepción FAG")
    destination = Municipality.objects.get(pk=JUTIAPA_TOWN)
    Reception.objects.create(date=dt.date(2024, 4, 10), center=airport, department_id=airport.department_id,
                             arrival_mode="aerea", returned_from="estados_unidos",
                             destination_municipality=destination, destination_department_id=destination.department_id)

    documents = plan.activities.get(code="direccion").outputs.get(parent__isnull=False)
    for month in (1, 2, 3):
        manual_set(output=documents, month=month, value=1, acting_user=people["planner"])
    manual_set(output=documents, month=8, value=1, acting_user=people["planner"])  # outside the period
    return {"documents": documents}
