"""The public portal on hand-built records: the protected figures, departments as rows of the
national table, downloads, the public API, caching and throttling, form errors in Spanish."""

import csv
import io
import json

import pytest
from django.test import Client

from tejido.portal import publication as publication_module
from tejido.portal.forms import PortalForm
from tejido.portal.publication import national, select
from tejido.reports.period import Period
from tejido.territory.models import Department

from .conftest import YEAR

pytestmark = pytest.mark.django_db
QUERY = f"?programa=&departamento=&tipo=anio&anio={YEAR}"


def _table(publication, table_id):
    return next(t for t in publication["tables"] if t["id"] == table_id)


def test_elderly_table_is_protected_by_hand(served):
    # Zacapa 1 / 2 / 3 are all primary. Each count column then has one hidden cell: Jutiapa's
    # 6, 7 and 13 are complements. The totals 7, 9, 16 stay: Zacapa's men are 1..2, women 2..4.
    table = _table(national(Period.year(YEAR)), "elderly.by_department")
    assert table["rows"] == [
        {"department": "Jutiapa", "municipalities": 1, "day_centers": 1, "residential_centers": 0, "men": None,
         "women": None, "beneficiaries": None},
        {"department": "Zacapa", "municipalities": 1, "day_centers": 1, "residential_centers": 0, "men": None,
         "women": None, "beneficiaries": None}]
    assert table["suppressed"]["rows"] == [{"men": "*", "women": "*", "beneficiaries": "*"},
                                           {"men": "<5", "women": "<5", "beneficiaries": "<5"}]
    assert table["totals"]["men"] == 7 and table["totals"]["women"] == 9 and table["totals"]["beneficiaries"] == 16
    assert table["suppressed"]["totals"] == {}
    assert "drill" not in table


def test_migrant_family_of_two_is_hidden_everywhere(served):
    table = _table(national(Period.year(YEAR)), "migrants.by_destination_department")
    assert [r["department"] for r in table["rows"]] == ["Zacapa"]
    # One family: a woman of 30 and a boy of 7 (a minor, not an adult man). 0 stays 0. With women
    # and minors both "<5" (at least 1 each), people = women + minors would be at least 2: the 2
    # could not be 1. So one of them says less ("*": any value, 0 too).
    marks = table["suppressed"]["rows"][0]
    assert marks["families"] == marks["people"] == "<5" and {marks["women"], marks["minors"]} == {"<5", "*"}
    assert table["suppressed"]["totals"] == marks
    assert [table["rows"][0][c] for c in ("families", "men", "women", "minors", "people")] == [None, 0, None,
                                                                                                None, None]


def test_a_department_is_its_row_of_the_national_table(served):
    whole = national(Period.year(YEAR))
    for code, name in ((19, "Zacapa"), (22, "Jutiapa")):
        one = select(whole, department=Department.objects.get(pk=code))
        table = _table(one, "elderly.by_department")
        national_table = _table(whole, "elderly.by_department")
        i = [r["department"] for r in national_table["rows"]].index(name)
        assert table["rows"] == [national_table["rows"][i]]
        assert table["suppressed"]["rows"] == [national_table["suppressed"]["rows"][i]]
        assert table["totals"] == {} and one["scope"] == {"national": False, "departments": [name],
                                                          "program": None}
        # Tables not kept by department are only national.
        assert all(t["id"] in {"childcare.children_by_department", "women.by_department",
                               "social_service.persons_by_department", "migrants.by_destination_department",
                               "elderly.by_department", "childcare.centers_opened",
                               "childcare.caregivers_by_payer", "childcare.ready_for_primary",
                               "childcare.violence_prevention_talks", "childcare.other_talks"}
                   for t in one["tables"])
        assert "Mujeres beneficiarias por grupo etario" in one["national_only"]


def test_program_selection(served):
    chosen = select(national(Period.year(YEAR)), program="elderly")
    assert [t["id"] for t in chosen["tables"]] == ["elderly.by_department"]


def test_page_shows_markers_and_rule_without_login(served):
    response = Client().get("/transparencia/" + QUERY + "&programa=elderly")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Portal de transparencia" in html and "Cómo protegemos a las personas" in html
    assert html.count(">&lt;5</abbr>") == 3 and html.count(">*</abbr>") == 3
    assert "Cerrar sesión" not in html and "/personas/" not in html


def test_csv_downloads_are_excel_ready_and_protected(served):
    response = Client().get("/transparencia/" + QUERY + "&programa=elderly&formato=csv")
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    zacapa_men = next(r for r in rows if r["fila"] == "Zacapa" and r["columna"] == "men")
    assert zacapa_men["valor"] == "<5" and zacapa_men["cuadro"] == "elderly.by_department"
    assert next(r for r in rows if r["fila"] == "Total" and r["columna"] == "beneficiaries")["valor"] == "16"
    one = Client().get("/transparencia/" + QUERY + "&cuadro=elderly.by_department&formato=csv").content.decode()
    lines = list(csv.reader(io.StringIO(one[1:])))
    assert lines[0][0] == "Departamento" and lines[2] == ["Zacapa", "1", "1", "0", "<5", "<5", "<5"]
    assert lines[3] == ["Total", "2", "2", "0", "7", "9", "16"]


def test_json_download_and_public_api_carry_markers(served):
    page = json.loads(Client().get("/transparencia/" + QUERY + "&formato=json").content)
    api = Client().get(f"/api/v1/transparencia/?anio={YEAR}&departamento=19").json()
    assert page["suppression"]["threshold"] == 5 and set(page["suppression"]["markers"]) == {"<5", "*"}
    assert api["scope"]["departments"] == ["Zacapa"]
    assert _table(api, "elderly.by_department")["suppressed"]["rows"] == [{"men": "<5", "women": "<5",
                                                                           "beneficiaries": "<5"}]
    one = Client().get(f"/api/v1/transparencia/elderly.by_department?anio={YEAR}").json()
    assert one["table"]["totals"]["beneficiaries"] == 16
    assert Client().get(f"/api/v1/transparencia/registry.people?anio={YEAR}").status_code == 404
    bad = Client().get("/api/v1/transparencia/?anio=1999")
    assert bad.status_code == 400 and bad.json()["field"] == "anio"


def test_form_errors_are_spanish_and_next_to_the_field(territory):
    form = PortalForm({"tipo": "mes", "anio": 2023})
    assert not form.is_valid() and form.errors["mes"] == ["Elija el mes."]
    form = PortalForm({"tipo": "anio", "anio": 2099})
    assert not form.is_valid() and "Hay cifras de 2020 a" in form.errors["anio"][0]
    form = PortalForm({"tipo": "anio", "anio": 2023, "departamento": 99})
    assert form.errors["departamento"] == ["Elija un departamento de la lista."]
    html = Client().get("/transparencia/?tipo=cuatrimestre&anio=2023").content.decode()
    assert 'id="id_cuatrimestre_error"' in html and "Elija el cuatrimestre." in html


def test_closed_periods_are_cached_and_builds_are_throttled(served, monkeypatch):
    monkeypatch.setattr(publication_module, "current_minute", lambda: "fixed")  # slow builds cross minutes
    calls = []
    real = publication_module.build_year
    monkeypatch.setattr(publication_module, "build_year", lambda year: calls.append(year) or real(year))
    client = Client()
    for _i in range(3):
        assert client.get("/transparencia/" + QUERY).status_code == 200
    assert client.get(f"/transparencia/?tipo=mes&anio={YEAR}&mes=1").status_code == 200
    assert calls == [YEAR]  # a year and its periods are built once, together
    monkeypatch.setattr(publication_module, "BUILDS_PER_MINUTE", 2)
    assert client.get(f"/transparencia/?tipo=mes&anio={YEAR - 1}&mes=1").status_code == 200
    refused = client.get(f"/transparencia/?tipo=mes&anio={YEAR - 2}&mes=2")
    assert refused.status_code == 429 and "Demasiadas consultas" in refused.content.decode()
    assert client.get(f"/api/v1/transparencia/?tipo=mes&anio={YEAR - 2}&mes=3").status_code == 429
    assert client.get(f"/transparencia/?tipo=cuatrimestre&anio={YEAR}&cuatrimestre=2").status_code == 200
    assert calls == [YEAR, YEAR - 1]


def test_charts_and_map_are_images_of_the_protected_table(served, monkeypatch):
    drawn = []
    from tejido.portal import views

    monkeypatch.setattr(publication_module, "current_minute", lambda: "fixed")
    monkeypatch.setattr(views, "map_png", lambda table: drawn.append(table) or b"PNG")
    response = Client().get(f"/transparencia/grafica/elderly.by_department/mapa.png{QUERY}")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert [r["men"] for r in drawn[0]["rows"]] == [None, None]  # hidden cells reach the drawing as nothing
    assert Client().get(f"/transparencia/grafica/elderly.by_department/otra.png{QUERY}").status_code == 404
    # A drawing already made is served from the cache; new drawings count against a per-minute budget.
    monkeypatch.setattr(views, "DRAWINGS_PER_MINUTE", 1)
    assert Client().get(f"/transparencia/grafica/elderly.by_department/mapa.png{QUERY}&programa=elderly"
                        ).status_code == 200
    assert Client().get(f"/transparencia/grafica/elderly.by_department/barras.png{QUERY}").status_code == 429
    assert len(drawn) == 1


def test_a_hidden_month_cannot_be_recovered_from_the_year(people):
    """Families received for Zacapa: 3 in March, 6 in June, 9 in the year. Protected one period at a
    time, the second four-month period (6) and the year (9) would give back the first (3). Protected
    together, the second period's 6 is hidden too, and so is June's 6 inside it."""
    import datetime as dt

    from tejido.common.testing import ZACAPA_TOWN, make_center
    from tejido.migrants.services import MemberData, reception_create
    from tejido.territory.models import Municipality

    center = make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa")
    for month, families in ((3, 3), (6, 6)):
        for _i in range(families):
            reception_create(acting_user=people["zacapa"], date=dt.date(YEAR, month, 10), center=center,
                             arrival_mode="terrestre", returned_from="mexico",
                             destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                             members=[MemberData(given_names="Ana", first_surname="Prueba", sex="F", age_years=30,
                                                 relationship="jefe")])

    def families(period):
        table = _table(national(period), "migrants.by_destination_department")
        return table["rows"][0]["families"] if table["rows"] else 0, table["suppressed"]["rows"][0].get("families")

    assert families(Period.year(YEAR)) == (9, None)
    assert families(Period.four_month(YEAR, 1)) == (None, "<5")
    assert families(Period.four_month(YEAR, 2)) == (None, "*")
    assert families(Period.month(YEAR, 3)) == (None, "<5")
    assert families(Period.month(YEAR, 6)) == (None, "*")


def test_publish_command_stores_each_year_in_each_language(served, monkeypatch):
    from django.core.management import call_command

    from tejido.portal.models import PublishedYear

    calls = []
    real = publication_module.build_year
    monkeypatch.setattr(publication_module, "build_year", lambda year, *args: calls.append(year) or real(year, *args))
    call_command("portal_publish", "--year", str(YEAR), stdout=io.StringIO())
    assert calls == [YEAR, YEAR]  # Spanish and English
    stored = {p.language: json.loads(p.data) for p in PublishedYear.objects.filter(year=YEAR)}
    assert set(stored) == {"es", "en"} and stored["es"]["Y"]["period"]["start"] == f"{YEAR}-01-01"
    assert stored["en"]["Y"]["title"] != stored["es"]["Y"]["title"]  # each language its own labels
    monkeypatch.setattr(publication_module, "current_minute", lambda: "fixed")
    monkeypatch.setattr(publication_module, "BUILDS_PER_MINUTE", 0)  # any build would be refused
    for query in (QUERY, f"?tipo=mes&anio={YEAR}&mes=3", f"?tipo=cuatrimestre&anio={YEAR}&cuatrimestre=1"):
        assert Client().get("/transparencia/" + query).status_code == 200
        assert Client().get("/api/v1/transparencia/" + query.replace("programa=&departamento=&", "")
                            ).status_code == 200
    assert calls == [YEAR, YEAR]  # page views only read the stored publication
    call_command("portal_publish", "--year", str(YEAR), stdout=io.StringIO())
    assert PublishedYear.objects.filter(year=YEAR).count() == 2  # replaced, not added
    with pytest.raises(Exception, match="Años fuera del portal"):
        call_command("portal_publish", "--year", "1999", stdout=io.StringIO())


def test_published_figures_equal_the_on_demand_build(served):
    from django.core.management import call_command

    on_demand = {key: national(period) for key, period in publication_module.family(YEAR)[0].items()}
    assert all(p["published_at"] is None for p in on_demand.values())
    call_command("portal_publish", "--year", str(YEAR), stdout=io.StringIO())
    for key, period in publication_module.family(YEAR)[0].items():
        stored = national(period)
        assert stored["published_at"] is not None
        built = json.loads(json.dumps(on_demand[key]))
        for publication in (stored, built):
            publication.pop("published_at")
            publication.pop("generated_at")
        assert stored == built, key
    # the elderly table still holds its hand-computed protection when read from the snapshot
    table = _table(national(Period.year(YEAR)), "elderly.by_department")
    assert [r["men"] for r in table["rows"]] == [None, None]
    assert table["totals"]["beneficiaries"] == 16


def test_a_new_record_changes_the_public_page_only_at_the_next_publication(served, people):
    import datetime as dt

    from django.core.management import call_command

    from tejido.common.testing import JUTIAPA_TOWN, make_center, make_person
    from tejido.programs.services import enrolment_create

    def elderly_total():
        return _table(national(Period.year(YEAR)), "elderly.by_department")["totals"]["beneficiaries"]

    call_command("portal_publish", "--year", str(YEAR), stdout=io.StringIO())
    page = Client().get("/transparencia/" + QUERY).content.decode()
    assert 'id="publicado"' in page and 'id="no-publicado"' not in page
    assert elderly_total() == 16
    center = make_center(JUTIAPA_TOWN, kind="elderly_day", name="Centro Diurno Nuevo")
    enrolment_create(person=make_person(JUTIAPA_TOWN, sex="M", birth_date=dt.date(1950, 1, 1)), center=center,
                     program="elderly", start=dt.date(YEAR, 5, 1), acting_user=people["central"])
    assert elderly_total() == 16  # still the published figure
    api = Client().get(f"/api/v1/transparencia/elderly.by_department?tipo=anio&anio={YEAR}").json()
    assert api["table"]["totals"]["beneficiaries"] == 16 and api["published_at"]
    call_command("portal_publish", "--year", str(YEAR), stdout=io.StringIO())
    assert elderly_total() == 17


def test_a_year_never_published_is_built_on_demand_and_says_so(served):
    response = Client().get("/transparencia/" + QUERY)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="no-publicado"' in html and "aún no publicado" in html
    assert "Centro Diurno" not in html and "<table" in html


def test_the_landing_page_downloads_are_files_not_the_form(served):
    """Issue 16 item 13: «Descargar CSV/JSON» on /transparencia/ (no query yet) returned the HTML
    form with an error; they carry the default period now."""
    import re

    page = Client().get("/transparencia/").content.decode()
    links = dict((fmt, href.replace("&amp;", "&")) for href, fmt in re.findall(r'href="(\?[^"]*formato=(csv|json))"',
                                                                                page))
    assert set(links) == {"csv", "json"}
    csv = Client().get("/transparencia/" + links["csv"])
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    data = Client().get("/transparencia/" + links["json"])
    assert data.status_code == 200 and data.json()["tables"]


def test_hidden_cells_are_marked_in_the_chart_not_drawn_as_zero(monkeypatch):
    from tejido.reports import charts

    figures = []
    monkeypatch.setattr(charts, "_png", lambda plt, fig: figures.append(fig) or b"PNG")
    table = {"title": "Personas", "chart": {"column": "n", "kind": "bar"},
             "columns": [{"id": "department", "label": "Departamento"}, {"id": "n", "label": "Personas"}],
             "rows": [{"department": "Zacapa", "n": 12}, {"department": "Jutiapa", "n": None}],
             "suppressed": {"rows": [{}, {"n": "‹5"}]}}
    assert charts.chart_png(table) == b"PNG"
    ax = figures[0].axes[0]
    widths = [bar.get_width() for bar in ax.patches]  # drawn bottom-up: Jutiapa, then Zacapa
    assert widths == [0, 12]
    assert [t.get_text() for t in ax.texts] == ["‹5 (oculta)"]
