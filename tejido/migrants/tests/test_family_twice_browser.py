"""Issue 16 item 6 in a real browser, on a 360 px phone: a family already received today is typed
again; the page says who matches whom, fits the screen, and saving with the choices made uses the
registered person and creates only the one confirmed as new."""

import datetime as dt

import pytest

from tejido.accounts.models import Role
from tejido.common.browser import login
from tejido.common.testing import make_center, make_user
from tejido.migrants.models import Reception
from tejido.migrants.services import MemberData, reception_create
from tejido.registry.models import Person
from tejido.territory.models import Municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 360, "height": 740}


def test_the_same_family_again_on_a_phone(browser, live_server, territory):
    center = make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados")
    officer = make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[1])
    cuilco = Municipality.objects.get(name="Cuilco")
    reception_create(acting_user=officer, date=dt.date.today(), center=center, arrival_mode="aerea",
                     returned_from="estados_unidos", destination_municipality=cuilco, members=[
                         MemberData(given_names="Rosa Amelia", first_surname="Caal", second_surname="Xol", sex="F",
                                    age_years=34, relationship="jefe"),
                         MemberData(given_names="Sofía", first_surname="Choc", second_surname="Caal", sex="F",
                                    age_years=2)])
    rosa = Person.objects.get(given_names="Rosa Amelia")
    context = browser.new_context(locale="es-GT", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    base = live_server.url
    login(page, base, "guate1")
    page.goto(f"{base}/migrantes/nueva/")
    page.get_by_label("Estados Unidos", exact=True).check()
    page.locator("#id_destination_municipality-buscar").fill("cuilco")
    for row, (given, first, second, sex, age) in enumerate([("Rosa Amelia", "Caal", "Xol", "F", "34"),
                                                             ("Sofía", "Choc", "Caal", "F", "2")]):
        page.locator(f"#id_m-{row}-given_names").fill(given)
        page.locator(f"#id_m-{row}-first_surname").fill(first)
        page.locator(f"#id_m-{row}-second_surname").fill(second)
        page.locator(f"#id_m-{row}-sex").select_option(sex)
        page.locator(f"#id_m-{row}-age_years").fill(age)
    page.get_by_role("button", name="Guardar unidad familiar").click()

    page.get_by_text("¿Esta familia ya está registrada?").wait_for()
    assert Reception.objects.count() == 1 and Person.objects.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_text("Integrante 1: Rosa Amelia Caal Xol").wait_for()
    page.get_by_label(f"Usar n.º {rosa.pk}: Rosa Amelia Caal Xol", exact=False).check()
    page.locator("#coincidencias-2").get_by_label("Es otra persona: registrarla como nueva").check()
    page.get_by_role("button", name="Guardar unidad familiar").click()
    page.get_by_text("Unidad familiar registrada: 2 integrantes.").wait_for()
    second = Reception.objects.order_by("-pk").first()
    assert [m.person_id for m in second.members.order_by("position")][0] == rosa.pk
    assert Reception.objects.count() == 2 and Person.objects.count() == 3
    context.close()
