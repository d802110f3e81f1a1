"""Issue 16 item 5 in a real browser: from a CADI's enrolment, «Registrar persona», save, and the
officer is back at the enrolment with the new child chosen; the search finds only people in scope."""

import datetime as dt

import pytest

from tejido.common.browser import login
from tejido.common.testing import JUTIAPA_TOWN, make_person, personas
from tejido.registry.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_from_the_enrolment_and_come_back_with_the_child_chosen(page, live_server, territory):
    people = personas()
    make_person(JUTIAPA_TOWN, given_names="Zoraida", first_surname="Quintanilla",
                birth_date=dt.date.today() - dt.timedelta(days=3 * 365))
    base = live_server.url
    login(page, base, "zacapa1")
    center = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/"
    page.goto(base + center)
    page.locator("#buscar-persona").fill("zoraida")  # someone of Jutiapa: not offered
    page.get_by_text("Nadie de la edad del programa con ese nombre en su territorio.").wait_for()
    assert "Quintanilla" not in page.content()

    page.get_by_role("link", name="Registrar persona").click()
    page.wait_for_url(lambda url: "/personas/nueva/" in url and f"next={center}" in url)
    assert page.evaluate("document.activeElement.id") == "id_given_names"  # the first field
    page.locator("#id_given_names").fill("Lucía Fernanda")
    page.locator("#id_first_surname").fill("Pineda")
    page.locator("#id_sex").select_option("F")
    page.locator("#id_birth_date").fill((dt.date.today() - dt.timedelta(days=1100)).isoformat())
    page.locator("#id_municipality-buscar").fill("gualan")  # Gualán, Zacapa: accents ignored
    page.get_by_role("button", name="Guardar").click()

    page.wait_for_url(lambda url: f"{center}?persona=" in url)
    person = Person.objects.get(first_surname="Pineda")
    assert person.municipality.name == "Gualán"
    assert page.locator("#id_person_id").input_value() == str(person.pk)
    page.get_by_text(f"Persona elegida: Lucía Fernanda Pineda (n.º {person.pk}).").wait_for()
    page.locator("#id_attended_by_teacher").select_option("1")
    page.get_by_role("button", name="Inscribir", exact=True).click()
    page.get_by_text("Inscripción registrada.").wait_for()
    assert person.enrolments.count() == 1


def test_the_pages_that_ask_for_a_person_fit_a_phone(browser, live_server, territory):
    from tejido.common.testing import make_household

    people = personas()
    household = make_household()
    context = browser.new_context(locale="es-GT", viewport={"width": 360, "height": 740})
    page = context.new_page()
    base = live_server.url
    login(page, base, "zacapa1")
    for path in (f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/",
                 f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/personal/",
                 f"/hogares/{household.pk}/", "/personas/nueva/?next=/hogares/"):
        assert page.goto(base + path).status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    context.close()
