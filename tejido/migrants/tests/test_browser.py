"""The main path in a real browser: an officer of Guatemala department registers a returned
family of five on one screen, then refers one of the children to a CADI."""

import time

import pytest

from tejido.accounts.models import Role
from tejido.common.browser import login
from tejido.common.testing import make_center, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


FAMILY = [  # given names, first surname, second surname, sex, age, relationship
    ("Rosa Amelia", "Caal", "Xol", "F", "34", "jefe"),
    ("Juan Carlos", "Choc", "Pop", "M", "36", "conyuge"),
    ("Ana María", "Choc", "Caal", "F", "12", "hijo"),
    ("Luis", "Choc", "Caal", "M", "7", "hijo"),
    ("Sofía", "Choc", "Caal", "F", "2", "hijo"),
]


def test_officer_registers_a_family_of_five_on_one_screen_then_refers_a_child(page, live_server, territory):
    make_center(101, kind="migrant_reception", name="Centro de Recepción de Retornados, Fuerza Aérea Guatemalteca")
    make_user("guate1", Role.DEPARTMENT_OFFICER, departments=[1])
    base = live_server.url
    login(page, base, "guate1")

    page.goto(f"{base}/migrantes/")
    page.get_by_role("button", name="Registrar unidad familiar").click()
    started = time.monotonic()
    page.get_by_label("Estados Unidos", exact=True).check()
    page.get_by_label("Municipio de destino").select_option(label="Guatemala — Mixco")
    for row, (given, first, second, sex, age, relationship) in enumerate(FAMILY, start=1):
        page.get_by_label(f"Nombres, integrante {row}", exact=True).fill(given)
        page.keyboard.press("Tab")  # the row is typed left to right
        page.keyboard.type(first)
        page.keyboard.press("Tab")
        page.keyboard.type(second)
        page.get_by_label(f"Sexo, integrante {row}", exact=True).select_option(sex)
        page.get_by_label(f"Edad (años), integrante {row}", exact=True).fill(age)
        page.get_by_label(f"Parentesco, integrante {row}", exact=True).select_option(relationship)
    for care in ("Kit de higiene", "Llamada telefónica", "Transporte", "Alimentación"):
        page.get_by_label(care, exact=True).check()
    page.get_by_label("Reunificación familiar", exact=True).check()
    page.get_by_role("button", name="Guardar unidad familiar").click()

    page.get_by_text("Unidad familiar registrada: 5 integrantes.").wait_for()
    assert time.monotonic() - started < 60
    body = page.content()
    assert "Rosa Amelia Caal Xol" in body and "Sofía Choc Caal" in body and "Kit de higiene" in body
    assert body.count(">menor<") == 3

    page.get_by_label("Integrante").select_option(label="Ana María Choc Caal (12 años)")
    page.get_by_label("Derivar a").select_option(label="Hogares Comunitarios")
    page.get_by_label("Motivo").fill("Cuidado diario mientras la madre busca empleo")
    page.get_by_role("button", name="Derivar").click()
    page.get_by_text("Derivación registrada.").wait_for()
    assert "Pendiente" in page.content()

    page.get_by_role("link", name="Derivaciones", exact=True).click()
    assert "Ana María Choc Caal" in page.content()
