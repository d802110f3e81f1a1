"""Attacks on the women's program scope and rules: guessed ids in URLs, POST bodies and JSON,
read-only roles writing, planners reading names, bad amounts and dates, unescaped text."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tejido.common.models import AccessEvent
from tejido.common.testing import api_client_for as _api
from tejido.common.testing import client_for as _client
from tejido.common.testing import post_json as _post_json
from tejido.women import services
from tejido.women.models import FairSale, IncomeReport

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 5, 10)





@pytest.fixture
def fairs(people, women):
    """A Zacapa fair (Rosa sold Q100) and a Jutiapa fair (Juana sold Q50)."""
    zacapa = services.fair_create(acting_user=people["zacapa"], topic="Feria Zacapa", start=DAY, end=DAY,
                                  municipality=women["zacapa"].municipality,
                                  sales=[(women["person"]["rosa"], Decimal("100"))])
    jutiapa = services.fair_create(acting_user=people["jutiapa"], topic="Feria Jutiapa", start=DAY, end=DAY,
                                   municipality=women["jutiapa"].municipality,
                                   sales=[(women["person"]["juana"], Decimal("50"))])
    return {"zacapa": zacapa, "jutiapa": jutiapa}


# --- fairs and their sales ----------------------------------------------------------------------


def test_jutiapa_officer_cannot_open_or_write_a_zacapa_fair(people, women, fairs):
    client = _client(people["jutiapa"])
    url = f"/mujer/comercializacion/{fairs['zacapa'].pk}/"
    assert client.get(url).status_code == 404
    response = client.post(url, {"person_id": women["person"]["juana"].pk, "amount": "999"})
    assert response.status_code == 404
    assert not FairSale.objects.filter(fair=fairs["zacapa"], person=women["person"]["juana"]).exists()
    api = _api(people["jutiapa"])
    answer = _post_json(api, f"/api/v1/mujer/comercializacion/{fairs['zacapa'].pk}/ventas",
                        {"person_id": women["person"]["juana"].pk, "amount": "999"})
    assert answer.status_code == 404
    assert FairSale.objects.get(fair=fairs["zacapa"]).amount == Decimal("100.00")


def test_out_of_scope_fair_answers_like_a_missing_one(people, fairs):
    client = _client(people["jutiapa"])
    hidden = client.get(f"/mujer/comercializacion/{fairs['zacapa'].pk}/")
    missing = client.get("/mujer/comercializacion/99999999/")
    assert hidden.status_code == missing.status_code == 404


def test_zacapa_officer_cannot_name_a_jutiapa_woman_in_a_sale(people, women, fairs):
    client = _client(people["zacapa"])
    response = client.post(f"/mujer/comercializacion/{fairs['zacapa'].pk}/",
                           {"person_id": women["person"]["juana"].pk, "amount": "10"})
    assert response.status_code == 200
    assert "No existe una mujer con ese número en su territorio" in response.content.decode()
    assert not FairSale.objects.filter(person=women["person"]["juana"], fair=fairs["zacapa"]).exists()
    api = _post_json(_api(people["zacapa"]), f"/api/v1/mujer/comercializacion/{fairs['zacapa'].pk}/ventas",
                     {"person_id": women["person"]["juana"].pk, "amount": "10"})
    assert api.status_code == 404


def test_zacapa_officer_cannot_create_a_fair_in_jutiapa_nor_name_juana(people, women):
    client = _client(people["zacapa"])
    before = FairSale.objects.count()
    response = client.post("/mujer/comercializacion/", {
        "topic": "Feria pirata", "municipality": women["jutiapa"].municipality_id, "start": "10/05/2023",
        "end": "10/05/2023", "unnamed_participants": 3})
    assert response.status_code == 200 and "Feria pirata" not in str(list(FairSale.objects.all()))
    response = client.post("/mujer/comercializacion/", {
        "topic": "Feria con Juana", "municipality": women["zacapa"].municipality_id, "start": "10/05/2023",
        "end": "10/05/2023", "unnamed_participants": 0, "person_id": women["person"]["juana"].pk, "amount": "5"})
    assert "No existe una mujer con ese número en su territorio" in response.content.decode()
    api = _post_json(_api(people["zacapa"]), "/api/v1/mujer/comercializacion", {
        "topic": "Feria API", "municipality_id": women["jutiapa"].municipality_id, "start": "2023-05-10",
        "end": "2023-05-10", "unnamed_participants": 4})
    assert api.status_code == 400 and "fuera de los departamentos" in api.json()["detail"]
    api = _post_json(_api(people["zacapa"]), "/api/v1/mujer/comercializacion", {
        "topic": "Feria API", "municipality_id": women["zacapa"].municipality_id, "start": "2023-05-10",
        "end": "2023-05-10", "sales": [{"person_id": women["person"]["juana"].pk, "amount": "5"}]})
    assert api.status_code == 404
    assert FairSale.objects.count() == before


def test_planner_never_sees_sales_names_and_auditor_cannot_write(people, women, fairs):
    planner = _client(people["planner"])
    assert planner.get(f"/mujer/comercializacion/{fairs['zacapa'].pk}/").status_code == 403
    listing = planner.get("/mujer/comercializacion/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Orellana" not in listing and "Rosa" not in listing
    api = _api(people["planner"])
    assert _post_json(api, f"/api/v1/mujer/comercializacion/{fairs['zacapa'].pk}/ventas",
                      {"person_id": women["person"]["rosa"].pk, "amount": "1"}).status_code == 403
    auditor = _client(people["auditor"])
    assert auditor.get(f"/mujer/comercializacion/{fairs['zacapa'].pk}/").status_code == 200
    auditor.post(f"/mujer/comercializacion/{fairs['zacapa'].pk}/",
                 {"person_id": women["person"]["rosa"].pk, "amount": "7"})
    answer = _post_json(_api(people["auditor"]), f"/api/v1/mujer/comercializacion/{fairs['zacapa'].pk}/ventas",
                        {"person_id": women["person"]["rosa"].pk, "amount": "7"})
    assert answer.status_code == 403
    assert FairSale.objects.get(fair=fairs["zacapa"]).amount == Decimal("100.00")


def test_center_clerk_cannot_open_fairs(people, fairs):
    clerk = _client(people["clerk"])
    assert clerk.get(f"/mujer/comercializacion/{fairs['zacapa'].pk}/").status_code == 404


@pytest.mark.parametrize("amount", ["-1", "-0.01", "10000000000000", "1.234", "NaN", "Infinity", "1e400", "abc"])
def test_bad_sale_amounts_are_refused_in_spanish(people, women, fairs, amount):
    client = _client(people["zacapa"])
    response = client.post(f"/mujer/comercializacion/{fairs['zacapa'].pk}/",
                           {"person_id": women["person"]["ana"].pk, "amount": amount})
    assert response.status_code == 200
    body = response.content.decode()
    assert any(text in body for text in ("negativo", "fuera de rango", "dos decimales", "Escriba un monto"))
    assert not FairSale.objects.filter(person=women["person"]["ana"]).exists()


@pytest.mark.parametrize("amount", ["-1", "10000000000000", "1.234", "NaN"])
def test_bad_sale_amounts_are_refused_by_the_api(people, women, fairs, amount):
    answer = _post_json(_api(people["zacapa"]), f"/api/v1/mujer/comercializacion/{fairs['zacapa'].pk}/ventas",
                        {"person_id": women["person"]["ana"].pk, "amount": amount})
    assert answer.status_code in (400, 422)
    assert not FairSale.objects.filter(person=women["person"]["ana"]).exists()


def test_fair_in_the_future_is_refused(people, women):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    answer = _post_json(_api(people["zacapa"]), "/api/v1/mujer/comercializacion", {
        "topic": "Feria futura", "municipality_id": women["zacapa"].municipality_id,
        "start": tomorrow.isoformat(), "end": tomorrow.isoformat(), "unnamed_participants": 2})
    assert answer.status_code == 400 and "futuro" in answer.json()["detail"]


def test_fair_page_logs_the_access_to_names(people, fairs):
    _client(people["zacapa"]).get(f"/mujer/comercializacion/{fairs['zacapa'].pk}/")
    assert AccessEvent.objects.filter(user=people["zacapa"], model="women.Fair",
                                      object_id=str(fairs["zacapa"].pk)).exists()


def test_fair_topic_is_escaped(people, women):
    fair = services.fair_create(acting_user=people["zacapa"], topic="<script>alert(1)</script>", start=DAY,
                                end=DAY, municipality=women["zacapa"].municipality, unnamed_participants=1)
    body = _client(people["zacapa"]).get(f"/mujer/comercializacion/{fair.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


# --- monthly income ----------------------------------------------------------------------------


def test_zacapa_officer_cannot_report_income_of_a_jutiapa_woman(people, women):
    client = _client(people["zacapa"])
    response = client.post("/mujer/ingresos/", {"person_id": women["person"]["juana"].pk, "month": "2023-05",
                                                "own_sales": "100"})
    assert "No existe una mujer con ese número en su territorio" in response.content.decode()
    answer = _post_json(_api(people["zacapa"]), "/api/v1/mujer/ingresos",
                        {"person_id": women["person"]["juana"].pk, "month": "2023-05-01", "own_sales": "100"})
    assert answer.status_code == 404
    assert not IncomeReport.objects.exists()


def test_income_reports_are_not_readable_across_departments_or_by_planners(people, women):
    services.income_report_save(acting_user=people["jutiapa"], person=women["person"]["juana"],
                                month=dt.date(2023, 5, 1), own_sales=Decimal("321.00"))
    page = _client(people["zacapa"]).get("/mujer/ingresos/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Morales" not in page and "321" not in page
    answer = _api(people["zacapa"]).get("/api/v1/mujer/ingresos?desde=2023-01-01&hasta=2023-12-31")
    assert answer.status_code == 200 and answer.json()["items"] == []
    assert _client(people["planner"]).get("/mujer/ingresos/").status_code == 403
    planner = _api(people["planner"]).get("/api/v1/mujer/ingresos?desde=2023-01-01&hasta=2023-12-31")
    assert planner.status_code in (200, 403)
    if planner.status_code == 200:
        assert planner.json()["items"] == []


def test_read_only_roles_cannot_save_income(people, women):
    auditor = _client(people["auditor"])
    auditor.post("/mujer/ingresos/", {"person_id": women["person"]["rosa"].pk, "month": "2023-05",
                                      "own_sales": "100"})
    answer = _post_json(_api(people["auditor"]), "/api/v1/mujer/ingresos",
                        {"person_id": women["person"]["rosa"].pk, "month": "2023-05-01", "own_sales": "100"})
    assert answer.status_code == 403
    assert _post_json(_api(people["planner"]), "/api/v1/mujer/ingresos",
                      {"person_id": women["person"]["rosa"].pk, "month": "2023-05-01",
                       "own_sales": "100"}).status_code == 403
    assert not IncomeReport.objects.exists()


def test_clerk_cannot_save_income_at_a_unit_that_is_not_theirs(people, women):
    answer = _post_json(_api(people["clerk"]), "/api/v1/mujer/ingresos",
                        {"person_id": women["person"]["rosa"].pk, "month": "2023-05-01", "own_sales": "100"})
    assert answer.status_code in (400, 403, 404)
    assert not IncomeReport.objects.exists()


@pytest.mark.parametrize("field, value", [("own_sales", "-5"), ("own_sales", "99999999999999"),
                                          ("fair_sales", "-0.5"), ("own_sales", "0.001")])
def test_bad_income_amounts_are_refused(people, women, field, value):
    data = {"person_id": women["person"]["rosa"].pk, "month": "2023-05", "own_sales": "10", field: value}
    response = _client(people["zacapa"]).post("/mujer/ingresos/", data)
    assert response.status_code == 200
    assert not IncomeReport.objects.exists()


def test_income_for_a_future_month_is_refused(people, women):
    future = (timezone.localdate().replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    answer = _post_json(_api(people["zacapa"]), "/api/v1/mujer/ingresos",
                        {"person_id": women["person"]["rosa"].pk, "month": future.isoformat(), "own_sales": "1"})
    assert answer.status_code == 400 and "futuro" in answer.json()["detail"]
    assert not IncomeReport.objects.exists()


def test_income_page_that_lists_names_logs_the_access(people, women):
    """The income page lists women by name with their income: personal data, so it is logged
    like the fair page and the woman search."""
    services.income_report_save(acting_user=people["zacapa"], person=women["person"]["rosa"],
                                month=dt.date(2023, 5, 1), own_sales=Decimal("10"))
    before = AccessEvent.objects.filter(user=people["zacapa"]).count()
    body = _client(people["zacapa"]).get("/mujer/ingresos/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Orellana" in body
    assert AccessEvent.objects.filter(user=people["zacapa"]).count() > before


# --- trainings and searches --------------------------------------------------------------------


def test_participants_of_a_jutiapa_unit_are_not_listed_to_zacapa(people, women):
    body = _client(people["zacapa"]).get(
        f"/mujer/capacitaciones/participantes/?center={women['jutiapa'].pk}&date=2023-05-10").content.decode()
    assert "Morales" not in body and "Juana" not in body
    planner = _client(people["planner"]).get(
        f"/mujer/capacitaciones/participantes/?center={women['zacapa'].pk}&date=2023-05-10").content.decode()
    assert "Orellana" not in planner


def test_woman_search_does_not_cross_departments(people, women):
    body = _client(people["zacapa"]).get("/mujer/buscar-mujer/?q=Juana").content.decode()
    assert "Morales" not in body
    assert _client(people["planner"]).get("/mujer/buscar-mujer/?q=Rosa").status_code == 403


def test_training_cannot_name_a_jutiapa_woman_nor_use_a_jutiapa_unit(people, women):
    client = _client(people["zacapa"])
    response = client.post("/mujer/capacitaciones/", {
        "training_kind": "actividad_productiva", "product_line": "tejidos", "date": "10/05/2023",
        "municipality": women["zacapa"].municipality_id, "participant_ids": [women["person"]["juana"].pk]})
    assert "no existe en su territorio" in response.content.decode()
    api = _api(people["zacapa"])
    answer = _post_json(api, "/api/v1/mujer/capacitaciones", {
        "training_kind": "actividad_productiva", "product_line": "dulces_tipicos", "date": "2023-05-10",
        "municipality_id": women["jutiapa"].municipality_id, "center_id": women["jutiapa"].pk,
        "unnamed_participants": 3})
    assert answer.status_code == 404
    answer = _post_json(api, "/api/v1/mujer/capacitaciones", {
        "training_kind": "actividad_productiva", "product_line": "tejidos", "date": "2023-05-10",
        "municipality_id": women["zacapa"].municipality_id, "participant_ids": [women["person"]["juana"].pk]})
    assert answer.status_code == 404
    from tejido.women.models import Training

    assert not Training.objects.exists()


# --- figures -----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/mujer/cifras/?desde=0001-01-01&hasta=0001-12-31",
                                 "/api/v1/mujer/cifras?desde=0001-01-01&hasta=0001-12-31"])
def test_figures_for_year_one_are_not_a_server_error(people, women, url):
    """_years_before(end, 60) steps before year 1 and raises ValueError (a 500)."""
    client = _api(people["zacapa"]) if url.startswith("/api/") else _client(people["zacapa"])
    client.raise_request_exception = False
    assert client.get(url).status_code in (200, 400, 422)


def test_planner_figures_carry_no_names(people, women, fairs):
    body = _client(people["planner"]).get("/mujer/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Orellana" not in body and "Morales" not in body
    api = _api(people["planner"]).get("/api/v1/mujer/cifras?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Orellana" not in api and "Morales" not in api


def test_a_woman_served_at_a_zacapa_fair_but_registered_elsewhere_is_named_without_a_dead_link(people, women,
                                                                                               fairs):
    """Issue 16 item 12: the fair (in scope) names everyone who sold there; a woman the Zacapa
    officer may not open (registered in Jutiapa) keeps her name, not a link that answers 404."""
    juana = women["person"]["juana"]
    fair = fairs["zacapa"]
    services.fair_sale_save(acting_user=people["central"], fair=fair, person=juana, amount=Decimal("30"))
    client = _client(people["zacapa"])
    html = client.get(f"/mujer/comercializacion/{fair.pk}/").content.decode()
    assert juana.given_names in html
    assert f'href="/personas/{juana.pk}/"' not in html
    assert client.get(f"/personas/{juana.pk}/").status_code == 404
    rosa = women["person"]["rosa"]
    assert f'href="/personas/{rosa.pk}/"' in html
