"""The officer's main path in a real browser: download the template, fill it with one mistake,
upload, read the error report, fix the row in the report itself and upload it again."""

import pytest
from openpyxl import load_workbook

from tejido.common.browser import login, open_menu
from tejido.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_imports_fixes_errors_and_reimports(page, live_server, people, tmp_path):
    base = live_server.url
    login(page, base, "zacapa1")
    open_menu(page, "Programas")
    page.get_by_role("link", name="Importar datos").click()
    page.wait_for_url(f"{base}/importar/")

    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar plantilla de Personas").click()
    template = tmp_path / "plantilla.xlsx"
    download.value.save_as(template)
    book = load_workbook(template)
    sheet = book["Datos"]
    sheet.append(["Ana Lucía", "Pérez", "Caal", "", "Mujer", "17/05/2019", "", "", "1901 - Zacapa (Zacapa)", "Maya",
                  "Q'eqchi'"])
    sheet.append(["José", "Pérez", "Caal", "", "Hombre", "31/02/2020", "", "", "1901", "maya", "QEQCHI"])
    book.save(template)

    page.locator("#id_plantilla").select_option("personas")
    page.locator("#id_archivo").set_input_files(str(template))
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_url(f"{base}/importar/*/")
    assert page.locator("#batch-status").inner_text() == "Con errores: no se importó nada"
    assert page.locator("#batch-errors").inner_text() == "1"
    assert Person.objects.count() == 0

    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar informe de errores").click()
    report = tmp_path / "errores.xlsx"
    download.value.save_as(report)
    book = load_workbook(report)
    sheet = book["Datos"]
    assert sheet["Q1"].value == "Errores" and sheet["Q2"].value is None
    assert sheet["Q3"].value.startswith("Fecha de nacimiento: Fecha no válida «31/02/2020»")
    sheet["F3"] = "29/02/2020"
    book.save(report)

    page.get_by_role("link", name="Volver a importar datos").click()
    page.locator("#id_plantilla").select_option("personas")
    page.locator("#id_archivo").set_input_files(str(report))
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_url(f"{base}/importar/*/")
    assert page.locator("#batch-status").inner_text() == "Importado"
    assert "Importación terminada: 2 registros creados." in page.content()
    assert sorted(Person.objects.values_list("given_names", "language_community")) == [
        ("Ana Lucía", "qeqchi"), ("José", "qeqchi")]
