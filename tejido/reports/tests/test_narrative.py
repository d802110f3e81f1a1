"""Issue 17 item 9: a report's text whose numbers are references to its cells. The 2023 report's
text said 221 municipalities where its table said 218; here the text names the cell and prints its
value in every format, a number typed by hand is flagged (with the reference when it is a cell),
and a reference that names no cell is refused with nothing saved."""

import datetime as dt
import io
import json

import pytest
from django.test import Client

from tejido.accounts.models import ApiToken
from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_person
from tejido.programs.services import enrolment_create
from tejido.reports.builder import build_report
from tejido.reports.models import Narrative
from tejido.reports.narrative import narrative_save, render
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)
CHILDREN = "childcare.children_by_department"
TEXT = (f"Se atendió a [[{CHILDREN}|Total|total]] niñas y niños en [[{CHILDREN}|Total|municipalities]] "
        f"municipios; en Zacapa, [[{CHILDREN}|Zacapa|women]] niñas.")


@pytest.fixture
def children(people):
    """Three children in Zacapa (two girls) and one boy in Jutiapa, enrolled in 2023: total 4 in 2
    municipalities; Zacapa's girls: 2."""
    zacapa, jutiapa = people["zacapa_cadi"], people["jutiapa_cadi"]
    for name, sex, center in (("Ana", "F", zacapa), ("Eva", "F", zacapa), ("Luis", "M", zacapa),
                              ("Pedro", "M", jutiapa)):
        town = ZACAPA_TOWN if center is zacapa else JUTIAPA_TOWN
        enrolment_create(person=make_person(town, given_names=name, sex=sex, birth_date=dt.date(2020, 5, 1)),
                         center=center, program="childcare", start=dt.date(2023, 2, 1), acting_user=people["central"])
    return people


def _report(user):
    return build_report("annual", user=user, period=YEAR, program="childcare")


def test_references_print_the_cells_and_typed_numbers_are_flagged(children):
    report = _report(children["planner"])
    text, problems = render(TEXT, report)
    assert text == "Se atendió a 4 niñas y niños en 2 municipios; en Zacapa, 2 niñas."
    assert problems == []
    # the seed's contradiction typed by hand: 221 is no cell of the report; 2023 is the year, not flagged
    text, problems = render("En 2023 se atendió a 1,234 niños en 221 municipios.", report)
    assert len(problems) == 2 and all("no es ninguna cifra de los cuadros" in p for p in problems)
    # a typed number equal to a cell: flagged with the reference to write instead
    wrong = build_report("annual", user=children["planner"], period=YEAR, program="childcare")
    wrong["tables"][0]["totals"]["total"] = 14  # (a report where the total is 14)
    _text, problems = render("Se atendió a 14 niñas y niños.", wrong)
    assert problems == [f"«14» está escrito a mano; es la cifra de Niñas y niños atendidos por departamento, Total, "
                        f"Total: escriba [[{CHILDREN}|Total|total]] para que siga al cuadro."]


def test_saved_text_is_printed_in_every_format_and_follows_the_scope(children):
    planner = children["planner"]
    narrative, problems = narrative_save(acting_user=planner, report=_report(planner), section="childcare", text=TEXT)
    assert problems == [] and narrative.history.count() == 1
    report = _report(planner)
    section = next(n for n in report["narrative"] if n["section"] == "childcare")
    assert section["before"] == CHILDREN and section["text"].startswith("Se atendió a 4 niñas y niños en 2 municipios")

    web = Client()
    web.force_login(planner)
    html = web.get("/informes/", {"informe": "annual", "tipo": "anio", "anio": 2023, "programa": "childcare"})
    page = html.content.decode()
    assert "Se atendió a 4 niñas y niños en 2 municipios" in page
    assert page.index('id="texto-childcare"') < page.index(f'id="{CHILDREN}"')  # the text before its table

    from docx import Document

    from tejido.reports.formats.docx import report_docx
    from tejido.reports.formats.pdf import report_pdf

    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(report, charts=False))).paragraphs]
    assert any(p.startswith("Se atendió a 4 niñas y niños en 2 municipios") for p in paragraphs)
    assert report_pdf(report, charts=False).startswith(b"%PDF")
    # the same text in Zacapa's officer's report: Zacapa's figures (3 children, 1 municipality)
    zacapa = next(n for n in _report(children["zacapa"])["narrative"] if n["section"] == "childcare")
    assert zacapa["text"].startswith("Se atendió a 3 niñas y niños en 1 municipios")

    # a second save is a new version
    narrative_save(acting_user=planner, report=report, section="childcare", text=TEXT + " Fin.")
    assert Narrative.objects.get().history.count() == 2


def test_a_reference_to_no_cell_is_refused_and_nothing_saved(children):
    planner = children["planner"]
    report = _report(planner)
    for bad, why in ((f"[[{CHILDREN}|Petén|total]]", "no tiene una sola fila «Petén»"),
                     (f"[[{CHILDREN}|Total|nada]]", "no tiene la columna «nada»"),
                     ("[[women.by_department|Total|women]]", "no está en este informe")):
        with pytest.raises(ApplicationError, match=why) as refused:
            narrative_save(acting_user=planner, report=report, section="childcare", text=f"Texto {bad}.")
        assert refused.value.field == "childcare"
    assert not Narrative.objects.exists()
    with pytest.raises(ApplicationError, match="sección no está"):
        narrative_save(acting_user=planner, report=report, section="elderly", text="Texto.")


def _version(page: str) -> str:
    import re

    return re.search(r'name="version" value="([^"]*)"', page).group(1)


def test_the_editor_page_saves_shows_problems_and_is_for_planning_only(children):
    planner = Client()
    planner.force_login(children["planner"])
    query = "informe=annual&tipo=anio&anio=2023"
    page = planner.get(f"/informes/textos/?{query}").content.decode()
    assert 'data-insert="[[childcare.children_by_department|Total|total]]"' in page
    assert 'name="presentacion"' in page and 'name="childcare"' in page
    version = _version(page)
    # a bad reference in one section saves no section (the form is one transaction)
    refused = planner.post(f"/informes/textos/?{query}", {"version": version, "presentacion": "Presentación.",
                                                          "childcare": f"[[{CHILDREN}|Total|nada]]"})
    assert refused.status_code == 200 and "no tiene la columna «nada»" in refused.content.decode()
    assert not Narrative.objects.exists()
    saved = planner.post(f"/informes/textos/?{query}", {"version": version, "childcare": TEXT + " Y 221 municipios.",
                                                        "presentacion": ""})
    assert saved.status_code == 302
    shown = planner.get(f"/informes/textos/?{query}").content.decode()
    assert "Se atendió a 4 niñas y niños" in shown and "«221» está escrito a mano" in shown
    # departmental officers and the auditor may read reports, not write their text
    for name in ("zacapa", "auditor"):
        other = Client()
        other.force_login(children[name])
        assert other.get(f"/informes/textos/?{query}").status_code == 403
        assert other.post(f"/informes/textos/?{query}", {"childcare": "Otro texto"}).status_code == 403
    assert Narrative.objects.get().text.startswith("Se atendió")


def test_two_planners_editing_at_once_never_overwrite_each_other(children):
    """Both open the editor; the first saves; the second's save is refused with both texts shown."""
    query = "informe=annual&tipo=anio&anio=2023"
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(children["planner"])
    version = _version(first.get(f"/informes/textos/?{query}").content.decode())
    assert _version(second.get(f"/informes/textos/?{query}").content.decode()) == version
    assert first.post(f"/informes/textos/?{query}", {"version": version, "childcare": "Texto de la primera."}
                      ).status_code == 302
    late = second.post(f"/informes/textos/?{query}", {"version": version, "childcare": "Texto de la segunda."})
    page = late.content.decode()
    assert late.status_code == 200 and "Otra persona modificó este registro" in page
    assert "Texto de la primera." in page and "Texto de la segunda." in page
    assert Narrative.objects.get().text == "Texto de la primera."
    # with the version now shown, the second planner's save goes through
    assert second.post(f"/informes/textos/?{query}", {"version": _version(page), "childcare": "Texto de la segunda."}
                       ).status_code == 302
    assert Narrative.objects.get().text == "Texto de la segunda."


def test_the_api_saves_a_section_for_planning_only(children):
    _token, key = ApiToken.issue(children["planner"], "pruebas")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = "/api/v1/informes/annual/textos/childcare?anio=2023"
    answer = api.put(url, json.dumps({"text": TEXT}), content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["text"].startswith("Se atendió a 4 niñas y niños en 2 municipios")
    bad = api.put(url, json.dumps({"text": f"[[{CHILDREN}|Total|nada]]"}), content_type="application/json")
    assert bad.status_code == 400 and Narrative.objects.get().text == TEXT
    _token, officer_key = ApiToken.issue(children["zacapa"], "pruebas")
    officer = Client(HTTP_AUTHORIZATION=f"Bearer {officer_key}")
    assert officer.put(url, json.dumps({"text": "x"}), content_type="application/json").status_code == 403
    report = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/informes/annual?anio=2023").json()
    assert any(n["section"] == "childcare" for n in report["narrative"])


