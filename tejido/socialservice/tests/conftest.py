import datetime as dt

import pytest

from tejido.stock import services as stock
from tejido.stock.catalogue import ensure_catalogue
from tejido.territory.models import Office


@pytest.fixture
def ss(people):
    """Offices of Zacapa and Jutiapa with some stock; the catalogue."""
    zacapa, jutiapa = Office.objects.get(code="sede-19"), Office.objects.get(code="sede-22")
    products = ensure_catalogue()
    for office, user in ((zacapa, people["zacapa"]), (jutiapa, people["jutiapa"])):
        for code in products:
            stock.receive(office=office, product=products[code], quantity=10, date=dt.date(2023, 1, 5),
                          origin="compra", reference="OC-2023-1", acting_user=user)
    return {"zacapa": zacapa, "jutiapa": jutiapa, "products": products}
