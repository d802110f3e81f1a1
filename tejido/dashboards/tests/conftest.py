"""A small plan for last year (so every date is in the past) and a hand-built data set.

Plan: one childcare output "Personas distintas inscritas", target 10, programmed 1 a month from
January to October (services.spread(10)), counted by the unique_persons_enrolled rule.
Records (childcare, CADIs of the `people` fixture):
- March 10: Ana, Berta and Carla at the Zacapa CADI; Ana leaves on April 20 and comes back on June 1.
- May 10: Xiomara at the Zacapa CADI and Elena at the Jutiapa CADI.
Cumulative distinct children, national: Jan 0, Feb 0, Mar 3, Apr 3, May 5, then 5 (Ana counts once).
Zacapa: 0, 0, 3, 3, 4, ... 4. Jutiapa: 0, 0, 0, 0, 1, ... 1."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from tejido.accounts.models import Program
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.planning.models import RuleKind, Unit
from tejido.planning.seed2022 import load_plan
from tejido.programs.services import enrolment_create, enrolment_exit

YEAR = timezone.localdate().year - 1
SURNAME = "Quisquiná"
PLAN = [
    ("primera_infancia", "Atención Integral a la Primera Infancia", "DIRECCIÓN DE HOGARES COMUNITARIOS",
     Program.CHILDCARE, "1000.00", [
         ("Personas distintas inscritas", Unit.PERSON, 10,
          (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": Program.CHILDCARE}), []),
     ]),
]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Closed months and maps are cached by plan id and scope; ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plan(people):
    return load_plan(year=YEAR, acting_user=people["planner"], data=PLAN, source="prueba", monthly=True)


@pytest.fixture
def records(people, plan):
    central = people["central"]
    zacapa, jutiapa = people["zacapa_cadi"], people["jutiapa_cadi"]
    born = dt.date(YEAR - 3, 1, 15)

    def child(name, town=ZACAPA_TOWN):
        return make_person(town, given_names=name, first_surname=SURNAME, birth_date=born)

    march, may = dt.date(YEAR, 3, 10), dt.date(YEAR, 5, 10)
    ana = child("Ana")
    first = enrolment_create(person=ana, center=zacapa, program="childcare", start=march, acting_user=central)
    enrolment_exit(enrolment=first, end=dt.date(YEAR, 4, 20), reason="familia", acting_user=central)
    enrolment_create(person=ana, center=zacapa, program="childcare", start=dt.date(YEAR, 6, 1), acting_user=central)
    for name in ("Berta", "Carla"):
        enrolment_create(person=child(name), center=zacapa, program="childcare", start=march, acting_user=central)
    enrolment_create(person=child("Xiomara"), center=zacapa, program="childcare", start=may, acting_user=central)
    enrolment_create(person=child("Elena", JUTIAPA_TOWN), center=jutiapa, program="childcare", start=may,
                     acting_user=central)
    return plan
