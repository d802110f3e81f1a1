"""The visitor's path in a real browser, without an account: open the portal, choose Zacapa and
the year, read the protected row, download the CSV."""

import pytest

from .conftest import YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_chooses_a_department_and_downloads_csv(page, live_server, served):
    base = live_server.url
    page.goto(f"{base}/transparencia/")
    assert "Portal de transparencia" in page.title()
    page.get_by_label("Programa").select_option("elderly")
    page.get_by_label("Departamento").select_option(label="Zacapa")
    page.get_by_label("Periodo").select_option("anio")
    page.get_by_label("Año").fill(str(YEAR))
    page.get_by_role("button", name="Ver cifras").click()
    page.wait_for_url(f"{base}/transparencia/?*departamento=19*")
    assert page.get_by_role("heading", level=2).inner_text() == f"Año {YEAR} · Zacapa"
    row = page.locator("#elderly\\.by_department tbody tr")
    assert row.count() == 1 and row.inner_text().split("\t") == ["Zacapa", "1", "1", "0", "<5", "<5", "<5"]
    page.get_by_text("Cómo protegemos a las personas").click()
    assert "se publica como <5" in page.locator("#regla").inner_text()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Descargar CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"transparencia_{YEAR}-01-01_{YEAR}-12-31.csv"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("\ufeff") and f"{YEAR}-01-01,{YEAR}-12-31,Zacapa,elderly.by_department" in text
    assert "Zoraida" not in text and ",Jutiapa," not in text
