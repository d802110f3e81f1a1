#!/usr/bin/env python
"""Screenshots 65-67 as the Zacapa officer: `python scripts/screenshots_session13.py [BASE_URL]`.

Needs a running server with the demo data (`make run`). 65: a monthly income report typed for a
woman and month that already has one: the form shows the stored report, who saved it, and the
«Reemplazar» box instead of overwriting it. 66: the same page after ticking the box: replaced.
67: a duplicate pair decided in one tab (rejected) and merged from a second, stale tab: refused,
saying who decided it and when.
"""

import os
import subprocess
import sys

from playwright.sync_api import sync_playwright
from screenshots import OUT, officer_session

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIND = ("from tejido.women.models import IncomeReport; from tejido.dedup.models import DuplicateCandidate as C; "
        "r = IncomeReport.objects.filter(department_id=19).order_by('-month').first(); "
        "c = C.objects.filter(status='pending', person_a__department_id=19, person_b__department_id=19).first(); "
        "print(r.person_id, f'{r.month:%Y-%m}', c.pk)")


def main() -> None:
    person, month, pair = subprocess.run([sys.executable, "manage.py", "shell", "-c", FIND], cwd=ROOT, check=True,
                                         capture_output=True, text=True).stdout.strip().splitlines()[-1].split()
    with sync_playwright() as p:
        browser, context, page = officer_session(p, BASE)

        page.goto(f"{BASE}/mujer/ingresos/")
        page.locator("summary", has_text="Registrar reporte mensual").click()
        page.locator("#id_person_id").fill(person)
        page.locator("#id_month").fill(month)
        page.locator("#id_own_sales").fill("1800.00")
        page.get_by_role("button", name="Guardar reporte").click()
        page.wait_for_load_state()
        page.screenshot(path=f"{OUT}/65-ingresos-ya-existe.png", full_page=True)
        page.get_by_label("Reemplazar el registro existente").check()
        page.get_by_role("button", name="Guardar reporte").click()
        page.wait_for_load_state()
        page.screenshot(path=f"{OUT}/66-ingresos-reemplazado.png", full_page=True)

        pair_url = f"{BASE}/duplicados/{pair}/"
        page.goto(pair_url)
        stale = context.new_page()  # a second tab, opened before the decision
        stale.goto(pair_url)
        page.locator("#id_reason").fill("Son hermanas: distinta fecha de nacimiento")
        page.get_by_role("button", name="Rechazar el par").click()
        page.wait_for_load_state()
        stale.get_by_role("button", name="Fusionar").click()
        stale.wait_for_load_state()
        stale.screenshot(path=f"{OUT}/67-duplicado-ya-decidido.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
