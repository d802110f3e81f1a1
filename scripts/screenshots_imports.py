#!/usr/bin/env python
"""Screenshots 40-42 of the bulk import as the Zacapa officer: `python scripts/screenshots_imports.py [BASE_URL]`.

Like scripts/screenshots.py: needs a running server with the demo data (`make run`). Writes the
sample people file (`manage.py import_template personas --muestra`: two rows with errors), uploads
it, and captures the import page, the rejected batch and the fixed re-import."""

import os
import subprocess
import sys
import tempfile

from openpyxl import load_workbook
from playwright.sync_api import sync_playwright
from screenshots import ARGS, OUT, PASSWORD

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def upload(page, path: str) -> None:
    page.goto(f"{BASE}/importar/")
    page.locator("#id_plantilla").select_option("personas")
    page.locator("#id_archivo").set_input_files(path)
    page.get_by_role("button", name="Subir y revisar").click()
    page.wait_for_url(f"{BASE}/importar/*/")
    page.wait_for_function("!document.querySelector('#batch[hx-get]')", timeout=60000)  # finished


def main() -> None:
    sample = os.path.join(tempfile.mkdtemp(), "personas_zacapa.xlsx")
    subprocess.run([sys.executable, "manage.py", "import_template", "personas", sample, "--muestra"], cwd=ROOT,
                   check=True, capture_output=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-GT")
        page.goto(f"{BASE}/cuenta/ingresar/")
        page.get_by_label("Nombre de usuario").fill("delegada.zacapa")
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Ingresar").click()
        page.wait_for_url(f"{BASE}/")
        upload(page, sample)
        page.screenshot(path=f"{OUT}/41-importacion-con-errores.png", full_page=True)
        with page.expect_download() as download:
            page.get_by_role("button", name="Descargar informe de errores").click()
        report = os.path.join(os.path.dirname(sample), "errores.xlsx")
        download.value.save_as(report)
        book = load_workbook(report)
        sheet = book["Datos"]
        sheet["H5"] = None  # the mistyped CUI: leave it empty
        sheet["K7"] = "Español"  # "Klingon"
        book.save(report)
        upload(page, report)
        page.screenshot(path=f"{OUT}/42-importacion-corregida.png", full_page=True)
        page.goto(f"{BASE}/importar/")
        page.screenshot(path=f"{OUT}/40-importar.png", full_page=True)
        browser.close()
    print(f"Capturas en {OUT}")


if __name__ == "__main__":
    main()
