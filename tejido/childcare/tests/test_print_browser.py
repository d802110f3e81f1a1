"""Issue 16 item 10 in a real browser: each print page, reached from its record's «Imprimir»
link, rendered for print (`emulate_media(media="print")`) and saved as an A4 PDF: no menu, no
buttons, and the expected number of pages (a center of 30 children fits in two)."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tejido.common.browser import login
from tejido.common.testing import ZACAPA_TOWN, make_center, make_person
from tejido.donations import services as donations
from tejido.migrants.services import MemberData, reception_create
from tejido.territory.models import Municipality, Office

from .printing import center_with_children

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
A4_POINTS = (595, 842)


def _pdf(page) -> PdfReader:
    page.emulate_media(media="print")
    for hidden in ("header.site", "[data-print]", ".print-actions"):
        assert all(not el.is_visible() for el in page.locator(hidden).all()), hidden
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    box = reader.pages[0].mediabox
    # A4 is 210 x 297 mm, 595 x 842 points (Chromium rounds its page size to whole pixels)
    assert abs(float(box.width) - A4_POINTS[0]) < 2 and abs(float(box.height) - A4_POINTS[1]) < 2
    page.emulate_media(media="screen")
    return reader


def _text(reader) -> str:
    return " ".join(p.extract_text() for p in reader.pages)


def test_print_pages_fit_on_a4(page, live_server, people):
    cadi = center_with_children(people)
    officer = people["zacapa"]
    reception_center = make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa")
    reception = reception_create(
        acting_user=officer, date=dt.date(2024, 3, 5), center=reception_center, arrival_mode="terrestre",
        returned_from="mexico", destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
        members=[MemberData(given_names="Rosa", first_surname="Choc", sex="F", age_years=34, relationship="jefe"),
                 MemberData(given_names="Luis", first_surname="Choc", sex="M", age_years=7)],
        care=["kit_higiene", "alimentacion"])
    donation = donations.donation_create(
        office=Office.objects.get(code="sede-19"), received_on=dt.date(2024, 2, 1), donor_name="Club Rotario",
        donor_kind="privado", acting_user=officer, certificate_number="ACTA-9",
        items=[{"description": "sillas de ruedas", "quantity": 10, "unit": "unidad", "category": "propiedad",
                "value": "5000.00", "product": None}])
    chairs = donation.items.get()
    for i in range(3):
        donations.distribute(item=chairs, kind="beneficiario", program="social_service", date=dt.date(2024, 2, 9),
                             person=make_person(given_names=f"Beneficiaria {i}", first_surname="Lemus"),
                             quantity=1, receipt=f"R-{i}", acting_user=officer)
    base = live_server.url
    login(page, base, "zacapa1")

    page.goto(f"{base}/primera-infancia/centros/{cadi['center'].pk}/")
    page.get_by_role("button", name="Imprimir lista mensual").click()
    page.wait_for_url("**/asistencia/imprimir/")
    page.goto(page.url + "?mes=2024-03")
    roll = _pdf(page)
    assert len(roll.pages) <= 2
    text = _text(roll)
    assert "Aldana Paz" in text and "Duarte Paz" in text and "Marta Julia Cordero Paz" in text

    page.goto(f"{base}/primera-infancia/inscripciones/{cadi['measured'].pk}/nutricion/")
    page.get_by_role("button", name="Imprimir carné de crecimiento").click()
    page.wait_for_url("**/nutricion/imprimir/")
    card = _pdf(page)
    assert len(card.pages) <= 2 and "Aldana Paz" in _text(card)

    page.goto(f"{base}/migrantes/{reception.pk}/")
    page.get_by_role("button", name="Imprimir ficha de recepción").click()
    page.wait_for_url("**/imprimir/")
    record = _pdf(page)
    assert len(record.pages) == 1 and "Rosa Choc" in _text(record)

    page.goto(f"{base}/donaciones/{donation.pk}/")
    page.get_by_role("button", name="Imprimir acta de entrega").click()
    page.wait_for_url("**/imprimir/")
    delivery = _pdf(page)
    assert len(delivery.pages) == 1 and "Beneficiaria 2 Lemus" in _text(delivery)
