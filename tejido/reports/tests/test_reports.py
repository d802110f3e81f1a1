"""The report engine: periods, the JSON contract, scope narrowing, and the same numbers in
HTML, XLSX and JSON, on hand-built records."""

import datetime as dt
import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from tejido.accounts.models import ApiToken
from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_create
from tejido.reports.builder import build_report
from tejido.reports.formats.xlsx import report_xlsx
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)


@pytest.fixture
def elders(people):
    """Zacapa day center: a man and a woman; Jutiapa residence: a woman (enrolled 2023-02-01).
    A Zacapa man enrolled in 2024 is outside the 2023 period."""
    day = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno Zacapa")
    home = make_center(JUTIAPA_TOWN, kind="elderly_residential", name="CAP Jutiapa")
    for center, sex, start in ((day, "M", dt.date(2023, 2, 1)), (day, "F", dt.date(2023, 2, 1)),
                               (home, "F", dt.date(2023, 2, 1)), (day, "M", dt.date(2024, 1, 10))):
        person = make_person(center.municipality_id, sex=sex, birth_date=dt.date(1950, 1, 1))
        enrolment_create(person=person, center=center, program="elderly", start=start, acting_user=people["central"])


def _table(report, table_id):
    return next(t for t in report["tables"] if t["id"] == table_id)


def test_periods():
    assert (Period.four_month(2021, 1).start, Period.four_month(2021, 1).end) == (dt.date(2021, 1, 1),
                                                                                  dt.date(2021, 4, 30))
    assert Period.four_month(2024, 3).end == dt.date(2024, 12, 31)
    assert Period.month(2024, 2).end == dt.date(2024, 2, 29)
    assert Period.four_month(2021, 1).label == "enero a abril de 2021"
    with pytest.raises(ApplicationError, match="termina antes de empezar"):
        Period.between(dt.date(2023, 5, 1), dt.date(2023, 4, 1))
    with pytest.raises(ApplicationError, match="1, 2 o 3"):
        Period.four_month(2023, 4)


def test_annual_report_contract_with_hand_computed_elderly_table(people, elders):
    report = build_report("annual", user=people["planner"], period=YEAR)
    assert report["report"] == "annual" and report["period"] == {"start": "2023-01-01", "end": "2023-12-31",
                                                                 "label": "año 2023"}
    assert report["scope"] == {"national": True, "departments": [], "program": None}
    table = _table(report, "elderly.by_department")
    assert [c["id"] for c in table["columns"]] == ["department", "municipalities", "day_centers",
                                                   "residential_centers", "men", "women", "beneficiaries"]
    assert table["rows"] == [
        {"department": "Jutiapa", "municipalities": 1, "day_centers": 0, "residential_centers": 1, "men": 0,
         "women": 1, "beneficiaries": 1},
        {"department": "Zacapa", "municipalities": 1, "day_centers": 1, "residential_centers": 0, "men": 1,
         "women": 1, "beneficiaries": 2},
    ]
    assert table["totals"] == {"department": "Total", "municipalities": 2, "day_centers": 1,
                               "residential_centers": 1, "men": 1, "women": 2, "beneficiaries": 3}
    assert json.loads(json.dumps(report)) == report  # plain JSON values only


def test_department_narrowing_and_scope(people, elders):
    zacapa_only = build_report("annual", user=people["planner"], period=YEAR, departments=[19])
    assert zacapa_only["scope"]["departments"] == ["Zacapa"]
    table = _table(zacapa_only, "elderly.by_department")
    assert [r["department"] for r in table["rows"]] == ["Zacapa"] and table["totals"]["beneficiaries"] == 2
    officer = build_report("annual", user=people["zacapa"], period=YEAR)
    assert [r["department"] for r in _table(officer, "elderly.by_department")["rows"]] == ["Zacapa"]
    assert officer["scope"] == {"national": False, "departments": ["Zacapa"], "program": None}
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        build_report("annual", user=people["zacapa"], period=YEAR, departments=[22])
    only_elderly = build_report("annual", user=people["planner"], period=YEAR, program="elderly")
    assert {t["id"].split(".")[0] for t in only_elderly["tables"]} == {"elderly"}


def test_xlsx_and_html_carry_the_json_numbers(people, elders):
    report = build_report("annual", user=people["planner"], period=YEAR)
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    for index, table in enumerate(report["tables"], start=1):
        sheet = book[f"{index:02d} {table['id']}"[:31]]
        values = list(sheet.iter_rows(min_row=4, values_only=True))
        def cells(row, table=table):  # an empty text is an empty cell in a spreadsheet
            return tuple(None if row.get(c["id"]) == "" else row.get(c["id"]) for c in table["columns"])

        expected = [cells(r) for r in table["rows"]]
        if table["totals"]:
            expected.append(cells(table["totals"]))
        assert values == expected, table["id"]
    client = Client()
    client.force_login(people["planner"])
    html = client.get("/informes/?informe=annual&tipo=anio&anio=2023").content.decode()
    assert "Personas adultas mayores beneficiadas por departamento" in html
    downloaded = client.get("/informes/?informe=annual&tipo=anio&anio=2023&formato=json")
    body = json.loads(downloaded.content)
    assert _table(body, "elderly.by_department")["totals"]["beneficiaries"] == 3
    xlsx = client.get("/informes/?informe=annual&tipo=anio&anio=2023&formato=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_report_page_errors_are_spanish_and_scoped(people, elders):
    client = Client()
    client.force_login(people["zacapa"])
    bad = client.get("/informes/?informe=annual&tipo=rango&anio=2023&desde=2023-05-01&hasta=2023-04-01")
    assert "El periodo termina antes de empezar" in bad.content.decode()
    missing = client.get("/informes/?informe=annual&tipo=cuatrimestre&anio=2023")
    assert "Elija el cuatrimestre" in missing.content.decode()
    other = client.get("/informes/?informe=annual&tipo=anio&anio=2023&departamento=22")
    assert "Elija departamentos de la lista" in other.content.decode()  # Jutiapa is not offered
    own = client.get("/informes/?informe=four_monthly&tipo=cuatrimestre&cuatrimestre=1&anio=2023").content.decode()
    assert "enero a abril de 2023" in own and "Jutiapa" not in own


def test_api_and_command(people, elders, tmp_path):
    _token, key = ApiToken.issue(people["jutiapa"], "pruebas")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = api.get("/api/v1/informes/annual?anio=2023").json()
    assert _table(body, "elderly.by_department")["totals"]["beneficiaries"] == 1
    assert api.get("/api/v1/informes/annual?anio=2023&departamento=19").status_code == 400
    assert api.get("/api/v1/informes/nada?anio=2023").status_code == 400
    out = tmp_path / "memoria.json"
    call_command("build_report", "annual", "--year", "2023", "--format", "json", "--out", str(out))
    assert _table(json.loads(out.read_text()), "elderly.by_department")["totals"]["beneficiaries"] == 3
    xlsx = tmp_path / "memoria.xlsx"
    call_command("build_report", "four_monthly", "--year", "2023", "--four-month", "1", "--department", "19",
                 "--format", "xlsx", "--out", str(xlsx))
    cover = load_workbook(xlsx)["Informe"]
    assert cover["A2"].value.startswith("Periodo: enero a abril de 2023") and cover["A3"].value == "Alcance: Zacapa"


def test_docx_and_pdf_carry_the_same_numbers_with_charts_and_map(people, elders):
    from docx import Document
    from pypdf import PdfReader

    from tejido.reports.formats.docx import report_docx
    from tejido.reports.formats.pdf import report_pdf

    report = build_report("annual", user=people["planner"], period=YEAR, program="elderly")
    table = _table(report, "elderly.by_department")
    expected_rows = [["Jutiapa", "1", "0", "1", "0", "1", "1"], ["Zacapa", "1", "1", "0", "1", "1", "2"],
                     ["Total", "2", "1", "1", "1", "2", "3"]]
    document = Document(io.BytesIO(report_docx(report)))
    grid = document.tables[[t["id"] for t in report["tables"]].index(table["id"])]
    assert [[c.text for c in row.cells] for row in grid.rows][1:] == expected_rows
    assert len(document.inline_shapes) >= 2  # the bar chart and the department map
    pages = PdfReader(io.BytesIO(report_pdf(report))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())  # cells come out one per line
    for row in expected_rows:
        assert " ".join(row) in text
    client = Client()
    client.force_login(people["planner"])
    page = client.get("/informes/?informe=annual&tipo=anio&anio=2023&programa=elderly&graficas=1").content.decode()
    # the page carries the charts' addresses; each picture comes after the page
    charts = [html.unescape(src) for src in re.findall(r'<img class="chart" loading="lazy" [^>]*src="([^"]+)"', page)]
    assert len(charts) >= 2 and any("dibujo=mapa" in src for src in charts)
    for src in charts:
        picture = client.get(src)
        assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
        assert picture.content.startswith(b"\x89PNG")
    pdf = client.get("/informes/?informe=annual&tipo=anio&anio=2023&formato=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_migrant_tables_follow_the_figures(people):
    from tejido.migrants.services import MemberData, reception_create
    from tejido.territory.models import Municipality

    center = make_center(101, kind="migrant_reception", name="Centro de Recepción FAG")
    members = [MemberData(given_names="Ana", first_surname="Pérez", sex="F", age_years=30, relationship="jefe"),
               MemberData(given_names="Luis", first_surname="Pérez", sex="M", age_years=8, relationship="hijo"),
               MemberData(given_names="Eva", first_surname="Pérez", sex="F", age_years=4, relationship="hijo")]
    reception_create(acting_user=people["central"], date=dt.date(2023, 6, 1), center=center, arrival_mode="aerea",
                     returned_from="mexico",
                     destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN), members=members)
    report = build_report("annual", user=people["planner"], period=YEAR, program="social_service")
    table = _table(report, "migrants.by_destination_department")
    assert table["rows"] == [{"department": "Zacapa", "families": 1, "men": 0, "women": 1, "minors": 2, "people": 3}]
    assert _table(report, "migrants.by_reception_center")["totals"]["families"] == 1


def test_women_and_social_service_tables_in_the_seed_order_with_money_as_numbers(people):
    from decimal import Decimal

    from tejido.territory.models import Municipality
    from tejido.women import services as women

    unit = women.unit_create(acting_user=people["zacapa"], municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                             name="Unidad Las Flores", product_line="velas")
    woman = make_person(sex="F", birth_date=dt.date(1985, 3, 1))
    women.woman_enrol(person=woman, center=unit, start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    women.income_report_save(acting_user=people["zacapa"], person=woman, month=dt.date(2023, 5, 1),
                             own_sales=Decimal("1250.50"), fair_sales=Decimal("99.995"))
    report = build_report("annual", user=people["planner"], period=YEAR)
    order = [t["id"].split(".")[0] for t in report["tables"]]
    sections = ["childcare", "protection", "women", "social_service", "migrants", "elderly", "donations", "shelters",
                "agreements", "programs", "planning"]
    assert order == sorted(order, key=sections.index)
    assert _table(report, "women.by_department")["rows"] == [
        {"department": "Zacapa", "municipalities": 1, "women": 1, "productive_units": 1, "training_events": 0,
         "commercial_events": 0}]
    income = _table(report, "women.income_by_department")
    assert income["totals"] == {"department": "Total", "sales": 1250.5, "commercial_events": 100.0,
                                "total": 1350.5}
    ages = _table(report, "women.by_age_group")
    assert [r["women"] for r in ages["rows"]] == [0, 0, 1, 0] and ages["rows"][2]["percent"] == 100.0
    products = _table(report, "social_service.products_delivered")
    assert products["totals"] == {"product": "Total", "quantity": 0} and len(products["rows"]) == 5


def test_charts_skip_empty_pies_and_draw_bars():
    from tejido.reports.charts import chart_png, map_png

    table = {"title": "Grupos", "columns": [{"id": "group", "label": "Grupo"}, {"id": "women", "label": "Mujeres"}],
             "rows": [{"group": "13 a 29", "women": 0}, {"group": "30 a 59", "women": 0}],
             "chart": {"kind": "pie", "column": "women"}}
    assert chart_png(table) is None and map_png(table) is None
    table["rows"][0]["women"] = 3
    assert chart_png(table).startswith(b"\x89PNG")
    table["chart"] = {"kind": "bar", "column": "women"}
    assert chart_png(table).startswith(b"\x89PNG")


def test_each_report_has_its_own_tables(people):
    four = [t["id"] for t in build_report("four_monthly", user=people["planner"],
                                          period=Period.four_month(2023, 1))["tables"]]
    # Seed 003's sections in its order (issue 17 item 2): «Ejecución financiera por grupo de gasto»,
    # «por programas» (activities), Hogares Comunitarios, Servicio Social (with products and returned
    # migrants), Mujer (with income), Mis Años Dorados (day and permanent centers; pueblo), metas
    # físicas, Unidad de Donaciones, Gestión de Riesgos (albergues)
    assert four == ["planning.budget_by_group", "planning.budget_execution",
                    "childcare.children_by_department", "childcare.attendance_average",
                    "social_service.endowments_by_department", "social_service.persons_by_department",
                    "social_service.products_delivered", "migrants.by_destination_department",
                    "women.by_department", "women.income_by_department",
                    "elderly.by_department", "elderly.care_by_department", "planning.physical_targets",
                    "donations.received", "shelters.by_shelter"]
    monthly = [t["id"] for t in build_report("monthly", user=people["planner"], period=Period.month(2023, 5))["tables"]]
    assert monthly[0] == "childcare.children_by_department" and "women.income_by_department" not in monthly
    # seed 004: monthly reports carry physical and financial execution
    assert {"planning.physical_targets", "planning.budget_by_group", "planning.budget_execution"} <= set(monthly)
    annual = build_report("annual", user=people["planner"], period=YEAR)["tables"]
    assert len(annual) > len(four) and {"childcare.nutrition_status", "elderly.by_department"} <= {
        t["id"] for t in annual}


def test_drill_down_lists_exactly_the_people_counted_within_scope(people, elders):
    import re

    client = Client()
    client.force_login(people["zacapa"])
    page = client.get("/informes/?informe=annual&tipo=anio&anio=2023&programa=elderly").content.decode()
    links = dict(re.findall(r'<a href="(/informes/personas/\?[^"]+)">(\d+)</a>', page.replace("&amp;", "&")))
    assert links, "person counts link to the people behind them"
    for url, shown in links.items():
        listing = client.get(url).content.decode()
        assert f"<strong>{shown}</strong>" in listing
        assert len(re.findall(r'href="/personas/\d+/"', listing)) == int(shown)
    women = next(url for url in links if "sexo=F" in url and "departamento=Zacapa" in url)
    # the Jutiapa officer following the same link sees nobody (scope), the planner may not open it
    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert "<strong>0</strong>" in jutiapa.get(women).content.decode()
    planner = Client()
    planner.force_login(people["planner"])
    assert planner.get(women).status_code == 403
    assert 'href="/informes/personas/' not in planner.get(
        "/informes/?informe=annual&tipo=anio&anio=2023&programa=elderly").content.decode()
    assert client.get("/informes/personas/?programa=nada").status_code == 404


def test_background_build_reports_progress_and_serves_only_its_owner(people, elders, settings, tmp_path):
    from tejido.reports.jobs import job_run
    from tejido.reports.models import ReportJob

    settings.REPORT_JOB_RUNNER = "inline"
    client = Client()
    client.force_login(people["zacapa"])
    response = client.post("/informes/preparar/", {"query": "informe=annual&tipo=anio&anio=2023&programa=elderly",
                                                   "formato": "json"})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/informes/preparados/{job.pk}/"
    from tejido.reports.builder import table_ids

    assert job.status == "done" and job.done_tables == job.total_tables == len(table_ids("annual", "elderly"))
    page = client.get(f"/informes/preparados/{job.pk}/").content.decode()
    tables = len(table_ids("annual", "elderly"))
    assert f"{tables} de {tables} cuadros" in page and "Descargar" in page
    body = json.loads(client.get(f"/informes/preparados/{job.pk}/descargar/").content)
    assert _table(body, "elderly.by_department")["totals"]["beneficiaries"] == 2  # Zacapa only
    other = Client()
    other.force_login(people["jutiapa"])
    assert other.get(f"/informes/preparados/{job.pk}/").status_code == 404
    assert other.get(f"/informes/preparados/{job.pk}/descargar/").status_code == 404
    # the command the web process spawns does the same work
    again = ReportJob.objects.create(user=people["planner"], report="annual", start=dt.date(2023, 1, 1),
                                     end=dt.date(2023, 12, 31), format="xlsx", total_tables=1)
    call_command("run_report_job", str(again.pk))
    again.refresh_from_db()
    assert again.status == "done" and bytes(again.content).startswith(b"PK")
    assert job_run(again.pk).status == "done"
    refused = client.post("/informes/preparar/", {"query": "informe=annual&tipo=anio&anio=2023&departamento=22",
                                                  "formato": "pdf"})
    assert refused.status_code == 302 and ReportJob.objects.count() == 2


def test_a_chart_is_built_for_the_asker_s_territory_only(people):
    """The chart address carries the query: another department's chart is a 404, like its page."""
    client = Client()
    client.force_login(people["zacapa"])
    base = "/informes/grafica/?informe=annual&tipo=anio&anio=2023&tabla=elderly.by_department&dibujo=barras"
    assert client.get(base + "&departamento=22").status_code == 404
    assert client.get(base.replace("elderly.by_department", "no.existe")).status_code == 404
    assert client.get(base.replace("dibujo=barras", "dibujo=otro")).status_code == 404
