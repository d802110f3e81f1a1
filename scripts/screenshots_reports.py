#!/usr/bin/env python
"""Screenshots of the reports a planner hands in (issue 17): `python scripts/screenshots_reports.py [BASE_URL]`.

Like scripts/screenshots.py: needs a running server with the demo data (`make run`) and, for the
PDF pages, `pdftoppm` (Debian's poppler-utils). Logs in as the planner, writes a text for the
annual report with figures picked from the tables, and writes docs/screenshots/72-*.png … 78-*.png:
the four-monthly report as a page, its PDF's first pages, the checks between tables, the text
editor and the annual report with its text; the CADI staff page at phone size (Zacapa officer)."""

import datetime as dt
import os
import subprocess
import sys
import tempfile

from playwright.sync_api import sync_playwright
from screenshots import ARGS, OUT
from screenshots_phone import login  # same BASE_URL argument

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
YEAR = dt.date.today().year
FOUR = f"informe=four_monthly&tipo=cuatrimestre&anio={YEAR}&cuatrimestre=2"
ANNUAL = f"informe=annual&tipo=anio&anio={YEAR}"


def pdf_pages(page, name: str, pages: int = 3) -> None:
    """Ask for the PDF as the page does (background job), download it, rasterise its first pages."""
    page.goto(f"{BASE}/informes/?{FOUR}")
    page.get_by_role("button", name="PDF").click()
    page.get_by_role("button", name="Descargar").wait_for(timeout=120000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar").click()
    with tempfile.TemporaryDirectory() as folder:
        pdf = os.path.join(folder, "informe.pdf")
        download.value.save_as(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", str(pages), pdf,
                        os.path.join(OUT, name)], check=True)
    print(f"{name}-*.png")


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-GT")
        page = login(desk, "planificacion")
        page.goto(f"{BASE}/informes/?{FOUR}")
        page.screenshot(path=f"{OUT}/72-cuatrimestral-pagina.png", full_page=False)
        page.locator("#comprobaciones").screenshot(path=f"{OUT}/73-comprobaciones-entre-cuadros.png")
        pdf_pages(page, "74-cuatrimestral-pdf")
        page.goto(f"{BASE}/informes/textos/?{ANNUAL}")
        area = page.get_by_label("Texto de «Hogares Comunitarios y CADI»")
        area.fill("De enero a diciembre se atendió a  niñas y niños en  municipios. En 2023 el informe decía 221.")
        area.evaluate("el => { el.focus(); el.setSelectionRange(34, 34); }")
        page.get_by_text("Niñas y niños atendidos por departamento").first.click()
        page.get_by_role("button", name="Insertar Total, Total").first.click()
        area.evaluate("el => { const i = el.value.indexOf(' municipios'); el.focus(); el.setSelectionRange(i, i); }")
        page.get_by_role("button", name="Insertar Total, Municipios").first.click()
        page.get_by_role("button", name="Guardar textos").click()
        page.get_by_text("Textos guardados.").wait_for()
        page.locator("#texto-childcare").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/75-textos-del-informe.png", full_page=False)
        page.goto(f"{BASE}/informes/?{ANNUAL}&programa=childcare")
        page.locator("section#texto-childcare").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/76-memoria-con-texto.png", full_page=False)

        phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                    has_touch=True, locale="es-GT")
        officer = login(phone, "delegada.zacapa")
        officer.goto(f"{BASE}/primera-infancia/")
        center = officer.locator("a[href*='/primera-infancia/centros/']").first.get_attribute("href")
        officer.goto(f"{BASE}{center.rstrip('/')}/personal/")
        officer.locator("#buscar-persona-docente").scroll_into_view_if_needed()
        officer.screenshot(path=f"{OUT}/77-telefono-docente-buscar.png", full_page=False)
        print("72 … 77 listos")


if __name__ == "__main__":
    main()
