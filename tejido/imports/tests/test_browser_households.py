"""The officer's path for a template that groups rows: download «Hogares y sus miembros», fill two
households (one without a head), upload, read the row errors, fix the file, upload again."""

import pytest
from openpyxl import load_workbook

from tejido.common.browser import login
from tejido.common.testing import make_person
from tejido.registry.models import Household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_imports_households_and_fixes_a_household_without_head(page, live_server, people, tmp_path):
    base = live_server.url
    rosa, ana, luis = (make_person(given_names=name) for name in ("Rosa", "Ana", "Luis"))
    login(page, base, "zacapa1")
    page.goto(f"{base}/importar/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar plantilla de Hogares y sus miembros").click()
    path = tmp_path / "hogares.xlsx"
    download.value.save_as(path)
    book = load_workbook(path)
    sheet = book["Datos"]
    sheet.append(["H-1", "Familia Pérez", "1901 - Zacapa (Zacapa)", "", rosa.pk, "Jefa"])
    sheet.append(["H-1", "Familia Pérez", "1901", "", ana.pk, "Hija"])
    sheet.append(["H-2", "Familia Caal", "1901", "", luis.pk, "Hijo"])
    book.save(path)

    page.locator("#id_plantilla").select_option("hogares")
    page.locator("#id_archivo").set_input_files(str(path))
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_url(f"{base}/importar/*/")
    assert page.locator("#batch-status").inner_text() == "Con errores: no se importó nada"
    assert "el hogar «Familia Caal» no tiene jefe/a de hogar" in page.content()
    assert Household.objects.count() == 0

    sheet["F4"] = "Jefe/a de hogar"
    book.save(path)
    page.get_by_role("link", name="Volver a importar datos").click()
    page.locator("#id_plantilla").select_option("hogares")
    page.locator("#id_archivo").set_input_files(str(path))
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_url(f"{base}/importar/*/")
    assert page.locator("#batch-status").inner_text() == "Importado"
    assert sorted(Household.objects.values_list("name", flat=True)) == ["Familia Caal", "Familia Pérez"]
