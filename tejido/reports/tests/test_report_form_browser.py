"""Issue 16 item 14: the report form shows the period fields of the period chosen, and PDF/DOCX
are prepared in the background with progress."""

import re

import pytest

from tejido.common.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_period_fields_follow_the_period_chosen_and_docx_shows_progress(page, live_server, people, settings):
    settings.REPORT_JOB_RUNNER = "inline"  # built within the request; the page then shows it done
    base = live_server.url
    login(page, base, "zacapa1")
    page.goto(f"{base}/informes/")
    visible = lambda name: page.locator(f"#id_{name}").is_visible()  # noqa: E731
    page.get_by_label("Periodo").select_option("anio")
    assert visible("anio") and not visible("cuatrimestre") and not visible("mes") and not visible("desde")
    page.get_by_label("Periodo").select_option("cuatrimestre")
    assert visible("anio") and visible("cuatrimestre") and not visible("mes") and not visible("hasta")
    page.get_by_label("Periodo").select_option("rango")
    assert visible("desde") and visible("hasta") and not visible("anio") and not visible("cuatrimestre")
    page.get_by_label("Periodo").select_option("anio")
    page.get_by_role("button", name="Ver informe").click()
    page.get_by_role("button", name="Borrador DOCX").click()
    page.wait_for_url(re.compile(r"/informes/preparados/\d+/$"))
    assert page.locator("progress").count() == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Descargar").click()
    assert download.value.suggested_filename.endswith(".docx")
