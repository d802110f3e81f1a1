"""Issue 16 item 10: the monthly roll sheet of a center and a child's growth card, printed on
A4 in black and white: scope, content, the «Imprimir» links and the access log."""

import re

import pytest

from tejido.common.models import AccessEvent
from tejido.common.testing import client_for

from .printing import GIVEN, SURNAMES, WEEKDAYS, center_with_children

pytestmark = pytest.mark.django_db


@pytest.fixture
def cadi(people):
    return center_with_children(people)


def roll_sheet_url(center, month="2024-03"):
    return f"/primera-infancia/centros/{center.pk}/asistencia/imprimir/?mes={month}"


def test_roll_sheet_lists_every_child_and_every_school_day(people, cadi):
    response = client_for(people["zacapa"]).get(roll_sheet_url(cadi["center"]))
    assert response.status_code == 200
    html = response.content.decode()
    for given, surname in zip(GIVEN, SURNAMES, strict=True):
        assert f"{surname} Paz, {given}" in html
    assert re.findall(r'data-day="([\d-]+)"', html) == [d.isoformat() for d in WEEKDAYS]
    rows = re.findall(r'<tr class="child"', html)
    assert len(rows) == 30
    # every row has an empty box for each school day
    assert html.count('class="box"') == 30 * len(WEEKDAYS)
    assert "CADI Zacapa" in html and "marzo de 2024" in html and "Marta Julia Cordero Paz" in html
    # a print page: its own stylesheet, no menu
    assert "tejido/print.css" in html and 'class="site"' not in html and "Menú principal" not in html
    assert AccessEvent.objects.filter(model="centers.Center", object_id=str(cadi["center"].pk),
                                      detail__imprimir="lista-mensual").exists()


def test_roll_sheet_follows_the_enrolment_dates(people, cadi):
    from tejido.programs.services import enrolment_exit

    gone = cadi["enrolments"][1]
    enrolment_exit(enrolment=gone, end=WEEKDAYS[5], reason="traslado", acting_user=people["zacapa"])
    html = client_for(people["zacapa"]).get(roll_sheet_url(cadi["center"])).content.decode()
    assert html.count('class="box"') == 29 * len(WEEKDAYS) + 6  # out after the 6th school day
    # a month before anybody was enrolled: no rows
    html = client_for(people["zacapa"]).get(roll_sheet_url(cadi["center"], "2023-11")).content.decode()
    assert '<tr class="child"' not in html and "Bryan" not in html


def test_roll_sheet_scope(people, cadi):
    url = roll_sheet_url(cadi["center"])
    assert client_for(people["jutiapa"]).get(url).status_code == 404
    assert client_for(people["planner"]).get(url).status_code == 403
    assert client_for(people["clerk"]).get(url).status_code == 200
    own = f"/primera-infancia/centros/{people['jutiapa_cadi'].pk}/asistencia/imprimir/"
    assert client_for(people["jutiapa"]).get(own).status_code == 200
    assert client_for(people["zacapa"]).get(own).status_code == 404
    assert client_for(people["jutiapa"]).get(f"/primera-infancia/centros/{cadi['center'].pk}/").status_code == 404


def test_roll_sheet_is_linked_from_the_center_page(people, cadi):
    html = client_for(people["zacapa"]).get(f"/primera-infancia/centros/{cadi['center'].pk}/").content.decode()
    assert f'href="/primera-infancia/centros/{cadi["center"].pk}/asistencia/imprimir/"' in html
    assert "Imprimir lista mensual" in html


def test_growth_card_for_the_parents(people, cadi):
    enrolment = cadi["measured"]
    client = client_for(people["zacapa"])
    url = f"/primera-infancia/inscripciones/{enrolment.pk}/nutricion/imprimir/"
    nutrition = client.get(f"/primera-infancia/inscripciones/{enrolment.pk}/nutricion/").content.decode()
    assert f'href="{url}"' in nutrition and "Imprimir" in nutrition
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana Lucía Aldana Paz" in html and "01/01/2021" in html  # name and birth date
    for day in ("04/09/2023", "16/01/2024", "04/03/2024"):
        assert day in html
    # each measurement classified in plain words
    assert "Bajo peso" in html and "Talla baja para la edad" in html
    assert html.count("<svg") == 3
    for title in ("Peso para la edad", "Longitud / talla para la edad", "Peso para la talla (2 a 5 años)"):
        assert title in html
    assert 'stroke="#b00020"' not in html  # black and white curves
    assert "tejido/print.css" in html and 'class="site"' not in html
    assert AccessEvent.objects.filter(model="registry.Person", object_id=str(enrolment.person_id),
                                      detail__imprimir="carne-crecimiento").exists()
    assert client_for(people["jutiapa"]).get(url).status_code == 404
    assert client_for(people["planner"]).get(url).status_code == 403
