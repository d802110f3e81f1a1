import random

import pytest
from django.utils import timezone

from tejido.demo.shelters import load_shelters_demo
from tejido.shelters import figures
from tejido.shelters.alerts import alerts
from tejido.shelters.models import Shelter

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_leaves_an_open_caravan_shelter_in_jutiapa(people):
    people_sheltered = load_shelters_demo(people["admin"], random.Random(7))
    assert people_sheltered > 100
    assert load_shelters_demo(people["admin"], random.Random(7)) == 0
    assert Shelter.objects.count() == 5 and Shelter.objects.filter(closed_on__isnull=True).count() == 1
    assert [a["level"] for a in alerts(people["jutiapa"])][-1] == "warning"
    year = figures.by_shelter(user=people["central"], start=Shelter.objects.order_by("opened_on")[0].opened_on,
                              end=timezone.localdate())
    assert year["total"]["shelters"] == 5 and year["total"]["persons"] == people_sheltered
