"""The main path in a real browser, as the Zacapa delegate: register a donation with two items
(one enters the stock), distribute too much (refused), distribute, see the balance."""

import datetime as dt
import re

import pytest

from tejido.common.browser import login, open_menu
from tejido.stock.catalogue import ensure_catalogue
from tejido.stock.models import StockLevel
from tejido.territory.models import Office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_delegate_registers_and_distributes_a_donation(page, live_server, people):
    products = ensure_catalogue()
    zacapa = Office.objects.get(code="sede-19")
    base = live_server.url
    today = dt.date.today()
    received, handed = (today - dt.timedelta(days=6)).isoformat(), (today - dt.timedelta(days=2)).isoformat()
    login(page, base, "zacapa1")
    open_menu(page, "Programas")
    page.get_by_role("link", name="Donaciones").first.click()
    page.get_by_role("button", name="Registrar donación").click()
    page.get_by_label("Nombre del donante nuevo").fill("Club Rotario de Zacapa")
    page.get_by_label("Tipo de donante nuevo").select_option("privado")
    page.locator("#id_received_on").fill(received)
    page.get_by_label("Sede que recibe").select_option(str(zacapa.pk))
    page.locator("#id_items-0-description").fill("sillas de ruedas para adulto")
    page.locator("#id_items-0-quantity").fill("12")
    page.locator("#id_items-0-category").select_option("propiedad")
    page.locator("#id_items-0-value").fill("6000.00")
    page.locator("#id_items-0-product").select_option(str(products["silla_ruedas"].pk))
    page.locator("#id_items-1-description").fill("kits de higiene")
    page.locator("#id_items-1-quantity").fill("40")
    page.locator("#id_items-1-unit").fill("kit")
    page.locator("#id_items-1-category").select_option("materiales")
    page.locator("#id_items-1-value").fill("1200.50")
    page.get_by_role("button", name="Guardar donación").click()
    page.wait_for_url(re.compile(r"/donaciones/\d+/$"))
    assert "registrada" in page.content() and "Q7,200.50" in page.content()
    assert StockLevel.objects.get(office=zacapa, product=products["silla_ruedas"]).quantity == 12

    page.get_by_role("button", name="Registrar distribución").click()
    page.get_by_label("Bien donado").select_option(label="12 unidad — sillas de ruedas para adulto (saldo: 12)")
    page.locator("#id_kind").select_option("programa")
    page.locator("#id_program").select_option("elderly")
    page.locator("#id_date").fill(handed)
    page.locator("#id_quantity").fill("13")
    page.get_by_label("Número de constancia o recibo").fill("CONST-1")
    page.get_by_role("button", name="Guardar distribución").click()
    assert "La cantidad supera el saldo de la donación: quedan 12." in page.content()
    page.locator("#id_quantity").fill("5")
    page.get_by_role("button", name="Guardar distribución").click()
    page.wait_for_url(re.compile(r"/donaciones/\d+/$"))
    assert page.locator("#saldo-total").inner_text() == "47"
    assert "CONST-1" in page.locator("#distribuciones").inner_text()
    assert StockLevel.objects.get(office=zacapa, product=products["silla_ruedas"]).quantity == 7
