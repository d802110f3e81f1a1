"""Issue 16 item 4, "typing fast and right", in a real browser: a typist enters a returned family
of five with the keyboard at about 40 words a minute (60–80 ms a key, short pauses between
fields) and the family is saved in under 40 s. The measured time goes to bench/results/field_entry.md.

Also: the municipality picker ignores accents and case, Enter in the family table adds a row and
never saves, and the first field has the focus when the page opens."""

import datetime as dt
import os
import random
import time
from pathlib import Path

import pytest

from tejido.accounts.models import Role
from tejido.common.browser import login
from tejido.common.testing import make_center, make_user
from tejido.migrants.models import Reception
from tejido.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESULT = Path(__file__).resolve().parents[3] / "bench" / "results" / "field_entry.md"
LIMIT_SECONDS = 40

FAMILY = [  # given names, first surname, second surname, sex key, age, relationship key (None: as preset)
    ("Rosa Amelia", "Caal", "Xol", "m", "34", None),  # row 1 is preset to «Jefe/a de hogar»
    ("Juan Carlos", "Choc", "Pop", "h", "36", "c"),  # «Cónyuge o pareja»
    ("Ana María", "Choc", "Caal", "m", "12", None),  # the other rows are preset to «Hijo/a»
    ("Luis", "Choc", "Caal", "h", "7", None),
    ("Sofía", "Choc", "Caal", "m", "2", None),
]


class Typist:
    """About 40 words a minute: 60–80 ms a key, a short pause before each field."""

    def __init__(self, page, seed=16):
        self.page, self.rng, self.keys = page, random.Random(seed), 0

    def pause(self):
        self.page.wait_for_timeout(self.rng.randint(150, 350))

    def type(self, text):
        self.pause()
        for char in text:
            self.page.keyboard.type(char, delay=0)
            self.page.wait_for_timeout(self.rng.randint(60, 80))
            self.keys += 1

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.page.wait_for_timeout(self.rng.randint(60, 80))
            self.keys += 1


def focused(page) -> str:
    return page.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.name)")


def test_a_typist_enters_a_returned_family_of_five_in_under_40_seconds(page, live_server, territory):
    make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, Fuerza Aérea Guatemalteca")
    make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[1])
    base = live_server.url
    login(page, base, "guate1")
    typist = Typist(page)

    started = time.monotonic()
    page.goto(f"{base}/migrantes/nueva/")
    assert focused(page) == "id_date"  # the first field, not the menu
    while focused(page) == "id_date":  # the date is preset to today: Tab over its day, month and year
        typist.press("Tab")
    assert focused(page) == "id_center"  # the only center is preset: on to the arrival (preset «Aérea»)
    typist.press("Tab")
    typist.press("Tab")  # «Retorna de»: first radio, then the arrow checks «Estados Unidos»
    typist.press("ArrowRight")
    typist.press("Tab")  # «Otro país»
    typist.press("Tab")
    assert focused(page) == "id_destination_municipality-buscar"
    typist.type("cuil")  # Cuilco, Huehuetenango: no accent, lower case
    typist.press("Enter")  # chosen; on to the first member
    assert focused(page) == "id_m-0-given_names"
    for row, (given, first, second, sex, age, relationship) in enumerate(FAMILY):
        assert focused(page) == f"id_m-{row}-given_names"
        typist.type(given)
        typist.press("Tab")
        typist.type(first)
        typist.press("Tab")
        typist.type(second)
        typist.press("Tab")
        typist.type(sex)
        typist.press("Tab")
        typist.type(age)
        if relationship:
            for _ in range(5):  # over the birth date (day, month, year): chromium tabs through each part
                typist.press("Tab")
                if focused(page) == f"id_m-{row}-relationship":
                    break
            typist.type(relationship)
        typist.press("Enter")  # the next row (never saves)
    assert Reception.objects.count() == 0
    page.get_by_label("Kit de higiene", exact=True).check()
    page.get_by_label("Transporte", exact=True).check()
    page.get_by_role("button", name="Guardar unidad familiar").click()
    page.get_by_text("Unidad familiar registrada: 5 integrantes.").wait_for()
    elapsed = time.monotonic() - started

    reception = Reception.objects.get()
    assert reception.destination_municipality.name == "Cuilco"
    members = list(reception.members.select_related("person").order_by("position"))
    assert [(m.person.given_names, m.person.sex, m.age_years, m.relationship) for m in members] == [
        ("Rosa Amelia", "F", 34, "jefe"), ("Juan Carlos", "M", 36, "conyuge"), ("Ana María", "F", 12, "hijo"),
        ("Luis", "M", 7, "hijo"), ("Sofía", "F", 2, "hijo")]
    assert Person.objects.count() == 5
    assert elapsed < LIMIT_SECONDS, f"{elapsed:.1f} s"
    if os.environ.get("TEJIDO_WRITE_BENCH", "1") == "1":
        RESULT.write_text(f"""# Entrada de una familia migrante retornada con el teclado (issue 16, punto 4)

Prueba: `tejido/migrants/tests/test_field_entry.py` (Playwright con el chromium de Debian, servidor
de pruebas de Django con SQLite, máquina de 2 CPU compartida con otras pruebas).

Método: una persona que escribe a unas 40 palabras por minuto: cada tecla con 60–80 ms de espera,
una pausa de 150–350 ms antes de cada campo; solo teclado (Tab, flechas, Enter) salvo las casillas
de atención y el botón «Guardar». Desde abrir `/migrantes/nueva/` (el foco ya está en la fecha) hasta
ver «Unidad familiar registrada: 5 integrantes.»: país con la flecha, destino escribiendo «cuil» +
Enter, cinco integrantes (nombres, dos apellidos, sexo con una letra, edad, parentesco) y Enter
después de cada fila. En chromium la fecha tiene tres partes (día, mes, año) y Tab pasa por cada una:
por eso salir de la fecha de recepción o pasar sobre la fecha de nacimiento cuesta tres Tab.

| Medida | Valor |
|---|---|
| Teclas | {typist.keys} |
| Tiempo total | **{elapsed:.1f} s** (límite {LIMIT_SECONDS} s) |
| Carga de la máquina al terminar (promedio de 1 min, 2 CPU) | {os.getloadavg()[0]:.1f} |
| Fecha | {dt.date.today():%d/%m/%Y} |
""", encoding="utf-8")


def test_pickers_ignore_accents_and_enter_adds_a_row_without_saving(page, live_server, territory):
    make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados")
    make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[1])
    base = live_server.url
    login(page, base, "guate1")
    page.goto(f"{base}/migrantes/nueva/")
    box = page.locator("#id_destination_municipality-buscar")
    destination = page.locator("#id_destination_municipality")
    for typed, expected in [("quiche", "Quiché"), ("CUIL", "Cuilco"), ("san jose pinula", "San José Pinula")]:
        box.fill(typed)
        chosen = destination.evaluate("s => s.options[s.selectedIndex].textContent")
        assert expected in chosen, (typed, chosen)
        shown = destination.evaluate("s => [...s.options].filter(o => o.value).map(o => o.textContent)")
        assert shown and all(typed.split()[0][:4].lower() in t.lower().replace("é", "e") for t in shown)
    box.fill("zzzz")
    assert page.get_by_text("Ningún elemento de la lista coincide con lo escrito.").is_visible()
    box.fill("")

    rows = page.locator("tr[id^=fila-]")
    assert rows.count() == 6
    page.locator("#id_m-5-given_names").fill("Pedro")
    page.locator("#id_m-5-given_names").press("Enter")
    assert rows.count() == 7
    assert focused(page) == "id_m-6-given_names"
    assert page.locator("#id_m-TOTAL_FORMS").input_value() == "7"
    assert page.locator("#id_m-6-relationship").input_value() == "hijo"
    assert page.get_by_label("Nombres, integrante 7", exact=True).count() == 1
    page.locator("#id_date").press("Enter")  # outside the table: nothing happens
    assert page.url.endswith("/migrantes/nueva/") and Reception.objects.count() == 0
    # the draft of the page keeps the added row: back on the page, seven rows, the 7th typed in
    page.locator("#id_m-6-given_names").fill("Tomás")
    page.wait_for_timeout(700)
    page.reload()
    assert rows.count() == 7 and page.locator("#id_m-6-given_names").input_value() == "Tomás"
    assert page.locator("#id_m-TOTAL_FORMS").input_value() == "7"


PHONE = {"width": 360, "height": 740}
TOO_WIDE = """() => [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > document.documentElement.clientWidth + 1 && !el.closest('table, .scroll');
}).slice(0, 3).map(el => el.tagName + '.' + el.className + '#' + el.id)"""


def test_the_entry_pages_with_pickers_fit_a_phone(browser, live_server, territory):
    make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, Fuerza Aérea Guatemalteca")
    make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[1])
    context = browser.new_context(locale="es-GT", viewport=PHONE)
    page = context.new_page()
    base = live_server.url
    login(page, base, "guate1")
    for path in ("/migrantes/nueva/", "/personas/nueva/", "/servicio-social/solicitudes/nueva/"):
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (path, page.evaluate(TOO_WIDE))
    page.goto(base + "/migrantes/nueva/")
    box = page.locator("#id_destination_municipality-buscar").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    context.close()
