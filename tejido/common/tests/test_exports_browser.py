"""The officer's path in a real browser: filter the person list, download it as XLSX."""

import re

import pytest
from openpyxl import load_workbook

from tejido.common.browser import login
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_filters_people_and_downloads_what_the_page_shows(page, live_server, people, tmp_path):
    make_person(ZACAPA_TOWN, given_names="Lucía", first_surname="Ramírez", sex="F")
    make_person(ZACAPA_TOWN, given_names="Lucas", first_surname="Ramírez", sex="M")
    make_person(ZACAPA_TOWN, given_names="Marta", first_surname="Solís", sex="F")
    make_person(JUTIAPA_TOWN, given_names="Lucía", first_surname="Ramírez", sex="F")
    base = live_server.url
    login(page, base, "zacapa1")
    page.goto(f"{base}/personas/")

    # htmx filters as the officer types and chooses: the address bar follows, the links must too.
    page.get_by_label("Nombre, apellido o CUI").fill("ramirez")
    page.wait_for_url(re.compile(r"q=ramirez"))
    page.get_by_label("Sexo").select_option("F")
    page.wait_for_url(re.compile(r"sex=F"))
    assert page.locator("#results tbody tr").count() == 1

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exportar XLSX").click()
    download = download_info.value
    assert re.fullmatch(r"personas-\d{4}-\d\d-\d\d\.xlsx", download.suggested_filename)
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    rows = [[c.value for c in row] for row in load_workbook(target).active.iter_rows()]
    assert rows[0][:3] == ["Registro", "Nombres", "Primer apellido"]
    assert [(r[1], r[2], r[9]) for r in rows[1:]] == [("Lucía", "Ramírez", "Zacapa")]
