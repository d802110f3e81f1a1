"""Stock rules: entries, exits and transfers; never negative; the card; scope."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tejido.common.errors import ApplicationError, PermissionDenied
from tejido.stock import selectors, services
from tejido.stock.models import Movement, Product, StockLevel
from tejido.territory.models import Office

pytestmark = pytest.mark.django_db
D = dt.date(2023, 3, 1)


@pytest.fixture
def stock(people):
    return {"zacapa": Office.objects.get(code="sede-19"), "jutiapa": Office.objects.get(code="sede-22"),
            "guate": Office.objects.get(code="sede-01"), "silla": Product.objects.get(code="silla_ruedas"),
            "baston": Product.objects.get(code="baston")}


def level(office, product):
    return StockLevel.objects.get(office=office, product=product).quantity


def test_catalogue_has_the_five_products_of_table_15():
    assert list(Product.objects.values_list("code", flat=True)) == [
        "silla_ruedas", "muletas", "andador", "baston", "panales"]
    assert Office.objects.count() == 24


def test_receive_issue_and_never_negative(people, stock):
    z, silla, user = stock["zacapa"], stock["silla"], people["zacapa"]
    services.receive(office=z, product=silla, quantity=10, date=D, origin="compra", reference="FAC-1",
                     acting_user=user)
    services.issue(office=z, product=silla, quantity=4, date=D + dt.timedelta(days=1), acting_user=user)
    assert level(z, silla) == 6
    with pytest.raises(ApplicationError, match="disponibles 6, solicitadas 7") as error:
        services.issue(office=z, product=silla, quantity=7, date=D + dt.timedelta(days=2), acting_user=user)
    assert error.value.field == "quantity"
    assert level(z, silla) == 6 and Movement.objects.count() == 2  # nothing saved
    # back-dated exit before the entry: the card would go negative on that day
    with pytest.raises(ApplicationError, match="disponibles 0"):
        services.issue(office=z, product=silla, quantity=1, date=D - dt.timedelta(days=1), acting_user=user)
    # back-dated exit between entry and the later exit: only 6 may leave
    with pytest.raises(ApplicationError, match="disponibles 6"):
        services.issue(office=z, product=silla, quantity=8, date=D, acting_user=user)


def test_entry_needs_origin_and_document(people, stock):
    with pytest.raises(ApplicationError, match="número de documento"):
        services.receive(office=stock["zacapa"], product=stock["silla"], quantity=1, date=D, origin="donacion",
                         reference=" ", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="compra o donación"):
        services.receive(office=stock["zacapa"], product=stock["silla"], quantity=1, date=D, origin="regalo",
                         reference="A-1", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="entre 1 y 100,000"):
        services.receive(office=stock["zacapa"], product=stock["silla"], quantity=0, date=D, origin="compra",
                         reference="A-1", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="futuro"):
        services.receive(office=stock["zacapa"], product=stock["silla"], quantity=1, origin="compra",
                         date=dt.date.today() + dt.timedelta(days=3), reference="A-1", acting_user=people["zacapa"])
    assert not Movement.objects.exists()


def test_transfer_moves_both_or_nothing(people, stock):
    admin, g, z = people["admin"], stock["guate"], stock["zacapa"]
    services.receive(office=g, product=stock["baston"], quantity=50, date=D, origin="donacion", reference="ACTA-9",
                     acting_user=admin)
    out, incoming = services.transfer(source=g, destination=z, product=stock["baston"], quantity=20, date=D,
                                      reference="ENV-1", acting_user=admin)
    assert (level(g, stock["baston"]), level(z, stock["baston"])) == (30, 20)
    assert out.pair_id == incoming.pk and incoming.pair_id == out.pk and out.other_office == z
    with pytest.raises(ApplicationError, match="disponibles 30"):
        services.transfer(source=g, destination=z, product=stock["baston"], quantity=31, date=D, acting_user=admin)
    assert (level(g, stock["baston"]), level(z, stock["baston"])) == (30, 20)
    with pytest.raises(ApplicationError, match="distinta"):
        services.transfer(source=g, destination=g, product=stock["baston"], quantity=1, date=D, acting_user=admin)


def test_card_has_running_balance(people, stock):
    z, b, user = stock["zacapa"], stock["baston"], people["zacapa"]
    services.receive(office=z, product=b, quantity=12, date=D, origin="compra", reference="F-1", acting_user=user)
    services.issue(office=z, product=b, quantity=5, date=D + dt.timedelta(days=10), acting_user=user)
    services.receive(office=z, product=b, quantity=3, date=D + dt.timedelta(days=5), origin="donacion",
                     reference="D-2", acting_user=user)  # recorded later, dated earlier
    card = selectors.card(user=user, office=z, product=b)
    assert [(r["in"], r["out"], r["balance"]) for r in card["rows"]] == [(12, 0, 12), (3, 0, 15), (0, 5, 10)]
    later = selectors.card(user=user, office=z, product=b, start=D + dt.timedelta(days=6))
    assert (later["opening"], later["closing"], len(later["rows"])) == (15, 10, 1)


def test_database_refuses_a_negative_level(stock):
    with pytest.raises(IntegrityError), transaction.atomic():
        StockLevel.objects.create(office=stock["zacapa"], product=stock["silla"], quantity=-1)


def test_scope_officer_cannot_use_other_department_stock(people, stock):
    services.receive(office=stock["jutiapa"], product=stock["silla"], quantity=5, date=D, origin="compra",
                     reference="F-9", acting_user=people["jutiapa"])
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.issue(office=stock["jutiapa"], product=stock["silla"], quantity=1, date=D,
                       acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        services.transfer(source=stock["jutiapa"], destination=stock["zacapa"], product=stock["silla"], quantity=1,
                          date=D, acting_user=people["zacapa"])
    with pytest.raises(PermissionDenied):
        services.receive(office=stock["zacapa"], product=stock["silla"], quantity=1, date=D, origin="compra",
                         reference="X", acting_user=people["auditor"])
    assert level(stock["jutiapa"], stock["silla"]) == 5
    offices = selectors.office_list(user=people["zacapa"])
    assert list(offices.values_list("code", flat=True)) == ["sede-19"]
    assert selectors.office_list(user=people["planner"]).count() == 24
    assert selectors.office_list(user=people["clerk"]).count() == 0
    assert not selectors.level_list(user=people["zacapa"]).filter(office=stock["jutiapa"]).exists()
