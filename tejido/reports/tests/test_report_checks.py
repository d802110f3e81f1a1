"""Issue 17 item 8: every report build checks that figures meaning the same thing in two of its
tables agree, reading the tables as built; HTML, DOCX and PDF print what disagrees."""

import datetime as dt
import io

import pytest
from django.test import Client

from tejido.common.testing import ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_create
from tejido.reports.builder import build_report
from tejido.reports.period import Period
from tejido.reports.report_checks import report_checks

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)
CENTERS = "Centros de primera infancia que no coinciden entre cuadros"
SOCIAL = "Personas de Servicio Social que no coinciden entre cuadros"


def _checks(report) -> dict:
    return {c["title"]: c for c in report["checks"]}


def _daycare_with_one_idle_home(people):
    from tejido.centers.models import Center

    for n, center in enumerate(Center.objects.filter(kind__in=["cadi", "community_home"])):
        enrolment_create(person=make_person(given_names=f"Niño {n}", birth_date=dt.date(2020, 3, 1)),
                         center=center, program="childcare", start=dt.date(2023, 2, 1), acting_user=people["central"])
    return make_center(ZACAPA_TOWN, kind="community_home", name="Hogar sin niños", opened_on=dt.date(2020, 1, 1))


def test_the_annual_report_flags_two_tables_counting_daycare_centers_differently(people):
    idle = _daycare_with_one_idle_home(people)  # 2 centers with children (CADI Zacapa, CADI Jutiapa) + 1 idle
    report = build_report("annual", user=people["central"], period=YEAR)
    check = _checks(report)[CENTERS]
    assert not check["ok"] and check["count"] == 1
    assert check["examples"] == ["Niñas y niños atendidos por departamento: 2 centros con niñas o niños atendidos; "
                                 "Licencias sanitarias de los centros en funcionamiento: 3 centros en funcionamiento"]
    assert _checks(report)[SOCIAL]["ok"]  # built from the same records: its parts agree

    web = Client()
    web.force_login(people["central"])
    html = web.get("/informes/", {"informe": "annual", "tipo": "anio", "anio": 2023}).content.decode()
    assert "Comprobaciones entre cuadros" in html and f"✗ {CENTERS}" in html and "3 centros en funcionamiento" in html

    from docx import Document

    from tejido.reports.formats.docx import report_docx

    texts = [p.text for p in Document(io.BytesIO(report_docx(report, charts=False))).paragraphs]
    assert "Comprobaciones entre cuadros" in texts
    assert any(t.startswith(f"✗ {CENTERS}.") for t in texts)
    assert any("3 centros en funcionamiento" in t for t in texts)

    from tejido.reports.formats.pdf import report_pdf

    assert report_pdf(report, charts=False).startswith(b"%PDF")

    # clean data: the home's child registered, the check passes
    enrolment_create(person=make_person(given_names="Ana", birth_date=dt.date(2021, 1, 1)), center=idle,
                     program="childcare", start=dt.date(2023, 3, 1), acting_user=people["central"])
    assert _checks(build_report("annual", user=people["central"], period=YEAR))[CENTERS]["ok"]


def test_a_report_without_both_tables_skips_the_check(people):
    _daycare_with_one_idle_home(people)
    monthly = build_report("monthly", user=people["central"], period=Period.month(2023, 5))
    assert CENTERS not in _checks(monthly)  # the monthly report has no licences table


def test_the_published_table_16_must_be_its_two_parts():
    """Fed contracts that disagree, the check names both figures (it does not recount)."""
    def table(table_id, title, totals):
        return {"id": table_id, "title": title, "rows": [], "totals": totals}

    report = {"period": {"end": "2023-12-31"}, "tables": [
        table("social_service.beneficiaries_with_migrants", "Cuadro 16", {"served": 4490, "migrants": 20000}),
        table("social_service.persons_by_department", "Servicio Social", {"total": 4490}),
        table("migrants.by_destination_department", "Migrantes", {"people": 19998}),
    ]}
    check = next(c for c in report_checks(report) if c["title"] == SOCIAL)
    assert not check["ok"] and check["examples"] == ["Cuadro 16: 20,000 ≠ Migrantes: 19,998"]


def test_execution_beyond_150_percent_is_flagged_in_the_report(people):
    from tejido.planning.models import RuleKind, Unit
    from tejido.planning.seed2022 import load_plan

    load_plan(year=2023, acting_user=people["planner"], source="prueba", data=[
        ("adulto_mayor", "Atención Integral al Adulto Mayor", "MIS AÑOS DORADOS", "elderly", "800.00", [
            ("Adultos mayores", Unit.PERSON, 2, (RuleKind.UNIQUE_PERSONS_ENROLLED, {"program": "elderly"}), []),
        ])])
    center = make_center(ZACAPA_TOWN, kind="elderly_day", name="Diurno", opened_on=dt.date(2020, 1, 1))
    for name in ("Rosa", "Pedro", "Juana", "Tomás"):
        enrolment_create(person=make_person(given_names=name, birth_date=dt.date(1950, 1, 1)), center=center,
                         program="elderly", start=dt.date(2023, 2, 1), acting_user=people["central"])
    check = _checks(build_report("four_monthly", user=people["planner"], period=Period.four_month(2023, 2)))[
        "Ejecución mayor que 150 % de la meta vigente"]
    assert not check["ok"] and check["examples"] == ["Adultos mayores: 4 / 2"]
