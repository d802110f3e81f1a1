"""The delegada of Zacapa in a real browser: creates a productive unit, enrols a woman (and a
girl, after confirming), records a training with named participants and sees the figures."""

import datetime as dt

import pytest
from django.utils import timezone

from tejido.common.browser import login
from tejido.common.testing import ZACAPA_TOWN, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, name):
    page.locator("#buscar-persona").fill(name)
    page.locator("#resultados-persona").get_by_role("button", name="Elegir").first.click()


def test_delegada_creates_unit_enrols_trains_and_sees_figures(page, live_server, people):
    today = timezone.localdate()
    start = today - dt.timedelta(days=3)
    three_days_ago = start.isoformat()
    make_person(given_names="Marta Lidia", first_surname="Sagastume", birth_date=dt.date(1985, 4, 2))
    make_person(given_names="Luisa", first_surname="Sagastume",
                birth_date=dt.date(start.year - 9, start.month, min(start.day, 28)) - dt.timedelta(days=100))
    base = live_server.url
    login(page, base, "zacapa1")

    page.goto(f"{base}/mujer/unidades/")
    page.get_by_text("Registrar unidad productiva").click()
    page.get_by_label("Nombre de la unidad productiva").fill("Mujeres Emprendedoras de Zacapa")
    page.get_by_label("Municipio").select_option(str(ZACAPA_TOWN))
    page.get_by_label("Línea productiva").select_option("bordado")
    page.get_by_role("button", name="Guardar unidad productiva").click()
    page.get_by_text("Unidad productiva registrada.").wait_for()
    assert "Bordado a mano" in page.content()

    page.get_by_role("link", name="Mujeres Emprendedoras de Zacapa").click()
    _pick(page, "marta sagastume")
    page.locator("#id_start").fill(three_days_ago)
    page.get_by_role("button", name="Inscribir").last.click()
    page.get_by_text("Inscripción registrada.").wait_for()
    assert "1 persona inscrita" in page.content()

    _pick(page, "luisa sagastume")
    page.locator("#id_start").fill(three_days_ago)
    page.get_by_role("button", name="Inscribir").last.click()
    page.get_by_text("tiene 9 años").wait_for()
    assert "1 persona inscrita" in page.content()  # nothing saved without the confirmation
    page.get_by_label("Confirmo que la niña participa en la unidad productiva").check()
    page.get_by_role("button", name="Inscribir").last.click()
    page.get_by_text("Inscripción registrada.").wait_for()
    assert "2 personas inscritas" in page.content()

    page.goto(f"{base}/mujer/capacitaciones/")
    page.get_by_text("Registrar capacitación").click()
    page.get_by_label("Tipo de capacitación").select_option("actividad_productiva")
    page.get_by_label("Línea productiva").select_option("bordado")
    page.get_by_label("Institución aliada").fill("INTECAP")
    page.locator("#id_date").fill(three_days_ago)
    page.get_by_label("Municipio").select_option(str(ZACAPA_TOWN))
    page.get_by_label("Unidad productiva").select_option(label="Mujeres Emprendedoras de Zacapa")
    page.get_by_label("Sagastume Caal, Marta Lidia").check()
    page.get_by_role("button", name="Guardar capacitación").click()
    page.get_by_text("Capacitación registrada.").wait_for()
    assert "INTECAP" in page.content()

    page.goto(f"{base}/mujer/")
    page.get_by_role("link", name="Cifras del programa").click()
    row = page.locator("table").first.locator("tbody tr").first
    # municipalities, women, productive units in operation (the one she created), trainings, fairs
    assert row.inner_text().split() == ["Zacapa", "1", "2", "1", "1", "0"]
    assert "Jutiapa" not in page.content()
