#!/usr/bin/env python
"""Screenshots 43-44 of the bulk import as the Zacapa officer: `python scripts/screenshots_imports2.py [BASE_URL]`.

Like scripts/screenshots_imports.py: needs a running server with the demo data (`make run`).
43: the import page with every template. 44: a «Hogares» file whose second household has no
head, rejected with the error on its rows."""

import os
import subprocess
import sys
import tempfile

from openpyxl import Workbook
from playwright.sync_api import sync_playwright
from screenshots import ARGS, OUT, PASSWORD

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEOPLE = ("from tejido.registry.models import Person; "
          "print(*Person.objects.filter(department_id=19).order_by('id').values_list('id', flat=True)[:4])")


def households_file() -> str:
    """Two households of demo people of Zacapa; the second one has no head."""
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", PEOPLE], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip().splitlines()[-1].split()
    a, b, c, d = out[:4]
    book = Workbook()
    sheet = book.active
    sheet.title = "Datos"
    sheet.append(["Código de hogar", "Nombre del hogar", "Municipio", "Dirección",
                  "Persona (CUI o número de registro)", "Parentesco", "Desde"])
    sheet.append(["H-101", "Familia del barrio El Centro", "1901 - Zacapa (Zacapa)", "Barrio El Centro", a, "Jefa",
                  ""])
    sheet.append(["H-101", "Familia del barrio El Centro", "1901 - Zacapa (Zacapa)", "", b, "Hija", ""])
    sheet.append(["H-102", "Familia de la aldea", "1901", "", c, "Hijo", ""])
    sheet.append(["H-102", "Familia de la aldea", "1901", "", d, "Nieta", ""])
    path = os.path.join(tempfile.mkdtemp(), "hogares_zacapa.xlsx")
    book.save(path)
    return path


def main() -> None:
    path = households_file()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-GT")
        page.goto(f"{BASE}/cuenta/ingresar/")
        page.get_by_label("Nombre de usuario").fill("delegada.zacapa")
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Ingresar").click()
        page.wait_for_url(f"{BASE}/")
        page.goto(f"{BASE}/importar/")
        page.screenshot(path=f"{OUT}/43-importar-plantillas.png", full_page=True)
        page.locator("#id_plantilla").select_option("hogares")
        page.locator("#id_archivo").set_input_files(path)
        page.get_by_role("button", name="Subir y revisar").click()
        page.wait_for_url(f"{BASE}/importar/*/")
        page.wait_for_selector("#batch:not([hx-get])", timeout=60000)  # finished (no more polling)
        page.screenshot(path=f"{OUT}/44-importacion-hogares-sin-jefe.png", full_page=True)
        browser.close()
    print(f"Capturas en {OUT}")


if __name__ == "__main__":
    main()
