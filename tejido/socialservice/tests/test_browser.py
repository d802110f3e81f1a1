"""The main path in a real browser, as the Zacapa delegate: request → study → approve →
deliver → the receipt shows and the office's stock went down."""

import datetime as dt
import re

import pytest

from tejido.common.browser import login, open_menu
from tejido.common.testing import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_delegate_request_to_receipt(page, live_server, people, ss):
    make_person(given_names="Herminia", first_surname="Portillo", sex="F")
    base = live_server.url
    today = dt.date.today()
    day = {n: (today - dt.timedelta(days=n)).isoformat() for n in (10, 8, 6, 4)}  # never in the future
    login(page, base, "zacapa1")

    open_menu(page, "Programas")
    page.get_by_role("link", name="Servicio social").first.click()
    page.get_by_role("button", name="Nueva solicitud").click()
    page.get_by_label("Buscar persona por nombre o CUI").fill("herminia port")
    page.get_by_role("button", name="Elegir").click()
    page.locator("#id_date").fill(day[10])
    page.get_by_label("Sede").select_option(str(ss["zacapa"].pk))
    page.get_by_label("Solicita").select_option("producto")
    page.get_by_label("Producto").select_option(str(ss["products"]["silla_ruedas"].pk))
    page.get_by_label("Cantidad").fill("2")
    page.get_by_label("Descripción").fill("Secuelas de derrame cerebral")
    page.get_by_role("button", name="Guardar solicitud").click()
    page.wait_for_url(re.compile(r"/servicio-social/solicitudes/\d+/$"))
    assert "Solicitud registrada" in page.content()
    assert "existencia en la sede: 10" in page.content()

    page.locator("#id_visit_date").fill(day[8])
    page.get_by_label("Clasificación de pobreza").select_option("pobreza_extrema")
    page.get_by_label("Trabajadora o trabajador social").fill("Licda. Marta Solís")
    page.get_by_role("button", name="Guardar estudio").click()
    page.wait_for_load_state("networkidle")
    assert "Estudio socioeconómico registrado" in page.content()

    page.get_by_label("Aprobar").check()
    page.locator("#id_date").fill(day[6])
    page.get_by_role("button", name="Guardar resolución").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#estado").inner_text() == "Aprobada"

    page.locator("#id_date").fill(day[4])
    page.get_by_role("button", name="Registrar entrega").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#estado").inner_text() == "Entregada"
    page.get_by_role("link", name=re.compile(r"^SS-\d{4}-")).click()
    page.wait_for_url(re.compile(r"/constancia/$"))
    assert page.locator("#numero-constancia").inner_text().startswith("SS-")
    assert "Herminia" in page.locator("#constancia").inner_text()

    page.goto(f"{base}/servicio-social/existencias/sedes/{ss['zacapa'].pk}/")
    row = page.locator("tr[data-producto='silla_ruedas']")
    assert row.locator("td").nth(2).inner_text() == "8"
