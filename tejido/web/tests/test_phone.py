"""Issue 16 item 1: every page of the menu, for every role, on a 360 × 740 phone.

The document may never be wider than the screen (wide tables scroll inside their own box), and
every menu entry can be reached: open «Menú», open its drop-down, and the link is on screen."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tejido.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DEMO_USERS = ["admin", "central.hogares", "delegada.zacapa", "digitadora.cadi", "planificacion", "auditor",
              "proteccion"]

# Each menu link: its text, the drop-down it sits in (None: the menu itself) and its address.
MENU_LINKS = """() => [...document.querySelectorAll('#menu-principal a[href]')].map(a => {
    const dropdown = a.closest('details.dropdown');
    return [a.textContent.trim(), dropdown ? dropdown.querySelector('summary').textContent.trim() : null,
            a.getAttribute('href')];
})"""
TOO_WIDE = """() => [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > document.documentElement.clientWidth + 1
        && !el.closest('table, .scroll');
}).slice(0, 3).map(el => el.tagName + '.' + el.className)"""


# A one-word table heading whose text runs over more than one line: the word was broken letter by
# letter (overflow-wrap: anywhere reached the table, which then fit the screen by breaking words).
BROKEN_WORDS = """() => [...document.querySelectorAll('main th')].filter(th => {
    const text = th.textContent.trim();
    if (!text || /\\s/.test(text)) { return false; }
    const range = document.createRange();
    range.selectNodeContents(th);
    const boxes = [...range.getClientRects()].filter(r => r.width > 0);
    // two boxes one wholly below the other: more than one line (an <abbr> and its text overlap)
    return boxes.some(a => boxes.some(b => b.top >= a.bottom - 1));
}).map(th => th.textContent.trim())"""


def _login(page, base, username):
    from tejido.demo.loader import DEMO_PASSWORD

    page.goto(f"{base}/cuenta/ingresar/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    user = User.objects.get(username=username)
    if user.needs_second_factor:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Tejido", confirmed=True)
        page.wait_for_url("**/cuenta/verificacion/**")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=6)
        page.get_by_label("Código de 6 dígitos").fill(f"{code:06d}")
        page.get_by_role("button", name="Verificar").click()
    page.wait_for_url(f"{base}/")


def _reach(page, text, dropdown):
    """Open the folded menu (and the drop-down) and check the entry is on the phone's screen."""
    page.locator("label.menu-button").click()
    if dropdown:
        page.locator("#menu-principal summary", has_text=dropdown).click()
    link = page.locator("#menu-principal a", has_text=text).first
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    return link.is_visible() and box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_every_menu_page_fits_a_phone_for_every_role(browser, live_server, territory):
    from tejido.demo.loader import load_demo

    load_demo(families=40)
    base = live_server.url
    problems, visited, public_seen = [], 0, set()
    for username in DEMO_USERS:
        context = browser.new_context(locale="es-GT", viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(60000)  # the portal builds its figures on the first visit
        _login(page, base, username)
        assert page.locator("#menu-principal").is_hidden(), "on a phone the menu starts folded"
        for text, dropdown, href in page.evaluate(MENU_LINKS):
            if href.startswith("/api/"):
                continue  # the API's interactive docs are for programmers at a desk
            page.goto(f"{base}/")
            if not _reach(page, text, dropdown):
                problems.append(f"{username}: «{text}» no se alcanza en el menú")
            if href.startswith("/transparencia/"):
                if href in public_seen:
                    continue  # the same public page for everyone
                public_seen.add(href)
            response = page.goto(base + href)
            visited += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{username} {href}: {width} px de ancho {page.evaluate(TOO_WIDE)}")
            if broken := page.evaluate(BROKEN_WORDS):
                problems.append(f"{username} {href}: encabezados partidos letra por letra {broken}")
            if response.status >= 400:  # a menu must not offer what the role may not open
                problems.append(f"{username} {href}: {response.status}")
        context.close()
    assert visited > 60
    assert problems == [], "\n".join(problems)


def test_the_field_forms_fit_a_phone(browser, live_server, territory):
    """Not in the menu but typed on the phone every day: the day's roll, a child's nutrition page
    with its screening form and charts, a new person, and the returned-family reception (a wide
    members table inside a fieldset once pushed that page to 1,010 px)."""
    from tejido.demo.loader import load_demo
    from tejido.programs.models import Enrolment

    load_demo(families=20)
    base = live_server.url
    enrolment = Enrolment.objects.filter(program="childcare", center__municipality__department__name="Zacapa",
                                         end__isnull=True).first()
    pages = {"delegada.zacapa": [f"/primera-infancia/centros/{enrolment.center_id}/asistencia/",
                                 f"/primera-infancia/inscripciones/{enrolment.pk}/nutricion/", "/personas/nueva/"],
             "central.hogares": ["/migrantes/nueva/"]}
    problems = []
    for username, paths in pages.items():
        # No service worker: it keeps these pages for offline use with requests of its own that could
        # still be running against the test database when the test ends (SQLite: «table is locked»).
        context = browser.new_context(locale="es-GT", viewport=PHONE, service_workers="block")
        page = context.new_page()
        _login(page, base, username)
        for path in paths:
            assert page.goto(base + path).status == 200, path
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{username} {path}: {width} px de ancho {page.evaluate(TOO_WIDE)}")
            if broken := page.evaluate(BROKEN_WORDS):
                problems.append(f"{username} {path}: encabezados partidos letra por letra {broken}")
        context.close()
    assert problems == [], "\n".join(problems)


def test_on_a_desktop_the_menu_is_open_and_the_menu_button_hidden(browser, live_server, people):
    """The phone's «Menú» button must not show on a wide screen (Pico's `[type=checkbox]~label`
    once outranked the rule hiding it: a stray «Menú» in every desktop header)."""
    context = browser.new_context(locale="es-GT", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    from tejido.common.testing import PASSWORD

    page.goto(f"{live_server.url}/cuenta/ingresar/")
    page.get_by_label("Nombre de usuario").fill("zacapa1")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("label.menu-button").is_hidden()
    assert page.locator("#menu-principal").is_visible()
    context.close()
