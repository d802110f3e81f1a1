"""The main path in a real browser: a Zacapa officer opens a shelter for a cold wave at a
school, registers a family of three with stated ages, then closes the shelter."""

import pytest

from tejido.accounts.models import Role
from tejido.common.browser import login, open_menu
from tejido.common.testing import make_user
from tejido.shelters.models import Shelter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAMILY = [("Rosa Amelia", "Caal", "F", "34", "jefe"), ("Luis", "Choc", "M", "7", "hijo"),
          ("Sofía", "Choc", "F", "2", "hijo")]


def test_officer_opens_a_shelter_registers_a_family_and_closes_it(page, live_server, territory):
    make_user("zacapa_b", Role.DEPARTMENT_OFFICER, departments=[19])
    base = live_server.url
    login(page, base, "zacapa_b")
    open_menu(page, "Programas")
    page.get_by_role("link", name="Albergues", exact=True).click()
    page.get_by_role("button", name="Abrir albergue").click()
    page.locator("#id_event").select_option("frente_frio")  # the legend is also "Evento"
    page.get_by_label("Nombre del lugar").fill("Escuela Oficial Rural Mixta")
    page.locator("#id_municipality").select_option(label="Zacapa — Zacapa")
    page.get_by_label("Capacidad (personas)").fill("40")
    page.get_by_role("button", name="Abrir albergue").click()
    page.get_by_text("Albergue abierto: Escuela Oficial Rural Mixta.").wait_for()

    page.get_by_role("button", name="Registrar familia").click()
    for row, (given, surname, sex, age, relationship) in enumerate(FAMILY, start=1):
        page.get_by_label(f"Nombres, integrante {row}", exact=True).fill(given)
        page.get_by_label(f"Primer apellido, integrante {row}", exact=True).fill(surname)
        page.get_by_label(f"Sexo, integrante {row}", exact=True).select_option(sex)
        page.get_by_label(f"Edad (años), integrante {row}", exact=True).fill(age)
        page.get_by_label(f"Parentesco, integrante {row}", exact=True).select_option(relationship)
    page.get_by_role("button", name="Guardar familia").click()
    page.get_by_text("Familia registrada: 3 personas.").wait_for()
    body = page.content()
    assert "Rosa Amelia Caal" in body and "Sofía Choc" in body

    page.get_by_text("Cerrar el albergue").click()
    page.get_by_role("button", name="Cerrar albergue").click()
    page.get_by_text("Albergue cerrado el").wait_for()
    shelter = Shelter.objects.get()
    assert shelter.closed_on is not None
    assert set(shelter.stays.values_list("check_out", flat=True)) == {shelter.closed_on}
