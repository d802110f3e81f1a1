"""Issue 16 item 3, nothing typed is lost: the idle warning with «Seguir trabajando», and a form
submitted after the session ended comes back filled in after logging in again."""

import re

import pytest
from django.contrib.sessions.models import Session

from tejido.common.browser import login
from tejido.common.testing import PASSWORD, valid_cui
from tejido.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_person(page, cui):
    page.get_by_label("Nombres").fill("Rosa Amelia")
    page.get_by_label("Primer apellido").fill("Xitumul")
    page.get_by_label("Segundo apellido").fill("Coc")
    page.get_by_label("Sexo").select_option("F")
    page.locator("#id_birth_date").fill("1988-02-11")
    page.get_by_label("CUI (DPI)").fill(cui)
    page.get_by_label("Municipio de residencia").select_option("1901")


def test_a_form_sent_after_the_session_ended_comes_back_filled_in(page, live_server, people):
    base = live_server.url
    login(page, base, "zacapa1")
    page.goto(f"{base}/personas/nueva/")
    cui = valid_cui(1901)
    _fill_person(page, cui)
    page.wait_for_timeout(600)  # the draft is kept a moment after the last key
    Session.objects.all().delete()  # the session ends while the officer types

    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url(re.compile(r"/cuenta/ingresar/\?next=/personas/nueva/"))
    assert not Person.objects.filter(first_surname="Xitumul").exists()
    page.get_by_label("Nombre de usuario").fill("zacapa1")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()

    page.wait_for_url(f"{base}/personas/nueva/")
    assert page.get_by_label("Nombres").input_value() == "Rosa Amelia"
    assert page.get_by_label("Segundo apellido").input_value() == "Coc"
    assert page.get_by_label("CUI (DPI)").input_value() == cui
    assert page.get_by_label("Sexo").input_value() == "F"
    assert page.get_by_label("Municipio de residencia").input_value() == "1901"
    assert "Se recuperó lo que escribió" in page.locator(".draft-notice").inner_text()

    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url(re.compile(r"/personas/\d+/$"))
    assert Person.objects.filter(first_surname="Xitumul", cui=cui).count() == 1
    # saved: the draft is gone
    page.goto(f"{base}/personas/nueva/")
    assert page.get_by_label("Nombres").input_value() == ""
    assert page.locator(".draft-notice").count() == 0


def test_a_draft_is_kept_across_a_closed_page_and_can_be_discarded(page, live_server, people):
    base = live_server.url
    login(page, base, "zacapa1")
    page.goto(f"{base}/personas/nueva/")
    page.get_by_label("Nombres").fill("Tomasa")
    page.wait_for_timeout(600)
    page.goto(f"{base}/")  # the officer leaves without saving
    page.goto(f"{base}/personas/nueva/")
    assert page.get_by_label("Nombres").input_value() == "Tomasa"
    page.get_by_role("button", name="Descartar lo recuperado").click()
    page.wait_for_load_state("load")
    assert page.get_by_label("Nombres").input_value() == ""


def test_logging_out_forgets_the_drafts_on_this_phone(page, live_server, people):
    base = live_server.url
    login(page, base, "zacapa1")
    page.goto(f"{base}/personas/nueva/")
    page.get_by_label("Nombres").fill("Tomasa")
    page.wait_for_timeout(600)
    page.locator("header.site summary").last.click()
    page.get_by_role("button", name="Salir").click()
    # offline.js holds the logout until the offline queue and caches are cleared, then submits
    page.wait_for_url("**/cuenta/ingresar/**")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tejido-borrador:'))") == []


def test_the_idle_warning_keeps_the_session_and_then_says_it_ended(page, live_server, people, settings):
    settings.SESSION_COOKIE_AGE = 9  # warned 3 s before
    base = live_server.url
    login(page, base, "zacapa1")
    dialog = page.locator("#sesion-por-cerrar")
    dialog.get_by_text("Su sesión está por cerrarse").wait_for(timeout=20000)
    dialog.get_by_role("button", name="Seguir trabajando").click()
    page.wait_for_timeout(500)
    assert not dialog.is_visible()
    page.wait_for_timeout(6000)  # past the first limit: the session lives on
    page.goto(f"{base}/personas/")
    assert page.url == f"{base}/personas/"
    dialog.get_by_text("Su sesión se cerró").wait_for(timeout=20000)
    relogin = dialog.get_by_role("button", name="Ingresar de nuevo")
    assert relogin.get_attribute("href") == "/cuenta/ingresar/?next=%2Fpersonas%2F"
    assert page.goto(f"{base}/personas/").url.startswith(f"{base}/cuenta/ingresar/")


def test_protection_forms_are_never_kept_on_the_device():
    """A child-protection case must not stay in a phone's storage: every POST form of the
    protection app opts out of drafts."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "protection" / "templates"
    forms = [tag for path in folder.rglob("*.html") for tag in re.findall(r"<form[^>]*>", path.read_text())
             if 'method="post"' in tag]
    assert forms and all("data-no-draft" in tag for tag in forms)
