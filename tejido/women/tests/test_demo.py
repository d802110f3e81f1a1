import random

import pytest

from tejido.demo.loader import _admin, load_demo
from tejido.demo.women import load_women_demo
from tejido.programs.models import Enrolment, Event
from tejido.women.models import Fair, FairSale, IncomeReport, Training

pytestmark = pytest.mark.django_db


def test_women_demo_loads_a_year_of_activity_and_is_idempotent(territory):
    load_demo(families=60)  # the loader runs load_women_demo
    admin = _admin()
    assert Enrolment.objects.filter(program="women").count() > 20
    assert not Enrolment.objects.filter(program="women").exclude(person__sex="F").exists()
    assert Training.objects.count() == Event.objects.filter(program="women", kind="capacitacion").count() > 40
    assert Fair.objects.count() == 3 and FairSale.objects.exists() and IncomeReport.objects.exists()
    assert load_women_demo(admin, random.Random(17), women_target=60) == 0
