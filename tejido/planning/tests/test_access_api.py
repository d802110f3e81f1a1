"""Who may change the plan and the budget (admin and planning staff only), what a Zacapa
officer sees, the pages and the API."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tejido.common.errors import PermissionDenied
from tejido.common.testing import api_client_for as _api
from tejido.planning import figures
from tejido.planning.budget_import import import_execution
from tejido.planning.models import BudgetLine, Output
from tejido.planning.services import budget_line_set, manual_set, output_update

from .conftest import PERIOD
from .test_budget import GOOD

pytestmark = pytest.mark.django_db



def _web(user):
    client = Client()
    client.force_login(user)
    return client


def _output(name):
    return Output.objects.get(name=name, parent__isnull=False)


def test_departmental_officers_and_others_cannot_change_plan_or_budget(people, records):
    training = _output("Formación")
    for who in ("zacapa", "central", "auditor", "clerk"):
        user = people[who]
        with pytest.raises(PermissionDenied, match="Solo Administración y Planificación"):
            output_update(output=training, acting_user=user, initial_target=1, current_target=1, monthly_targets=[],
                          rule="manual", params={})
        with pytest.raises(PermissionDenied):
            import_execution(data=GOOD.encode(), file_name="e.csv", acting_user=user)
        with pytest.raises(PermissionDenied):
            manual_set(output=records["documents"], month=4, value=1, acting_user=user)
        with pytest.raises(PermissionDenied):
            budget_line_set(activity=training.activity, group="000", month=1, assigned=1, current=1, executed=1,
                            acting_user=user)
    assert BudgetLine.objects.count() == 0
    with pytest.raises(PermissionDenied, match="roles nacionales"):
        figures.budget_execution(people["zacapa"], *PERIOD)


def test_pages_for_the_zacapa_officer(people, records, plan):
    web = _web(people["zacapa"])
    page = web.get("/planificacion/2024/?desde=2024-01-01&hasta=2024-06-30")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Formación" in text and "Editar" not in text and "nacionales" in text
    edit = web.get(f"/planificacion/productos/{_output('Formación').pk}/")
    assert edit.status_code == 403 and "Solo Administración y Planificación" in edit.content.decode()
    assert web.get("/planificacion/2024/presupuesto/").status_code == 403
    upload = SimpleUploadedFile("e.csv", GOOD.encode(), content_type="text/csv")
    post = web.post("/planificacion/2024/presupuesto/", {"action": "import", "file": upload})
    assert post.status_code == 403 and BudgetLine.objects.count() == 0


def test_planner_edits_an_output_and_imports_by_page(people, records, plan):
    web = _web(people["planner"])
    assert web.get("/planificacion/").status_code == 302
    training = _output("Formación")
    page = web.get(f"/planificacion/productos/{training.pk}/")
    assert page.status_code == 200 and "Regla de conteo" in page.content.decode()
    form = {"initial_target": 4, "current_target": 6, "kind": "events_held", "program": "women",
            "event_kinds": ["capacitacion", "comercializacion"], "category": "", "center_kind": "", "note": "",
            **{f"month_{m}": 1 if 3 <= m <= 8 else 0 for m in range(1, 13)}}
    assert web.post(f"/planificacion/productos/{training.pk}/", form).status_code == 302
    training.refresh_from_db()
    assert training.current_target == 6 and training.indicator.params["event_kinds"] == ["capacitacion",
                                                                                          "comercializacion"]
    bad = web.post(f"/planificacion/productos/{training.pk}/", {**form, "month_1": 5})
    assert bad.status_code == 200 and "deben coincidir" in bad.content.decode()
    missing = web.post(f"/planificacion/productos/{training.pk}/", {**form, "event_kinds": []})
    assert "Falta el parámetro" in missing.content.decode()
    # Typed documents for a manual rule.
    documents = records["documents"]
    manual = {"initial_target": 12, "current_target": 12, "kind": "manual", "manual_4": 2, "manual_1": 1,
              "manual_2": 1, "manual_3": 1}
    assert web.post(f"/planificacion/productos/{documents.pk}/", manual).status_code == 302
    assert sorted(documents.manual_values.values_list("month", "value")) == [(1, 1), (2, 1), (3, 1), (4, 2)]

    bad_file = SimpleUploadedFile("e.csv", (GOOD + "2024,3,Nada,000,1,1,1\n").encode(), content_type="text/csv")
    response = web.post("/planificacion/2024/presupuesto/", {"action": "import", "file": bad_file})
    text = response.content.decode()
    assert response.status_code == 200 and "Fila 8, columna «actividad»" in text and "No se importó nada" in text
    assert BudgetLine.objects.count() == 0
    good_file = SimpleUploadedFile("e.csv", GOOD.encode(), content_type="text/csv")
    assert web.post("/planificacion/2024/presupuesto/", {"action": "import", "file": good_file}).status_code == 302
    page = web.get("/planificacion/2024/presupuesto/?desde=2024-01-01&hasta=2024-02-29").content.decode()
    assert "Q1,300.00" in page and "23.08" in page and "Servicios personales" in page
    line = {"action": "line", "activity": plan.activities.get(code="mujer").pk, "group": "200", "month": 3,
            "assigned": "300", "current": "320", "executed": "abc"}
    assert "Escriba un monto" in web.post("/planificacion/2024/presupuesto/", line).content.decode()
    assert web.post("/planificacion/2024/presupuesto/", {**line, "executed": "80"}).status_code == 302
    assert BudgetLine.objects.count() == 7


def test_api_plan_budget_and_import(people, records, plan):
    zacapa, planner = _api(people["zacapa"]), _api(people["planner"])
    body = zacapa.get("/api/v1/planificacion/planes/2024?desde=2024-01-01&hasta=2024-06-30").json()
    executed = {r["output"]: r["executed"] for r in body["rows"] if r["kind"] == "suboutput"}
    assert executed["En centros diurnos"] == 2 and executed["En centros permanentes"] == 0
    assert body["total"] == {"output": "TOTAL PERSONAS BENEFICIADAS", "target": 19, "executed": 4,
                             "percent": "21.05", "executed_ytd": 4, "percent_ytd": "21.05"}
    national = planner.get("/api/v1/planificacion/planes/2024?desde=2024-01-01&hasta=2024-06-30").json()
    assert national["total"]["executed"] == 6
    assert planner.get("/api/v1/planificacion/planes/2019").status_code == 404

    upload = SimpleUploadedFile("e.csv", GOOD.encode(), content_type="text/csv")
    refused = zacapa.post("/api/v1/planificacion/presupuesto/importacion", {"file": upload})
    assert refused.status_code == 403 and "Planificación" in refused.json()["detail"]
    bad = SimpleUploadedFile("e.csv", (GOOD + "2024,1,Dirección y Coordinación,000,1,1,uno\n").encode())
    response = planner.post("/api/v1/planificacion/presupuesto/importacion", {"file": bad})
    assert response.status_code == 400 and response.json()["detail"].startswith("Fila 8, columna «ejecutado»")
    assert BudgetLine.objects.count() == 0
    good = SimpleUploadedFile("e.csv", GOOD.encode())
    created = planner.post("/api/v1/planificacion/presupuesto/importacion", {"file": good})
    assert created.status_code == 201 and created.json()["rows"] == 6 and created.json()["months"] == [1, 2]

    budget = planner.get("/api/v1/planificacion/presupuesto?desde=2024-01-01&hasta=2024-02-29").json()
    assert budget["totals"] == {"assigned": "2800.00", "current": "2950.00", "executed": "390.00",
                                "percent": "13.22", "executed_ytd": "390.00", "percent_ytd": "13.22",
                                "balance": "2560.00"}
    # February alone: the period's 190 (150 + 30 + 10) and the year's 390 to February
    february = planner.get("/api/v1/planificacion/presupuesto?desde=2024-02-01&hasta=2024-02-29").json()
    assert february["totals"] == {"assigned": "2800.00", "current": "2950.00", "executed": "190.00",
                                  "percent": "6.44", "executed_ytd": "390.00", "percent_ytd": "13.22",
                                  "balance": "2560.00"}
    assert budget["by_group"][0]["group"] == "000" and budget["by_group"][0]["percent"] == "17.37"
    assert zacapa.get("/api/v1/planificacion/presupuesto?desde=2024-01-01&hasta=2024-02-29").status_code == 403
    assert json.loads(Client().get("/api/v1/planificacion/presupuesto?desde=2024-01-01&hasta=2024-02-29")
                      .content)["detail"]


def test_report_table_adapters(people, records, plan):
    from tejido.planning.report_tables import budget_by_group, budget_execution, physical_targets
    from tejido.reports.period import Period

    period = Period.between(*PERIOD)
    table = physical_targets(people["planner"], period).as_contract()
    assert [c["id"] for c in table["columns"]] == ["output", "unit", "target", "executed", "percent",
                                                    "executed_ytd", "percent_ytd"]
    assert table["totals"] == {"output": "TOTAL PERSONAS BENEFICIADAS", "unit": "", "target": 19, "executed": 6,
                               "percent": 31.58, "executed_ytd": 6, "percent_ytd": 31.58}
    # April to June: the period's own execution, and January to June as «ejecución acumulada»:
    # documents typed 1 a month in January-March (0 in the period, 3 so far: 25 % of 12); the
    # Zacapa productive unit opened on 1 March (0 in the period, 1 so far of 2)
    spring = physical_targets(people["planner"], Period.between(dt.date(2024, 4, 1), dt.date(2024, 6, 30)))
    rows = spring.as_contract()["rows"]
    documents = [r for r in rows if r["output"] == "Documentos"]  # the product and its sub-output
    assert len(documents) == 2 and all(
        (r["executed"], r["percent"], r["executed_ytd"], r["percent_ytd"]) == (0, 0.0, 3, 25.0) for r in documents)
    units = next(r for r in rows if r["output"] == "Unidades productivas")
    assert (units["executed"], units["executed_ytd"], units["percent_ytd"]) == (0, 1, 50.0)
    import_execution(data=GOOD.encode(), file_name="e.csv", acting_user=people["planner"])
    budget = budget_execution(people["planner"], Period.between(dt.date(2024, 1, 1), dt.date(2024, 2, 29)))
    contract = budget.as_contract()
    assert [(c["id"], c["kind"]) for c in contract["columns"]] == [
        ("activity", "text"), ("assigned", "money"), ("current", "money"), ("executed", "money"),
        ("percent", "percent"), ("executed_ytd", "money"), ("percent_ytd", "percent"), ("balance", "money")]
    assert contract["totals"]["percent"] == 13.22 and contract["rows"][0]["executed"] == 300.0
    # Seed 003's first table: one row per spending group, the same totals (hand-computed in test_budget)
    groups = budget_by_group(people["planner"], Period.between(dt.date(2024, 2, 1), dt.date(2024, 2, 29)))
    groups = groups.as_contract()
    assert [r["group"] for r in groups["rows"]][:2] == ["000 Servicios personales", "100 Servicios no personales"]
    # 000 in February: 150 executed in the month (Dirección); to date 100 + 150 (Dirección) + 80 (Adulto
    # mayor, January) = 330 of 1,100 + 800 = 1,900 current -> 17.37 %, balance 1,570
    assert {k: groups["rows"][0][k] for k in ("current", "executed", "executed_ytd", "percent_ytd", "balance")} == {
        "current": 1900.0, "executed": 150.0, "executed_ytd": 330.0, "percent_ytd": 17.37, "balance": 1570.0}
    assert groups["totals"]["executed"] == 190.0 and groups["totals"]["executed_ytd"] == 390.0
    assert budget_by_group(people["zacapa"], period).rows == []  # national roles only
    assert budget_execution(people["zacapa"], period).rows == []
