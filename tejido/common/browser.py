"""Browser-test pieces every app shares: Debian's chromium driven by Playwright (fixtures
`browser` and `page`, registered in tejido/conftest.py) and `login` through the real form."""

import os
import shutil

import pytest

from .testing import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI", "").lower() in {"1", "true"}:
            pytest.fail("CI: falta chromium (apt-get install chromium)")
        pytest.skip("chromium no está instalado")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="es-GT")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/cuenta/ingresar/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Ingresar").click()
    page.wait_for_url(f"{base}/")


def open_menu(page, name: str) -> None:
    """Open a drop-down of the main menu ("Programas", "Cifras") before clicking one of its links."""
    page.locator("header.site summary", has_text=name).click()
