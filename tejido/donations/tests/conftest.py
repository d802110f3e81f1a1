import datetime as dt

import pytest

from tejido.donations import services
from tejido.stock.catalogue import ensure_catalogue
from tejido.territory.models import Office

D = dt.date(2023, 2, 9)


def item(description, quantity, category, value, product=None, unit="unidad"):
    return {"description": description, "quantity": quantity, "unit": unit, "category": category,
            "value": value, "product": product}


@pytest.fixture
def don(people):
    products = ensure_catalogue()
    zacapa, jutiapa = Office.objects.get(code="sede-19"), Office.objects.get(code="sede-22")
    # Seed 001 table 20, row 2, received at the Zacapa office.
    taiwan = services.donation_create(
        office=zacapa, received_on=D, donor_name="Ministerio de Relaciones Exteriores de la República de China "
        "(Taiwán)", donor_kind="internacional", acting_user=people["admin"], certificate_number="ACTA-2",
        items=[item("sillas de ruedas para adulto", 120, "propiedad", "60000.00", products["silla_ruedas"]),
               item("sillas de baño plegable", 40, "propiedad", "11835.45"),
               item("andadores material aluminio", 80, "materiales", "20000.00", products["andador"]),
               item("bastones de aluminio", 200, "materiales", "10000.00")])
    juices = services.donation_create(
        office=jutiapa, received_on=dt.date(2023, 11, 27), donor_name="Alimentos y Bebidas Atlántida, S.A.",
        donor_kind="privado", acting_user=people["admin"],
        items=[item("packs de jugos frutimore de mango", 49, "materiales", "3000.00", unit="pack"),
               item("packs de agua pura", 25, "materiales", "2000.00", unit="pack")])
    return {"zacapa": zacapa, "jutiapa": jutiapa, "taiwan": taiwan, "juices": juices, "products": products}
