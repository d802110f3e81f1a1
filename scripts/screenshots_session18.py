#!/usr/bin/env python
"""Screenshots 79-82 of a migrating office's import and the new drill-downs:
`python scripts/screenshots_session18.py [BASE_URL]`.

Needs a running server with the demo data (`make run`). As the Zacapa officer on a 360 px phone:
79 the import page (with the «Centros» template), 80 a people file writing sex as a bare «M»
refused next to the cell, 81 a centers file imported with the download of each row's Tejido
number. As the daycare program's central officer on a desktop: 82 the educational materials of
the annual report, each count a link to the deliveries behind it."""

import datetime as dt
import os
import sys
import tempfile

from openpyxl import Workbook
from playwright.sync_api import sync_playwright
from screenshots import ARGS, OUT
from screenshots_phone import PHONE, login  # same BASE_URL argument

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def workbook(kind: str, rows: list[list]) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from tejido.imports.kinds import KINDS

    book = Workbook()
    sheet = book.active
    sheet.title = "Datos"
    sheet.append([c.header for c in KINDS[kind].columns])
    for row in rows:
        sheet.append(row)
    path = os.path.join(tempfile.mkdtemp(), f"{kind}_zacapa.xlsx")
    book.save(path)
    return path


def upload(page, kind: str, path: str, name: str) -> None:
    page.goto(f"{BASE}/importar/")
    page.locator("#id_plantilla").select_option(kind)
    page.locator("#id_archivo").set_input_files(path)
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_url(f"{BASE}/importar/*/")
    page.wait_for_selector("#batch:not([hx-get])", timeout=120000)  # finished (no more polling)
    page.screenshot(path=f"{OUT}/{name}", full_page=True)
    print(name)


def main() -> None:
    people = workbook("personas", [
        ["Rosa Amalia", "Guerra", "Paz", "", "Mujer", "12/04/1990", "", "", "1901", "Ladino", "Español"],
        ["Marta", "Guerra", "Paz", "", "M", "03/09/1993", "", "", "1901", "Ladino", "Español"]])
    centers = workbook("centros", [
        ["HC-1901-77", "Hogar Comunitario La Fuente", "Hogar Comunitario", "1901", "sede-19", "Barrio La Fuente",
         "Municipalidad de Zacapa", "05/01/2026", "8:00", "12:00", 12, ""],
        ["UP-1902-12", "Unidad Las Tejedoras de Estanzuela", "Unidad productiva", "1902", "", "", "", "", "", "", "",
         "Tejidos y artesanías típicas"]])
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                    locale="es-GT")
        page = login(phone, "delegada.zacapa")
        page.goto(f"{BASE}/importar/")
        page.screenshot(path=f"{OUT}/79-importar-plantillas-telefono.png", full_page=True)
        print("79-importar-plantillas-telefono.png")
        upload(page, "personas", people, "80-importar-sexo-m-rechazado.png")
        upload(page, "centros", centers, "81-importar-centros-con-numeros.png")
        desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-GT")
        page = login(desktop, "central.hogares")
        page.goto(f"{BASE}/informes/?informe=annual&tipo=anio&anio={dt.date.today().year}")
        table = page.locator("table").filter(has_text="Kit de estimulación temprana").first
        table.scroll_into_view_if_needed()
        table.screenshot(path=f"{OUT}/82-materiales-con-detalle.png")
        print("82-materiales-con-detalle.png")
        browser.close()


if __name__ == "__main__":
    main()
