#!/usr/bin/env python
"""Screenshots 61-64 as the Zacapa officer: `python scripts/screenshots_session12.py [BASE_URL]`.

Needs a running server with the demo data (`make run`). 61: the new household edit page. 62: the
same household saved from a stale copy (two tabs): the conflict message with the differences.
63: the shelter table with its export links. 64: the public portal, with the publication date.
"""

import os
import subprocess
import sys

from playwright.sync_api import sync_playwright
from screenshots import OUT, officer_session

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOUSEHOLD = ("from tejido.registry.models import Household; "
             "print(Household.objects.filter(department_id=19).order_by('id').values_list('id', flat=True)[0])")


def main() -> None:
    household = subprocess.run([sys.executable, "manage.py", "shell", "-c", HOUSEHOLD], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip().splitlines()[-1]
    with sync_playwright() as p:
        browser, context, page = officer_session(p, BASE)
        edit = f"{BASE}/hogares/{household}/modificar/"
        page.goto(edit)
        page.screenshot(path=f"{OUT}/61-hogar-modificar.png", full_page=True)
        other = context.new_page()  # a second tab: the same form, loaded before the first save
        other.goto(edit)
        page.locator("#id_address").fill("Barrio El Centro, casa 12")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state()
        other.locator("#id_address").fill("Aldea La Trinidad")
        other.locator("form button[type=submit]").last.click()
        other.wait_for_load_state()
        other.screenshot(path=f"{OUT}/62-hogar-conflicto.png", full_page=True)
        page.goto(f"{BASE}/albergues/cuadro/")
        page.screenshot(path=f"{OUT}/63-albergues-cuadro-exportar.png", full_page=True)
        page.goto(f"{BASE}/transparencia/")
        page.screenshot(path=f"{OUT}/64-transparencia-publicada.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
