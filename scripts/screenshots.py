#!/usr/bin/env python
"""Screenshots of the pages as a user sees them (headless Debian chromium), for the README
and for reviewing the UI: `python scripts/screenshots.py [BASE_URL]`.

Needs a running server with the demo data (`make run`). Logs in as the Zacapa officer
(a scoped departmental account) and saves PNGs in docs/screenshots/."""

import datetime as dt
import os
import sys

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "screenshots")
USER, PASSWORD = "delegada.zacapa", "Tejido-Demo-2026"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def officer_session(p, base: str):
    """Chromium logged in as the Zacapa officer: (browser, context, page) on the home page."""
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-GT")
    page = context.new_page()
    page.goto(f"{base}/cuenta/ingresar/")
    page.get_by_label("Nombre de usuario").fill(USER)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(f"{base}/")
    return browser, context, page


def main() -> None:
    os.makedirs(OUT, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-GT")
        page.goto(f"{BASE}/cuenta/ingresar/")
        page.screenshot(path=f"{OUT}/01-ingreso.png")
        page.get_by_label("Nombre de usuario").fill(USER)
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Ingresar").click()
        page.wait_for_url(f"{BASE}/")
        page.screenshot(path=f"{OUT}/02-inicio-delegada.png", full_page=True)
        page.goto(f"{BASE}/personas/?q=mari")
        page.screenshot(path=f"{OUT}/03-busqueda-personas.png", full_page=True)
        page.locator("#results a").first.click()
        page.screenshot(path=f"{OUT}/04-persona-360.png", full_page=True)
        page.goto(f"{BASE}/personas/nueva/")
        page.get_by_label("Nombres").fill("Ángela")
        page.get_by_label("Primer apellido").fill("Sagastume")
        page.get_by_label("CUI (DPI)").fill("1234567801901")
        page.get_by_role("button", name="Guardar").click()
        page.locator("#id_cui_error").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/05-error-cui.png", full_page=True)
        page.goto(f"{BASE}/centros/")
        page.screenshot(path=f"{OUT}/06-centros.png", full_page=True)
        page.goto(f"{BASE}/personas/1/")
        page.screenshot(path=f"{OUT}/07-fuera-de-alcance.png")
        page.goto(f"{BASE}/primera-infancia/")
        page.screenshot(path=f"{OUT}/08-primera-infancia.png", full_page=True)
        page.locator("table.data a").first.click()
        page.screenshot(path=f"{OUT}/09-centro-ninos.png", full_page=True)
        page.get_by_role("link", name="Nutrición").first.click()
        page.screenshot(path=f"{OUT}/10-nutricion-curvas.png", full_page=True)
        page.goto(f"{BASE}/primera-infancia/cifras/")
        page.screenshot(path=f"{OUT}/11-cifras-programa.png", full_page=True)
        for name, url in [
            ("12-adulto-mayor-cifras", "/adulto-mayor/cifras/"),
            ("13-mujer-inicio", "/mujer/"),
            ("14-mujer-capacitaciones", "/mujer/capacitaciones/"),
            ("15-mujer-cifras", "/mujer/cifras/"),
            ("16-servicio-social", "/servicio-social/"),
            ("17-existencias", "/servicio-social/existencias/"),
            ("18-servicio-social-cifras", "/servicio-social/cifras/"),
            ("19-migrantes-recepciones", "/migrantes/"),
            ("20-migrantes-cifras", "/migrantes/cifras/"),
            ("21-informe-anual", f"/informes/?informe=annual&tipo=anio&anio={dt.date.today().year}&graficas=1"),
            ("24-tablero", "/tableros/"),
            ("25-consistencia", "/informes/consistencia/"),
            ("26-desagregar", "/informes/desagregar/?programa=childcare&dimension=age_group&lugar=residence"),
            ("28-derivaciones", "/derivaciones/?estado=todas"),
            ("29-donaciones", "/donaciones/"),
            ("30-albergues", "/albergues/"),
            ("31-convenios", "/convenios/"),
            ("45-duplicados", "/duplicados/"),
            ("55-exportar-personas", "/personas/?q=mar&sex=F"),
            ("57-exportar-derivaciones", "/derivaciones/?estado=todas"),
        ]:
            page.goto(f"{BASE}{url}")
            page.screenshot(path=f"{OUT}/{name}.png", full_page=True)
        # The public transparency portal (the same for everyone; here seen by the Zacapa officer).
        year = dt.date.today().year
        for name, query in [("50-transparencia", f"programa=elderly&departamento=&tipo=anio&anio={year}"),
                            ("51-transparencia-departamento", f"programa=&departamento=19&tipo=anio&anio={year}")]:
            page.goto(f"{BASE}/transparencia/?{query}")
            page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=f"{OUT}/{name}.png", full_page=True)
        page.goto(f"{BASE}/servicio-social/")
        page.locator("table.data a").first.click()
        page.screenshot(path=f"{OUT}/22-solicitud.png", full_page=True)
        # Drill-down: a count of the annual report opens the records behind it.
        page.goto(f"{BASE}/informes/?informe=annual&tipo=anio&anio={dt.date.today().year}")
        page.locator("#childcare\\.talks_by_center tbody a").first.click()
        page.screenshot(path=f"{OUT}/32-registros-detras-de-la-cifra.png", full_page=True)
        page.goto(f"{BASE}/informes/?informe=annual&tipo=anio&anio={dt.date.today().year}")
        page.locator("#elderly\\.care_by_department tbody a").nth(2).click()
        page.screenshot(path=f"{OUT}/33-personas-detras-de-la-cifra.png", full_page=True)
        page.goto(f"{BASE}/duplicados/")
        page.get_by_role("link", name="Revisar", exact=True).first.click()
        page.screenshot(path=f"{OUT}/46-duplicado-par.png", full_page=True)
        # The fast entry of a returned family needs a reception center in scope: national program staff.
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="es-GT")
        page.goto(f"{BASE}/cuenta/ingresar/")
        page.get_by_label("Nombre de usuario").fill("central.hogares")
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Ingresar").click()
        page.wait_for_url(f"{BASE}/")
        page.goto(f"{BASE}/migrantes/nueva/")
        page.screenshot(path=f"{OUT}/23-migrantes-registro-rapido.png", full_page=True)
        page.goto(f"{BASE}/planificacion/")
        page.screenshot(path=f"{OUT}/27-plan-metas.png", full_page=True)
        browser.close()
    print(f"Capturas en {OUT}")


if __name__ == "__main__":
    main()
