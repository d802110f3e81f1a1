#!/usr/bin/env python
"""Screenshots 83-84 of the transparency portal's new people tables: `python
scripts/screenshots_session19.py [BASE_URL]`.

Needs a running server with the demo data published (`make run`, or `manage.py portal_publish`).
As any visitor, without login, on a 360 px phone: 83 the daycare program's caregivers by who pays
them, nationally (counts under 5 shown as «<5», the monthly amounts left out); 84 Zacapa's page:
its talks by center (a count another cell would give away shown as «*»)."""

import datetime as dt
import sys

from playwright.sync_api import sync_playwright
from screenshots import ARGS, OUT
from screenshots_phone import PHONE

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"


def main() -> None:
    year = dt.date.today().year
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                    locale="es-GT")
        page = phone.new_page()
        for name, query, table in [
                ("83-transparencia-cuidadoras-telefono", f"programa=childcare&departamento=&tipo=anio&anio={year}",
                 "childcare.caregivers_by_payer"),
                ("84-transparencia-zacapa-charlas-telefono",
                 f"programa=childcare&departamento=19&tipo=anio&anio={year}", "childcare.other_talks")]:
            page.goto(f"{BASE}/transparencia/?{query}")
            section = page.locator(f"section[id='{table}']")
            section.scroll_into_view_if_needed()
            section.screenshot(path=f"{OUT}/{name}.png")
            print(f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
