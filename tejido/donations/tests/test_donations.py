"""Donations: items into stock, distributions and balances, bad input, the seed table, alerts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tejido.common.errors import ApplicationError, PermissionDenied
from tejido.common.testing import make_person
from tejido.donations import alerts, figures, selectors, services
from tejido.donations.models import Distribution, Donation, DonationItem, Donor
from tejido.programs.models import Delivery
from tejido.stock.models import Movement, StockLevel

from .conftest import D, item

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n0000"


def level(office, product):
    return StockLevel.objects.get(office=office, product=product).quantity


def items_of(donation):
    return {i.description: i for i in donation.items.all()}


def test_stock_products_enter_the_office_stock_with_the_donation_as_reference(don):
    z, p = don["zacapa"], don["products"]
    assert level(z, p["silla_ruedas"]) == 120 and level(z, p["andador"]) == 80
    entry = items_of(don["taiwan"])["sillas de ruedas para adulto"].entry
    assert entry.origin == Movement.Origin.DONATION and entry.date == D
    assert entry.reference == f"Donación {don['taiwan'].code} (ACTA-2)"
    assert Movement.objects.count() == 2  # the non-catalogue items do not enter stock
    assert Donor.objects.count() == 2


def test_donor_is_reused_by_name(people, don):
    again = services.donation_create(
        office=don["zacapa"], received_on=D, donor_name="  alimentos y bebidas atlántida, s.a. ", donor_kind="",
        acting_user=people["zacapa"], items=[item("agua", 5, "materiales", "10")])
    assert again.donor == don["juices"].donor and Donor.objects.count() == 2


def test_distribution_balance_stock_exit_and_delivery(people, don):
    z, user = don["zacapa"], people["zacapa"]
    chairs = items_of(don["taiwan"])["sillas de ruedas para adulto"]
    person = make_person(given_names="Herminia")
    day = D + dt.timedelta(days=5)
    to_person = services.distribute(item=chairs, kind="beneficiario", program="social_service", person=person,
                                    date=day, quantity=2, receipt="R-1", acting_user=user)
    assert to_person.exit.delta == -2 and to_person.exit.delivery == to_person.delivery
    assert to_person.delivery.person == person and to_person.delivery.item == "silla_ruedas"
    assert to_person.delivery.receipt == "R-1" and to_person.exit.reference == "R-1"
    services.distribute(item=chairs, kind="sede", office=don["jutiapa"], date=day, quantity=100, receipt="R-2",
                        acting_user=user)
    services.distribute(item=chairs, kind="programa", program="elderly", date=day, quantity=8, receipt="R-3",
                        acting_user=user)
    assert level(z, don["products"]["silla_ruedas"]) == 10
    assert services.balance(chairs) == 10
    with pytest.raises(ApplicationError, match="La cantidad supera el saldo de la donación: quedan 10.") as error:
        services.distribute(item=chairs, kind="programa", program="elderly", date=day, quantity=11, receipt="R-4",
                            acting_user=user)
    assert error.value.field == "quantity"
    assert Distribution.objects.count() == 3 and Delivery.objects.count() == 1
    assert level(z, don["products"]["silla_ruedas"]) == 10  # nothing saved
    # a non-stock item: no stock movement, balance still enforced
    baths = items_of(don["taiwan"])["sillas de baño plegable"]
    d = services.distribute(item=baths, kind="programa", program="elderly", date=day, quantity=40, receipt="R-5",
                            acting_user=user)
    assert d.exit is None and services.balance(baths) == 0
    items = selectors.donation_items(don["taiwan"])
    totals = selectors.donation_balance(items)
    # 440 units received; 110 chairs + 40 bath chairs distributed
    assert (totals["quantity"], totals["distributed"], totals["balance"]) == (440, 150, 290)
    # value of what is left: 10/120 of 60,000 + 0 + 20,000 + 10,000
    assert totals["balance_value"] == Decimal("35000.00")


@pytest.mark.parametrize("changes,field,message", [
    ({"kind": "regalo"}, "kind", "Indique el destino"),
    ({"kind": "programa", "program": ""}, "program", "Elija el programa"),
    ({"kind": "sede", "office": None}, "office", "Elija la sede de destino"),
    ({"date": dt.date(2023, 2, 1)}, "date", "anterior a la recepción"),
    ({"date": dt.date.today() + dt.timedelta(days=2)}, "date", "futuro"),
    ({"quantity": 0}, "quantity", "entre 1 y 100,000"),
    ({"quantity": 201}, "quantity", "quedan 200"),
    ({"receipt": "  "}, "receipt", "constancia"),
])
def test_bad_distributions_save_nothing(people, don, changes, field, message):
    canes = items_of(don["taiwan"])["bastones de aluminio"]
    args = {"item": canes, "kind": "programa", "program": "elderly", "date": D, "quantity": 5, "receipt": "R",
            "acting_user": people["zacapa"], **changes}
    with pytest.raises(ApplicationError, match=message) as error:
        services.distribute(**args)
    assert error.value.field == field
    assert Distribution.objects.count() == 0 and Delivery.objects.count() == 0


def test_distribution_scope_and_read_only(people, don):
    canes = items_of(don["taiwan"])["bastones de aluminio"]
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.distribute(item=canes, kind="programa", program="elderly", date=D, quantity=1, receipt="R",
                            acting_user=people["jutiapa"])
    with pytest.raises(PermissionDenied):
        services.distribute(item=canes, kind="programa", program="elderly", date=D, quantity=1, receipt="R",
                            acting_user=people["planner"])
    jutiapa_person = make_person(22_01, given_names="Lejana")
    with pytest.raises(ApplicationError, match="persona") as error:
        services.distribute(item=canes, kind="beneficiario", program="elderly", person=jutiapa_person, date=D,
                            quantity=1, receipt="R", acting_user=people["zacapa"])
    assert error.value.field == "person"
    assert Distribution.objects.count() == 0


@pytest.mark.parametrize("changes,field,message", [
    ({"items": []}, "items", "al menos un bien"),
    ({"donor_name": "", "donor_kind": ""}, "donor_name", "Elija el donante"),
    ({"donor_name": "Nuevo", "donor_kind": "extraterrestre"}, "donor_kind", "tipo de donante"),
    # Three days ahead: computed at collection time, it must stay in the future if the run crosses midnight.
    ({"received_on": dt.date.today() + dt.timedelta(days=3)}, "received_on", "futuro"),
    ({"items": [item("agua", 5, "materiales", "-1")]}, "items.0.value", "negativo"),
    ({"items": [item("agua", 5, "materiales", "1.005")]}, "items.0.value", "dos decimales"),
    ({"items": [item("agua", 5, "materiales", "abc")]}, "items.0.value", "valor en quetzales"),
    ({"items": [item("a", 1, "materiales", "1"), item("agua", 0, "materiales", "1")]}, "items.1.quantity",
     "entre 1"),
    ({"items": [item("agua", 5, "otra", "1")]}, "items.0.category", "categoría"),
    ({"items": [item(" ", 5, "materiales", "1")]}, "items.0.description", "Describa"),
    ({"items": [item("agua", 5, "materiales", "1", unit="")]}, "items.0.unit", "unidad"),
    ({"certificate": SimpleUploadedFile("acta.exe", b"MZ")}, "certificate", "PDF, JPEG o PNG"),
    ({"invoice": SimpleUploadedFile("factura.pdf", b"MZ\x90\x00")}, "invoice", "no corresponde"),
])
def test_bad_donations_save_nothing(people, don, settings, tmp_path, changes, field, message):
    settings.MEDIA_ROOT = tmp_path
    before = (Donation.objects.count(), DonationItem.objects.count(), Movement.objects.count(), Donor.objects.count())
    args = {"office": don["zacapa"], "received_on": D, "donor_name": "Nuevo donante", "donor_kind": "nacional",
            "acting_user": people["zacapa"],
            "items": [item("sillas", 3, "propiedad", "10", don["products"]["silla_ruedas"])], **changes}
    with pytest.raises(ApplicationError, match=message) as error:
        services.donation_create(**args)
    assert error.value.field == field
    after = (Donation.objects.count(), DonationItem.objects.count(), Movement.objects.count(), Donor.objects.count())
    assert after == before


def test_too_large_upload_is_refused(people, don, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("acta.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ApplicationError, match="10 MB"):
        services.donation_create(office=don["zacapa"], received_on=D, donor=don["taiwan"].donor, certificate=big,
                                 acting_user=people["zacapa"], items=[item("agua", 1, "materiales", "1")])


def test_donation_out_of_scope_office_refused(people, don):
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.donation_create(office=don["jutiapa"], received_on=D, donor=don["taiwan"].donor,
                                 acting_user=people["zacapa"], items=[item("agua", 1, "materiales", "1")])


def test_seed_table_20_by_hand(people, don):
    table = figures.received_table(user=people["planner"], start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    rows = [{k: r[k] for k in ("number", "donor", "date", "property_plant_equipment", "materials_supplies", "value")}
            for r in table["rows"]]
    assert rows == [
        {"number": 1, "donor": "Ministerio de Relaciones Exteriores de la República de China (Taiwán)",
         "date": D, "property_plant_equipment": "120 sillas de ruedas para adulto, 40 sillas de baño plegable",
         "materials_supplies": "80 andadores material aluminio, 200 bastones de aluminio",
         "value": Decimal("101835.45")},
        {"number": 2, "donor": "Alimentos y Bebidas Atlántida, S.A.", "date": dt.date(2023, 11, 27),
         "property_plant_equipment": "", "materials_supplies": "49 packs de jugos frutimore de mango, "
         "25 packs de agua pura", "value": Decimal("5000.00")}]
    assert table["total"]["value"] == Decimal("106835.45")
    # Zacapa sees only its office's donation; a period without the November one drops it
    assert [r["number"] for r in figures.received_table(user=people["zacapa"], start=D, end=D)["rows"]] == [1]
    assert figures.received_table(user=people["jutiapa"], start=D, end=D)["rows"] == []
    kinds = figures.value_by_donor_kind(user=people["admin"], start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    assert {r["kind"]: (r["donations"], r["value"]) for r in kinds["rows"]} == {
        "nacional": (0, 0), "internacional": (1, Decimal("101835.45")), "privado": (1, Decimal("5000.00")),
        "gobierno": (0, 0)}
    assert kinds["total"] == {"donations": 2, "value": Decimal("106835.45")}
    categories = figures.value_by_category(user=people["admin"], start=dt.date(2023, 1, 1),
                                           end=dt.date(2023, 12, 31))
    assert [r["value"] for r in categories["rows"]] == [Decimal("71835.45"), Decimal("35000.00")]


def test_report_table_contract(people, don):
    from types import SimpleNamespace

    from tejido.donations import report_tables
    from tejido.reports.tables import TABLES

    period = SimpleNamespace(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    contract = TABLES["donations.received"].build(people["admin"], period).as_contract()
    assert [c["id"] for c in contract["columns"]] == ["number", "donor", "date", "property_plant_equipment",
                                                      "materials_supplies", "value"]
    assert contract["rows"][0]["date"] == "09/02/2023" and contract["rows"][0]["value"] == 101835.45
    assert contract["totals"]["value"] == 106835.45
    kinds = report_tables.by_donor_kind(people["admin"], period).as_contract()
    assert kinds["totals"] == {"kind": "Total", "donations": 2, "value": 106835.45}


def test_alerts_after_90_days(people, don):
    # Both donations are older than 90 days and nothing was distributed.
    assert [(a["level"], a["count"]) for a in alerts.alerts(people["admin"])] == [("warning", 2)]
    assert alerts.alerts(people["zacapa"])[0]["count"] == 1
    assert "1 donación con bienes sin distribuir" in alerts.alerts(people["jutiapa"])[0]["text"]
    for i in don["juices"].items.all():
        services.distribute(item=i, kind="programa", program="childcare", date=dt.date(2023, 12, 1),
                            quantity=i.quantity, receipt="R", acting_user=people["admin"])
    assert alerts.alerts(people["jutiapa"]) == []
    # a recent donation is not yet an alert
    services.donation_create(office=don["jutiapa"], received_on=dt.date.today() - dt.timedelta(days=3),
                             donor=don["juices"].donor, acting_user=people["jutiapa"],
                             items=[item("agua", 1, "materiales", "1")])
    assert alerts.alerts(people["jutiapa"]) == []
    assert alerts.alerts(people["clerk"]) == []


def test_pages_create_detail_distribute_and_document(people, don, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(people["zacapa"])
    base = {"received_on": "2023-03-01", "office": don["zacapa"].pk, "donor_name": "Fundación Esperanza",
            "donor_kind": "privado", "items-TOTAL_FORMS": "5", "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "1", "items-MAX_NUM_FORMS": "200",
            "items-0-description": "kit de higiene", "items-0-quantity": "30", "items-0-unit": "kit",
            "items-0-category": "materiales", "items-0-value": "1500.50",
            "items-1-description": "pañales", "items-1-quantity": "10", "items-1-category": "materiales",
            "items-1-value": "900", "items-1-product": don["products"]["panales"].pk}
    bad = client.post("/donaciones/nueva/", {**base, "items-1-value": "-5",
                                             "certificate": SimpleUploadedFile("a.pdf", PDF)})
    assert bad.status_code == 200 and "negativo" in bad.content.decode()
    assert Donation.objects.count() == 2
    ok = client.post("/donaciones/nueva/", {**base, "certificate": SimpleUploadedFile("acta.pdf", PDF),
                                            "invoice": SimpleUploadedFile("f.png", PNG)})
    donation = Donation.objects.get(donor__name="Fundación Esperanza")
    assert ok.status_code == 302 and ok.url == f"/donaciones/{donation.pk}/"
    assert level(don["zacapa"], don["products"]["panales"]) == 10
    assert [i.unit for i in donation.items.all()] == ["kit", "paquete de 50 unidades"]
    page = client.get(ok.url).content.decode()
    assert "kit de higiene" in page and "Q1,500.50" in page
    download = client.get(f"/donaciones/{donation.pk}/documentos/certificado/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    kit = donation.items.get(description="kit de higiene")
    url = f"/donaciones/{donation.pk}/distribuir/"
    too_much = client.post(url, {"item": kit.pk, "kind": "programa", "program": "women", "date": "2023-03-05",
                                 "quantity": 31, "receipt": "C-1"})
    assert "La cantidad supera el saldo de la donación: quedan 30." in too_much.content.decode()
    person = make_person(given_names="Aurelia")
    done = client.post(url, {"item": kit.pk, "kind": "beneficiario", "program": "women", "date": "2023-03-05",
                             "quantity": 3, "receipt": "C-1", "person_id": person.pk})
    assert done.status_code == 302
    detail = client.get(f"/donaciones/{donation.pk}/").content.decode()
    assert "Aurelia" in detail and "C-1" in detail
    home = client.get("/donaciones/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Fundación Esperanza" in home and "Q104,235.95" in home  # 101,835.45 + 1,500.50 + 900; Jutiapa hidden
    # planner: sees the donation and counts, not the beneficiary's name
    planner = Client()
    planner.force_login(people["planner"])
    page = planner.get(f"/donaciones/{donation.pk}/").content.decode()
    assert "kit de higiene" in page and "Aurelia" not in page and "(persona registrada)" in page
    assert planner.get(url).status_code == 403


def test_demo_loader_is_idempotent(people):
    import random

    from tejido.demo.donations import load_donations_demo

    assert load_donations_demo(people["admin"], random.Random(6)) == 9
    assert load_donations_demo(people["admin"], random.Random(6)) == 0
    table = figures.received_table(user=people["admin"], start=dt.date(2000, 1, 1), end=dt.date.today())
    assert len(table["rows"]) == 9
    # the seven rows of seed 001 table 20 add up to its total
    seven = [r for r in table["rows"] if r["donation"].office.code == "sede-01"]
    assert sum(r["value"] for r in seven) == Decimal("1958581.81")
    assert Distribution.objects.exists()
