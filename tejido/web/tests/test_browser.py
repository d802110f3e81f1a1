"""The officer's path in a real browser: Playwright driving Debian's chromium."""

import re

import pytest

from tejido.common.browser import login, open_menu
from tejido.common.testing import JUTIAPA_TOWN, make_person, valid_cui

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_registers_finds_and_cannot_cross_departments(page, live_server, people):
    foreign = make_person(JUTIAPA_TOWN, given_names="Julia", first_surname="Jutiapaneca")
    base = live_server.url

    login(page, base, "zacapa1")
    assert "Delegada o delegado departamental" in page.content()

    page.get_by_role("button", name="Registrar persona").click()
    page.get_by_label("Nombres").fill("Ángela María")
    page.get_by_label("Primer apellido").fill("Sagastume")
    page.get_by_label("Segundo apellido").fill("Pérez")
    page.get_by_label("Sexo").select_option("F")
    page.locator("#id_birth_date").fill("1992-03-14")
    page.get_by_label("CUI (DPI)").fill("1234567801901")  # wrong check digit
    page.get_by_label("Municipio de residencia").select_option(str(1901))
    page.get_by_role("button", name="Guardar").click()
    error = page.locator("#id_cui_error")
    assert "dígito verificador" in error.inner_text()
    assert page.get_by_label("Nombres").input_value() == "Ángela María"  # nothing typed is lost

    page.get_by_label("CUI (DPI)").fill(valid_cui(1901))
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url(re.compile(r"/personas/\d+/$"))
    assert "Persona registrada" in page.content()

    page.get_by_role("link", name="Personas").first.click()
    page.get_by_label("Nombre, apellido o CUI").fill("angela sagas")
    page.get_by_role("button", name="Buscar").click()
    page.wait_for_load_state("networkidle")
    results = page.locator("#results")
    assert "Sagastume Pérez, Ángela María" in results.inner_text()
    assert "1 persona" in results.inner_text()

    response = page.goto(f"{base}/personas/{foreign.pk}/")
    assert response.status == 404
    assert "No se encontró el registro" in page.content()
    assert "Jutiapaneca" not in page.content()


def test_officer_enrols_a_child_screens_and_sees_class_and_growth_chart(page, live_server, people):
    import datetime as dt

    child = make_person(given_names="Mateo", first_surname="Cordón", sex="M",
                        birth_date=dt.date.today() - dt.timedelta(days=365))
    base = live_server.url
    login(page, base, "zacapa1")

    open_menu(page, "Programas")
    page.get_by_role("link", name="Primera infancia").click()
    page.get_by_role("link", name="CADI Zacapa").click()
    page.get_by_label("Buscar niña o niño por nombre o CUI").fill("mateo cordon")
    page.get_by_role("button", name="Elegir").click()  # htmx results; fills the registry number
    assert page.get_by_label("Niña o niño (número de registro)").input_value() == str(child.pk)
    page.get_by_role("button", name="Inscribir").click()
    assert "Inscripción registrada" in page.content()
    assert "Cordón Caal, Mateo" in page.content()

    page.get_by_role("link", name="Nutrición").click()
    page.get_by_text("Registrar tamizaje (peso y talla)").click()
    page.locator("#id_measured_on").fill(dt.date.today().isoformat())
    page.get_by_role("spinbutton", name="Peso (kg)").fill("6.4")
    page.get_by_role("spinbutton", name="Longitud o talla (cm)").fill("69.0")
    page.get_by_label("Posición").select_option("L")
    page.get_by_role("button", name="Guardar tamizaje").click()
    assert "Tamizaje registrado" in page.content()
    assert page.get_by_text("Desnutrición aguda severa").is_visible()
    # weight for age, length for age, weight for length: the child's point on each
    assert page.locator("figure svg").count() == 3
    assert page.locator("figure svg circle").count() == 3


def test_officer_enrols_an_elder_and_takes_the_roll(page, live_server, people):
    import datetime as dt

    from django.utils import timezone

    from tejido.common.testing import make_center

    make_center(1901, kind="elderly_day", name="Centro Diurno Zacapa")
    make_person(given_names="Candelaria", first_surname="Osorio", birth_date=dt.date(1950, 6, 1))
    base = live_server.url
    login(page, base, "zacapa1")
    open_menu(page, "Programas")
    page.get_by_role("link", name="Adulto mayor").click()
    page.get_by_role("link", name="Centro Diurno Zacapa").click()
    page.get_by_label("Buscar persona adulta mayor por nombre o CUI").fill("candelaria")
    page.get_by_role("button", name="Elegir").click()
    today = timezone.localdate()
    page.locator("#id_start").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Inscribir").click()
    assert "Inscripción registrada" in page.content() and "Osorio Caal, Candelaria" in page.content()
    page.get_by_role("button", name="Pasar lista de hoy").click()  # opens on the last weekday
    page.get_by_label("Osorio Caal, Candelaria").check()
    page.get_by_role("button", name="Guardar lista").click()
    assert "1 presentes" in page.content()
    # a home visit and a referral to MINTRAB's PAM from the roster
    open_menu(page, "Programas")
    page.get_by_role("link", name="Adulto mayor").click()
    page.get_by_role("link", name="Centro Diurno Zacapa").click()
    page.get_by_role("link", name="Visita domiciliaria").click()
    page.locator("#id_date").fill((today - dt.timedelta(days=2)).isoformat())
    page.get_by_label("Eje de atención").select_option(label="Salud")
    page.get_by_label("Qué se hizo").fill("Control de presión arterial")
    page.get_by_role("button", name="Registrar visita").click()
    assert "Visita domiciliaria registrada" in page.content() and "Control de presión arterial" in page.content()
    page.get_by_role("link", name="Volver al centro").click()
    page.get_by_role("link", name="Derivar").click()
    page.get_by_label("Derivar a").select_option(index=1)
    page.get_by_label("Motivo").fill("Sin ingresos propios")
    page.locator("#id_date").fill((today - dt.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Registrar derivación").click()
    assert "Derivación registrada" in page.content() and "Sin ingresos propios" in page.content()
    page.get_by_role("link", name="Registrar respuesta").click()
    page.get_by_label("Aceptada", exact=True).check()
    page.get_by_role("button", name="Guardar respuesta").click()
    assert "Respuesta registrada" in page.content() and "Aceptada" in page.content()
