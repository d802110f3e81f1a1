#!/usr/bin/env python
"""Screenshots of issue 16 items 7 and 10 as the Zacapa officer: `python scripts/screenshots_print.py [BASE_URL]`.

Needs a running server with the demo data (`make run`). The four print pages as they print
(print media, A4 width): the monthly roll sheet of a CADI, a child's growth card, a migrant
reception record and the delivery record of a donation (16-imprimir-*.png); and the nutrition
form asking to confirm a height of 9.3 cm (16-medida-improbable.png)."""

import os
import subprocess
import sys

from playwright.sync_api import sync_playwright
from screenshots import OUT, officer_session

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIND = (
    "from django.db.models import Count, Q; from tejido.programs.models import Enrolment; "
    "from tejido.migrants.models import Reception; from tejido.donations.models import Donation; "
    "e = Enrolment.objects.filter(program='childcare', department_id=19, end__isnull=True); "
    "center = e.values('center_id').annotate(n=Count('id')).order_by('-n')[0]['center_id']; "
    "child = e.annotate(n=Count('person__screenings')).order_by('-n', 'id')[0].pk; "
    "r = Reception.objects.filter(Q(department_id=19) | Q(destination_department_id=19)).annotate("
    "n=Count('members')).order_by('-n', 'id')[0].pk; "
    "d = Donation.objects.filter(department_id=19).annotate(n=Count('items__distributions'))"
    ".order_by('-n', 'id')[0].pk; "
    "print(center, child, r, d)"
)
A4_WIDTH = 794  # 210 mm at 96 px per inch


def main() -> None:
    found = subprocess.run([sys.executable, "manage.py", "shell", "-c", FIND], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.strip().splitlines()[-1]
    center, child, reception, donation = found.split()
    with sync_playwright() as p:
        browser, context, page = officer_session(p, BASE)
        page.goto(f"{BASE}/primera-infancia/inscripciones/{child}/nutricion/")
        page.locator("summary", has_text="Registrar tamizaje").click()
        page.locator("#id_weight_kg").fill("12.0")
        page.locator("#id_height_cm").fill("9.3")
        page.get_by_role("button", name="Guardar tamizaje").click()
        page.wait_for_load_state()
        page.locator(".confirm-measure").scroll_into_view_if_needed()
        page.screenshot(path=f"{OUT}/16-medida-improbable.png", full_page=True)

        page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
        for name, url in [
            ("16-imprimir-lista-mensual", f"/primera-infancia/centros/{center}/asistencia/imprimir/"),
            ("16-imprimir-carne-crecimiento", f"/primera-infancia/inscripciones/{child}/nutricion/imprimir/"),
            ("16-imprimir-ficha-recepcion", f"/migrantes/{reception}/imprimir/"),
            ("16-imprimir-acta-entrega", f"/donaciones/{donation}/imprimir/"),
        ]:
            page.goto(f"{BASE}{url}")
            page.emulate_media(media="print")
            page.screenshot(path=f"{OUT}/{name}.png", full_page=True)
            page.emulate_media(media="screen")
        browser.close()


if __name__ == "__main__":
    main()
