import datetime as dt
import random

import pytest

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.demo.socialservice import load_socialservice_demo
from tejido.programs.models import Delivery
from tejido.socialservice.models import OutreachDay, SupportRequest
from tejido.stock.models import StockLevel

pytestmark = pytest.mark.django_db


def test_demo_loads_requests_in_every_state_and_is_idempotent(people):
    for i in range(20):
        make_person(ZACAPA_TOWN if i % 2 else JUTIAPA_TOWN, given_names=f"Persona {i}",
                    birth_date=dt.date(1950 + i, 1, 1), sex="MF"[i % 2])
    made = load_socialservice_demo(people["admin"], random.Random(7), requests=60, outreach_days=3)
    assert made > 20
    assert set(SupportRequest.objects.values_list("status", flat=True)) == set(SupportRequest.Status.values)
    assert OutreachDay.objects.count() == 3
    delivered = SupportRequest.objects.filter(status="entregada")
    assert delivered.count() == Delivery.objects.filter(support_request__isnull=False).count()
    assert not StockLevel.objects.filter(quantity__lt=0).exists()
    assert load_socialservice_demo(people["admin"], random.Random(7)) == 0
