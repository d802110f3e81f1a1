#!/usr/bin/env python
"""Screenshots at 360×740 (a departmental officer's phone), issue 16: `python scripts/screenshots_phone.py [BASE_URL]`.

Like scripts/screenshots.py: needs a running server with the demo data (`make run`). Logs in as
the Zacapa officer (scoped to one department), follows links as she would (her first center, its
first child) and writes docs/screenshots/60-*.png … 69-*.png. Each page is checked to fit the
screen (the document no wider than the viewport), the same rule as web/tests/test_phone.py."""

import datetime as dt
import os
import sys

from playwright.sync_api import sync_playwright
from screenshots import ARGS, OUT, PASSWORD

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
USER = "delegada.zacapa"
PHONE = {"width": 360, "height": 740}


def shoot(page, name: str, full: bool = True) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        print(f"AVISO: {name} mide {width} px de ancho en un teléfono de {PHONE['width']} px", file=sys.stderr)
    page.screenshot(path=f"{OUT}/{name}.png", full_page=full)
    print(f"{name}.png ({width} px)")


def login(context, user: str):
    page = context.new_page()
    page.goto(f"{BASE}/cuenta/ingresar/")
    page.get_by_label("Nombre de usuario").fill(user)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(f"{BASE}/")
    return page


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                      locale="es-GT")
        page = login(context, USER)
        shoot(page, "60-telefono-inicio", full=False)
        page.locator("label.menu-button").click()  # the «Menú» of a narrow screen
        page.locator("#menu-principal summary").first.click()
        shoot(page, "61-telefono-menu", full=False)
        page.goto(f"{BASE}/personas/?q=mar")
        shoot(page, "62-telefono-personas")
        page.goto(f"{BASE}/primera-infancia/")
        shoot(page, "63-telefono-primera-infancia")
        center = page.locator("a[href*='/primera-infancia/centros/']").first.get_attribute("href")
        page.goto(f"{BASE}{center.rstrip('/').split('/asistencia')[0]}/asistencia/")
        shoot(page, "64-telefono-lista-del-dia")
        page.goto(f"{BASE}{center}")
        child = page.locator("a[href*='/nutricion/']").first.get_attribute("href")
        if child:
            page.goto(f"{BASE}{child}")
            shoot(page, "65-telefono-nutricion")
        # returned families are received at the national reception centers: central staff
        central = login(browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                            locale="es-GT"), "central.hogares")
        central.goto(f"{BASE}/migrantes/nueva/")
        shoot(central, "66-telefono-recepcion-migrantes")
        page.goto(f"{BASE}/informes/?informe=annual&tipo=anio&anio={dt.date.today().year}")
        page.wait_for_load_state("load")
        shoot(page, "67-telefono-informe", full=False)
        page.goto(f"{BASE}/tableros/")
        shoot(page, "68-telefono-tablero", full=False)
        page.goto(f"{BASE}/sin-conexion/")
        shoot(page, "69-telefono-sin-conexion")
        browser.close()


if __name__ == "__main__":
    main()
