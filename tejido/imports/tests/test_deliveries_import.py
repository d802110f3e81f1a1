"""Importing deliveries: through delivery_create; products of the stock catalogue also leave the
office's stock through stock.services.issue, and a file can never overdraw it."""

import datetime as dt

import pytest

from tejido.common.testing import make_person, valid_cui
from tejido.imports.kinds import KINDS
from tejido.programs.models import Delivery
from tejido.stock.models import Movement, Product, StockLevel
from tejido.stock.services import receive
from tejido.territory.models import Office

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["entregas"].columns]
SS, ELDERLY = "Servicio Social", "Mis Años Dorados"


def row(program=SS, item="Sillas de ruedas", quantity=1, date="04/03/2024", person="", center="", municipality="1901",
        office="sede-19", receipt="", note=""):
    return [program, item, quantity, date, person, center, municipality, office, receipt, note]


@pytest.fixture
def stocked(people):
    zacapa = Office.objects.get(code="sede-19")
    receive(office=zacapa, product=Product.objects.get(code="silla_ruedas"), quantity=3, date=dt.date(2024, 3, 1),
            origin="donacion", reference="DON-1", acting_user=people["zacapa"])
    return {"office": zacapa, "ana": make_person(given_names="Ana", cui=valid_cui()),
            "luis": make_person(given_names="Luis", sex="M"), "eva": make_person(2201, given_names="Eva")}


def silla_level(office):
    return StockLevel.objects.get(office=office, product__code="silla_ruedas").quantity


def test_stock_products_leave_the_stock_and_other_items_do_not(people, stocked, run_import):
    rows = [row(quantity=2, person=stocked["ana"].cui, receipt="C-1"),
            row(item="silla_ruedas", person=stocked["luis"].pk),
            row(program=ELDERLY, item="Kit de higiene", quantity=40, office="", note="Jornada en Estanzuela")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="entregas.xlsx", kind="entregas")
    assert (batch.status, batch.created_rows) == ("done", 3), batch.error_preview
    assert silla_level(stocked["office"]) == 0  # 3 received - 2 - 1
    exits = Movement.objects.filter(kind="salida").order_by("id")
    assert [(m.delta, m.delivery.person.given_names, m.reference) for m in exits] == [
        (-2, "Ana", "C-1"), (-1, "Luis", f"IMP-{exits[1].delivery_id}")]
    kits = Delivery.objects.get(item="kit_higiene")
    assert (kits.program, kits.quantity, kits.person, kits.department_id, kits.stock_movements.count()) == (
        "elderly", 40, None, 19, 0)
    assert kits.history.get().history_user == people["zacapa"]

    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="entregas.xlsx", kind="entregas")
    assert (again.status, again.created_rows, again.skipped_rows) == ("done", 0, 3)
    assert (Delivery.objects.count(), silla_level(stocked["office"])) == (3, 0)


def test_a_file_cannot_overdraw_the_stock_or_leave_the_territory(people, stocked, run_import):
    rows = [row(quantity=2, person=stocked["ana"].pk),
            row(quantity=2, person=stocked["luis"].pk),  # only 1 left after the row above
            row(office="", person=stocked["luis"].pk, receipt="C-9"),
            row(office="sede-22", person=stocked["luis"].pk, receipt="C-8"),
            row(item="Nave espacial", person=stocked["luis"].pk),
            row(program=ELDERLY, item="kit_higiene", quantity=0, office=""),
            row(program=ELDERLY, item="kit_higiene", office="", municipality="2201")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="entregas.xlsx", kind="entregas")
    assert (batch.status, batch.error_rows) == ("rejected", 6)
    assert (Delivery.objects.count(), silla_level(stocked["office"])) == (0, 3)
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes == [
        None,
        "Cantidad: No hay suficientes existencias de Sillas de ruedas en Sede Zacapa: disponibles 1, solicitadas 2.",
        "Sede: Los productos de bodega salen de las existencias de una sede: escríbala.",
        "Sede: Sede desconocida o fuera de su territorio: «sede-22».",
        "Producto o servicio: Producto o servicio desconocido «Nave espacial»; elija de la lista.",
        "Cantidad: La cantidad debe ser un número entero entre 1 y 100,000.",
        "Municipio: Ese municipio está fuera de los departamentos que usted atiende.",
    ]


def test_products_and_services_named_as_offices_write_them(people, stocked, run_import):
    """Issue 18 item 4: «Paquetes de pañales» (the catalogue says «Paquetes de pañales (50 unidades
    cada uno)»), «Servicio funerario» (a social-service service), singulars and plurals."""
    receive(office=stocked["office"], product=Product.objects.get(code="panales"), quantity=10,
            date=dt.date(2024, 3, 1), origin="compra", reference="OC-1", acting_user=people["zacapa"])
    rows = [row(item="Paquetes de pañales", quantity=2, person=stocked["ana"].pk),
            row(item="paquete de pañales", quantity=1, person=stocked["luis"].pk),
            row(item="Silla de ruedas", person=stocked["luis"].pk),
            row(item="Servicio funerario", person=stocked["ana"].pk, office=""),
            row(program=ELDERLY, item="Kits de higiene", quantity=5, office=""),
            row(program=ELDERLY, item="Lente graduado", person=stocked["luis"].pk, office="")]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="entregas.xlsx", kind="entregas")
    assert (batch.status, batch.created_rows) == ("done", 6), batch.error_preview
    assert sorted(Delivery.objects.values_list("item", "quantity")) == [
        ("kit_higiene", 5), ("lentes", 1), ("panales", 1), ("panales", 2), ("servicio_funerario", 1),
        ("silla_ruedas", 1)]
    assert StockLevel.objects.get(office=stocked["office"], product__code="panales").quantity == 7
    # the delivery lists name the service by its label, not its code
    assert Delivery.objects.get(item="servicio_funerario").item_label == "Servicio funerario"
