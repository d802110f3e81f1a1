"""API endpoints that save "the" row of a key (a woman's monthly income, her sales at a fair, a
center's list of the day): with If-Match the stored row is replaced only at that version, else 409
and nothing changes; without If-Match they replace, as documented (docs/reliability.md)."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from tejido.accounts.models import Role
from tejido.common.testing import api_client_for, make_person, make_user
from tejido.programs.models import RollCall
from tejido.programs.services import enrolment_create
from tejido.women import services as women
from tejido.women.models import FairSale, IncomeReport
from tejido.women.tests.conftest import women as women_data  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def post(api, url, body, version=None):
    headers = {"HTTP_IF_MATCH": f'"{version}"'} if version else {}
    return api.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def two_officers(people):
    second = make_user("zacapa2", Role.DEPARTMENT_OFFICER, departments=[people["zacapa"].departments.get()])
    return api_client_for(people["zacapa"]), api_client_for(second)


def test_income_report_if_match(people, women_data, two_officers):  # noqa: F811
    first, second = two_officers
    rosa = women_data["person"]["rosa"]
    body = {"person_id": rosa.pk, "month": "2023-05-01", "fair_sales": "0"}
    created = post(first, "/api/v1/mujer/ingresos", {**body, "own_sales": "1250"})
    assert created.status_code == 201, created.content
    seen = created.json()["version"]  # both officers read this version
    assert post(first, "/api/v1/mujer/ingresos", {**body, "own_sales": "1300"}, seen).status_code == 201
    stale = post(second, "/api/v1/mujer/ingresos", {**body, "own_sales": "900"}, seen)
    assert stale.status_code == 409 and stale.json()["version"] != seen
    assert "Otra persona modificó este registro" in stale.json()["detail"]
    assert IncomeReport.objects.get(person=rosa).own_sales == Decimal("1300.00")
    current = post(second, "/api/v1/mujer/ingresos", {**body, "own_sales": "900"}, stale.json()["version"])
    assert current.status_code == 201 and current.json()["own_sales"] in ("900.00", 900.0, "900")
    # No If-Match: the documented replace (last write wins).
    assert post(first, "/api/v1/mujer/ingresos", {**body, "own_sales": "10"}).status_code == 201
    assert IncomeReport.objects.get(person=rosa).own_sales == Decimal("10.00")


def test_fair_sale_if_match(people, women_data, two_officers):  # noqa: F811
    first, second = two_officers
    rosa, ana = women_data["person"]["rosa"], women_data["person"]["ana"]
    fair = women.fair_create(acting_user=people["zacapa"], topic="Feria de Zacapa",
                             municipality=women_data["zacapa"].municipality, start=dt.date(2023, 5, 10),
                             end=dt.date(2023, 5, 11), sales=[(rosa, "300")])
    url = f"/api/v1/mujer/comercializacion/{fair.pk}/ventas"
    created = post(first, url, {"person_id": ana.pk, "amount": "120.25"})
    assert created.status_code == 201, created.content
    seen = created.json()["version"]
    assert post(first, url, {"person_id": ana.pk, "amount": "150"}, seen).status_code == 201
    stale = post(second, url, {"person_id": ana.pk, "amount": "80"}, seen)
    assert stale.status_code == 409
    assert FairSale.objects.get(fair=fair, person=ana).amount == Decimal("150.00")


def test_daily_list_if_match(people, two_officers):
    first, second = two_officers
    cadi = people["zacapa_cadi"]
    kids = [enrolment_create(person=make_person(given_names=name, birth_date=dt.date(2021, 1, 10)), center=cadi,
                             program="childcare", start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
            for name in ("Ana", "Beto", "Cata")]
    url = "/api/v1/primera-infancia/asistencia"
    body = {"center_id": cadi.pk, "date": "2023-03-06"}
    created = post(first, url, {**body, "present_enrolment_ids": [kids[0].pk, kids[1].pk]})
    assert created.status_code == 201, created.content
    seen = created.json()["version"]
    assert seen
    corrected = post(first, url, {**body, "present_enrolment_ids": [kids[0].pk]}, seen)
    assert corrected.status_code == 201 and corrected.json()["version"] != seen
    stale = post(second, url, {**body, "present_enrolment_ids": [kids[2].pk]}, seen)
    assert stale.status_code == 409 and stale.json()["version"] == corrected.json()["version"]
    roll = RollCall.objects.get(center=cadi, date=dt.date(2023, 3, 6))
    assert list(roll.marks.filter(present=True).values_list("enrolment_id", flat=True)) == [kids[0].pk]


def test_schema_declares_if_match_and_409_on_the_replace_endpoints(people):
    schema = api_client_for(people["admin"]).get("/api/v1/openapi.json").json()
    for path in ("/api/v1/mujer/ingresos", "/api/v1/mujer/comercializacion/{event_id}/ventas",
                 "/api/v1/primera-infancia/asistencia"):
        operation = schema["paths"][path]["post"]
        assert "409" in operation["responses"], path
        assert any(p["name"] == "If-Match" and p["in"] == "header" for p in operation["parameters"]), path
