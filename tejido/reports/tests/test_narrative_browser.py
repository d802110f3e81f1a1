"""Issue 17 item 9 in a real browser: the planner writes a section's text, inserts a figure from
the tables with «Insertar», saves, and the report shows the table's number in the text."""

import datetime as dt

import pytest

from tejido.common.browser import login
from tejido.common.testing import ZACAPA_TOWN, make_person, personas
from tejido.programs.services import enrolment_create
from tejido.reports.models import Narrative

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_planner_inserts_a_figure_and_the_report_prints_it(page, live_server, territory):
    people = personas()
    for name in ("Ana", "Eva", "Luis"):
        enrolment_create(person=make_person(ZACAPA_TOWN, given_names=name, birth_date=dt.date(2020, 5, 1)),
                         center=people["zacapa_cadi"], program="childcare", start=dt.date(2023, 2, 1),
                         acting_user=people["central"])
    base = live_server.url
    login(page, base, "planner1")
    query = "informe=annual&tipo=anio&anio=2023&programa=childcare"
    page.goto(f"{base}/informes/?{query}")
    page.get_by_role("link", name="Escribir los textos del informe").click()
    page.wait_for_url(lambda url: "/informes/textos/" in url)

    text = page.get_by_label("Texto de «Hogares Comunitarios y CADI»")
    text.fill("Se atendió a  niñas y niños.")
    text.evaluate("el => { el.focus(); el.setSelectionRange(13, 13); }")  # the cursor after «Se atendió a »
    page.get_by_text("Niñas y niños atendidos por departamento").first.click()  # open the table's cells
    page.get_by_role("button", name="Insertar Total, Total").first.click()
    assert text.input_value() == ("Se atendió a [[childcare.children_by_department|Total|total]] niñas y niños.")
    page.get_by_role("button", name="Guardar textos").click()
    page.get_by_text("Textos guardados.").wait_for()
    assert Narrative.objects.get(section="childcare").text.startswith("Se atendió a [[")

    page.get_by_role("link", name="Ver el informe").click()
    page.get_by_text("Se atendió a 3 niñas y niños.").wait_for()
