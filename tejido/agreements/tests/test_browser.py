"""The main path in a real browser: register an agreement (first with an end before its start),
then find the CADI operating without a licence and register its licence."""

import re

import pytest

from tejido.common.browser import login, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_registers_agreement_and_licence(page, live_server, people, places, tmp_path):
    base = live_server.url
    login(page, base, "zacapa1")
    open_menu(page, "Programas")
    page.get_by_role("link", name="Convenios y licencias").click()
    page.get_by_role("button", name="Registrar convenio").click()
    page.wait_for_url(f"{base}/convenios/nuevo/")
    page.locator("#id_counterparty_name").fill("Municipalidad de Zacapa")
    page.locator("#id_counterparty_kind").select_option("municipalidad")
    page.locator("#id_municipality").select_option("1901")
    page.locator("#id_program").select_option("childcare")
    page.locator("#id_start_date").fill("2023-05-01")
    page.locator("#id_end_date").fill("2023-04-30")
    page.locator("#id_centers").select_option([str(places["zacapa_cadi"].pk)])
    signed = tmp_path / "convenio.pdf"
    signed.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.locator("#id_document").set_input_files(str(signed))
    page.get_by_role("button", name="Guardar convenio").click()
    assert "antes de empezar" in page.locator("#id_end_date_error").inner_text()
    assert page.locator("#id_counterparty_name").input_value() == "Municipalidad de Zacapa"

    page.locator("#id_end_date").fill("2099-04-30")
    page.locator("#id_document").set_input_files(str(signed))
    page.get_by_role("button", name="Guardar convenio").click()
    page.wait_for_url(re.compile(r"/convenios/\d+/$"))
    assert "Convenio registrado" in page.content() and "convenio.pdf" in page.content()
    assert page.locator("#estado").inner_text().startswith("Vigente")

    page.get_by_role("link", name="Licencias de centros").click()
    assert "CADI Zacapa" in page.locator("table").last.inner_text()
    assert "CADI Jutiapa" not in page.content()
    page.get_by_role("link", name="CADI Zacapa").click()
    page.get_by_role("button", name="Registrar documento").click()
    page.locator("#id_kind").select_option("licencia_sanitaria")
    page.locator("#id_number").fill("LS-2023-001")
    page.locator("#id_issued_on").fill("2023-06-01")
    page.locator("#id_expires_on").fill("2099-06-01")
    page.locator("#id_issuer").fill("DRACES / MSPAS")
    page.get_by_role("button", name="Guardar documento").click()
    assert "Documento del centro registrado" in page.content() and "LS-2023-001" in page.content()
    page.get_by_role("link", name="Licencias de centros").click()
    assert "CADI Zacapa" not in page.locator("table").last.inner_text()
