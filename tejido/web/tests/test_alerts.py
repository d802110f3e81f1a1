import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from tejido.common.testing import ZACAPA_TOWN, make_person
from tejido.programs.referrals import referral_create
from tejido.stock.models import Product, StockLevel
from tejido.territory.models import Municipality, Office

pytestmark = pytest.mark.django_db


def test_home_shows_what_needs_action_in_the_users_territory(people):
    referral_create(person=make_person(), origin_program="social_service", destination_program="childcare",
                    reason="Niña de 3 años", date=timezone.localdate() - dt.timedelta(days=20),
                    municipality=Municipality.objects.get(pk=ZACAPA_TOWN), acting_user=people["zacapa"])
    product = Product.objects.order_by("order").first()
    product.reorder_level = 5
    product.save()
    zacapa_office = Office.objects.filter(department_id=19).first()
    StockLevel.objects.create(office=zacapa_office, product=product, quantity=2)
    client = Client()
    client.force_login(people["zacapa"])
    html = client.get("/").content.decode()
    assert "Pendientes" in html and "1 derivación espera respuesta" in html
    assert f"{product.name} con 2 en existencia" in html
    other = Client()
    other.force_login(people["jutiapa"])
    jutiapa = other.get("/").content.decode()
    # Jutiapa has its own to-do (e.g. its CADI has no sanitary licence) but none of Zacapa's
    assert "espera respuesta" not in jutiapa and "esperan respuesta" not in jutiapa and "en existencia" not in jutiapa
    assert "sin licencia" in jutiapa.lower() or "licencia" in jutiapa.lower()
