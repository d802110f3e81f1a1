"""In a real browser: a double click on «Guardar» of the person form registers one person."""

import re
import time

import pytest

from tejido.common.browser import login
from tejido.registry import services
from tejido.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_double_click_on_save_registers_one_person(page, live_server, people, monkeypatch):
    # A slow save (as on a busy server) so that the second click arrives while the first is working.
    original = services.person_create

    def slow_create(**kwargs):
        person = original(**kwargs)
        time.sleep(0.6)
        return person

    monkeypatch.setattr(services, "person_create", slow_create)
    login(page, live_server.url, "zacapa1")
    page.goto(f"{live_server.url}/personas/nueva/")
    page.get_by_label("Nombres").fill("Ángela María")
    page.get_by_label("Primer apellido").fill("Sagastume")
    page.get_by_label("Sexo").select_option("F")
    page.locator("#id_birth_date").fill("1992-03-14")
    page.get_by_label("Municipio de residencia").select_option(str(1901))
    # Two clicks 150 ms apart, as an impatient user does (Playwright's own click would wait for the page).
    page.get_by_role("button", name="Guardar").evaluate("b => { b.click(); setTimeout(() => b.click(), 150); }")
    for _ in range(150):  # not wait_for_url: the first click's navigation is aborted by the second, on purpose
        if re.search(r"/personas/\d+/$", page.url):
            break
        page.wait_for_timeout(100)
    page.wait_for_load_state("networkidle")
    assert Person.objects.filter(first_surname="Sagastume").count() == 1
    person = Person.objects.get(first_surname="Sagastume")
    assert page.url.endswith(f"/personas/{person.pk}/")
    # the page the browser kept is the answer to the second POST: the token sent it to the first's record
    # (without the token, the duplicate warning would show the form again instead)
    assert "Este formulario ya se guardó; no se registró otra vez." in page.content()
