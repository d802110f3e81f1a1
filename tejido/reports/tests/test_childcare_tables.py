"""Daycare report tables beyond tables 1 and 7, on hand-built records with hand-computed values."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from tejido.common.testing import ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_create, event_create, roll_call_save
from tejido.reports.builder import build_report
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db


def _docx_cells(report, title_start) -> list[str]:
    """The texts of the cells of the DOCX table that follows the heading starting with `title_start`."""
    import io

    from docx import Document

    from tejido.reports.formats.docx import report_docx

    document = Document(io.BytesIO(report_docx(report, charts=False)))
    body = document.element.body
    heading = next(p for p in document.paragraphs if title_start in p.text)
    following = body.index(heading._p)
    table = next(t for t in document.tables if body.index(t._tbl) > following)
    return [cell.text for row in table.rows for cell in row.cells]


def _table(report, table_id):
    return next(t for t in report["tables"] if t["id"] == table_id)


def test_attendance_average_trainings_and_talks(people):
    center = make_center(ZACAPA_TOWN, kind="cadi", name="CADI Zacapa", code="900-19")
    boy = make_person(given_names="Luis", sex="M", birth_date=dt.date(2021, 3, 1), pueblo="maya")   # 2 years: inicial
    girl = make_person(given_names="Ana", sex="F", birth_date=dt.date(2018, 1, 10), pueblo="ladino")  # 5: preprimaria
    enrolled = {p.pk: enrolment_create(person=p, center=center, program="childcare", start=dt.date(2023, 2, 1),
                                       acting_user=people["zacapa"]) for p in (boy, girl)}
    # Two days with roll in March: both present, then only the boy -> 3 presences / 2 days = 1.5
    roll_call_save(center=center, program="childcare", day=dt.date(2023, 3, 1), acting_user=people["zacapa"],
                   present_ids={e.pk for e in enrolled.values()})
    roll_call_save(center=center, program="childcare", day=dt.date(2023, 3, 2), acting_user=people["zacapa"],
                   present_ids={enrolled[boy.pk].pk})
    for kind, audience, n in (("capacitacion", "docentes", 12), ("capacitacion", "docentes", 8),
                              ("charla", "padres", 33)):
        event_create(program="childcare", kind=kind, topic="Lineamientos" if kind == "capacitacion" else "Crianza",
                     audience=audience, date=dt.date(2023, 4, 5), municipality=center.municipality, center=center,
                     unnamed_participants=n, acting_user=people["zacapa"])

    report = build_report("annual", user=people["zacapa"], period=Period.year(2023), program="childcare")
    attendance = _table(report, "childcare.attendance_average")
    assert attendance["rows"] == [{"month": "marzo 2023", "average": 1.5, "boys": 66.67, "girls": 33.33,
                                   "initial": 66.67, "preschool": 33.33, "maya": 66.67, "xinka": 0.0,
                                   "garifuna": 0.0, "other": 33.33}]
    assert attendance["totals"]["average"] == 1.5 and attendance["totals"]["month"] == "marzo 2023"
    # one more roll in May (the girl alone): the totals row is the seed's range row, «marzo a mayo»
    roll_call_save(center=center, program="childcare", day=dt.date(2023, 5, 3), acting_user=people["zacapa"],
                   present_ids={enrolled[girl.pk].pk})
    spring = _table(build_report("annual", user=people["zacapa"], period=Period.year(2023), program="childcare"),
                    "childcare.attendance_average")
    assert [r["month"] for r in spring["rows"]] == ["marzo 2023", "mayo 2023"]
    assert spring["totals"]["month"] == "marzo a mayo 2023 (media de los meses)"
    # (1.5 + 1) / 2; (33.33 + 100) / 2 = 66.665, which round() in binary floating point gives as 66.66
    assert spring["totals"]["average"] == 1.25 and spring["totals"]["girls"] == 66.66
    # a mean of children per day, not a percent: «1.50» in every format, never «1.50%»
    assert attendance["columns"][1]["kind"] == "decimal"
    docx_cells = _docx_cells(report, "Media de atención")
    assert "1.50" in docx_cells and not any(cell.startswith("1.50%") for cell in docx_cells)
    html = render_to_string("reports/_value.html", {"v": 1.5, "c": {"kind": "decimal"}}).strip()
    assert html == "1.50"
    trainings = _table(report, "childcare.trainings")
    assert trainings["rows"] == [{"audience": "Docentes", "modality": "Presencial", "topics": "Lineamientos",
                                  "events": 2, "participants": 20}]
    talks = _table(report, "childcare.other_talks")  # «Crianza»: neither of the seed's two themes
    assert talks["rows"] == [{"department": "Zacapa", "center": "900-19", "events": 1, "people": 33}]
    assert talks["totals"] == {"department": "Total", "events": 1, "people": 33}
    assert _table(report, "childcare.violence_prevention_talks")["rows"] == []
    # Jutiapa's officer sees none of it
    other = build_report("annual", user=people["jutiapa"], period=Period.year(2023), program="childcare")
    assert _table(other, "childcare.attendance_average")["rows"] == []
    assert _table(other, "childcare.other_talks")["rows"] == []


def test_talks_on_the_two_themes_of_the_annual_report_are_two_tables(people):
    """Seed 001 table 6 (violence prevention, by department and center) and table 8 (feeding and
    hygiene, by municipality and CADI, the total naming how many centers) are two tables."""
    zacapa = make_center(ZACAPA_TOWN, kind="cadi", name="CADI Zacapa", code="900-19")
    home = make_center(ZACAPA_TOWN, kind="community_home", name="Hogar El Sauce", code="311-20")
    violence = "prevencion_violencia"
    talks = [(zacapa, violence, 10), (home, violence, 3), (zacapa, violence, 2), (zacapa, "alimentacion", 8),
             (home, "alimentacion", 5), (zacapa, "", 40)]
    for center, theme, n in talks:
        event_create(program="childcare", kind="charla", topic="Charla", category=theme, audience="padres",
                     date=dt.date(2023, 6, 7), municipality=center.municipality, center=center,
                     unnamed_participants=n, acting_user=people["zacapa"])
    report = build_report("annual", user=people["zacapa"], period=Period.year(2023), program="childcare")
    violence = _table(report, "childcare.violence_prevention_talks")
    assert [c["id"] for c in violence["columns"]] == ["department", "center", "events", "people"]
    assert violence["rows"] == [{"department": "Zacapa", "center": "311-20", "events": 1, "people": 3},
                                {"department": "Zacapa", "center": "900-19", "events": 2, "people": 12}]
    assert violence["totals"] == {"department": "Total", "events": 3, "people": 15}
    nutrition = _table(report, "childcare.nutrition_talks")
    assert [c["id"] for c in nutrition["columns"]] == ["municipality", "center", "events", "people"]
    assert nutrition["rows"] == [{"municipality": "Zacapa", "center": "311-20", "events": 1, "people": 5},
                                 {"municipality": "Zacapa", "center": "900-19", "events": 1, "people": 8}]
    assert nutrition["totals"] == {"municipality": "Total", "center": "2 centros", "events": 2, "people": 13}
    assert _table(report, "childcare.other_talks")["totals"]["people"] == 40


def test_protection_cases_are_national_only_in_reports(people):
    national = build_report("annual", user=people["planner"], period=Period.year(2023))
    cases = _table(national, "protection.cases_per_month")
    assert len(cases["rows"]) == 12 and cases["totals"]["received"] == 0
    officer = build_report("annual", user=people["zacapa"], period=Period.year(2023))
    assert _table(officer, "protection.cases_per_month") == {
        "id": "protection.cases_per_month", "title": "Casos de protección infantil por mes",
        "columns": _table(officer, "protection.cases_per_month")["columns"], "rows": [], "totals": {},
        "note": "Solo en informes nacionales."}
