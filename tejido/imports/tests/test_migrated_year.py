"""Issue 18 item 6: a migrated year reports exactly what its spreadsheets say. A synthetic 2023 of
two departments is written as template files (the way their offices keep them: people by CUI,
centers by the office's code), each department's ZIP imported by its own officer with
`import_bundle`, and the annual report built nationally. Every figure below was counted by hand
from the rows written here, not computed by Tejido:

Zacapa (imported by the Zacapa officer)
- Hogar Comunitario HC-Z1 (Zacapa town): 3 boys, 2 girls; 2 caregivers paid by SOSEP (Q1,000 and
  Q1,200).
- CADI CADI-Z2 (Estanzuela): 4 boys, 4 girls; one teacher post assigned by MINEDUC-SOSEP.
- Elderly day center CD-Z3: 2 men, 3 women.
- Productive unit UP-Z4 (weaving): 6 women, all 6 at one INTECAP productive training.
- Migrant reception center CR-Z5: one family returned by air from the United States to Zacapa
  town: a woman of 30, a boy of 8, a girl born 2018-06-01.
Jutiapa (imported by the Jutiapa officer)
- CADI CADI-J1: 2 boys, 1 girl. Elderly day center CD-J2: 1 man.
"""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import call_command

from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, valid_cui
from tejido.imports.kinds import KINDS
from tejido.reports.builder import build_report
from tejido.reports.period import Period

from .helpers import csv_bytes, person_row

pytestmark = pytest.mark.django_db
ESTANZUELA = 1902
START = "01/02/2023"


def _headers(slug: str) -> list[str]:
    return [c.header for c in KINDS[slug].columns]


class Office:
    """The files of one departmental office, written row by row."""

    def __init__(self, town: int):
        self.town = town
        self.rows = {slug: [] for slug in KINDS}

    def center(self, code: str, kind: str, town: int | None = None, line: str = ""):
        self.rows["centros"].append([code, f"Centro {code}", kind, str(town or self.town), "", "", "", "01/01/2020",
                                     "8:00", "16:00", 40, line])

    def person(self, sex: str, born: str, town: int | None = None, **names) -> str:
        cui = valid_cui(town or self.town)
        self.rows["personas"].append(person_row(sex=sex, birth_date=born, cui=cui,
                                                municipality_id=str(town or self.town), **names))
        return cui

    def enrol(self, center: str, people: list[str], teacher: str = "", confirmed: str = ""):
        self.rows["inscripciones"] += [[cui, center, START, teacher, confirmed] for cui in people]

    def people(self, center: str, boys: int, girls: int, born: str, **enrolment) -> list[str]:
        cuis = ([self.person("Hombre", born, given_names=f"Niño {i}") for i in range(boys)]
                + [self.person("Mujer", born, given_names=f"Niña {i}") for i in range(girls)])
        self.enrol(center, cuis, **enrolment)
        return cuis

    def zip(self, path) -> str:
        with zipfile.ZipFile(path, "w") as archive:
            for position, (slug, rows) in enumerate(reversed(self.rows.items())):  # names out of order on purpose
                if rows:
                    archive.writestr(f"{position:02d}-{slug}.csv", csv_bytes(rows, _headers(slug)))
        return str(path)


def _zacapa() -> Office:
    office = Office(ZACAPA_TOWN)
    office.center("HC-Z1", "Hogar Comunitario")
    office.center("CADI-Z2", "CADI", town=ESTANZUELA)
    office.center("CD-Z3", "Centro de Atención Diurna")
    office.center("UP-Z4", "Unidad productiva", line="Tejidos y artesanías típicas")
    office.center("CR-Z5", "Centro de recepción de migrantes retornados")
    office.people("HC-Z1", 3, 2, "10/03/2020")
    office.people("CADI-Z2", 4, 4, "05/07/2019", teacher="Sí")
    office.people("CD-Z3", 2, 3, "01/01/1950")
    women = [office.person("Mujer", "15/04/1990", given_names=f"Tejedora {i}") for i in range(6)]
    office.enrol("UP-Z4", women)
    for amount in ("1000", "1200"):
        cui = office.person("Mujer", "01/01/1985", given_names="Cuidadora")
        office.rows["cuidadoras"].append([cui, "HC-Z1", START, "SOSEP", amount])
    office.rows["puestos_docentes"].append(["CADI-Z2", START, "Coordinación MINEDUC-SOSEP", "", "PD-1"])
    office.rows["eventos"] += [["Mejoramiento Socioeconómico de la Mujer", "Capacitación", "Telar de cintura",
                                "Beneficiarias y beneficiarios", "12/06/2023", str(ZACAPA_TOWN), "UP-Z4", "", "INTECAP",
                                "", cui, "INT-2023-01", "Actividad productiva", "Tejidos y artesanías típicas"]
                               for cui in women]
    family = [("Rosa", "Mujer", "30", "", "Jefe/a de hogar"), ("Juan", "Hombre", "8", "", "Hijo"),
              ("Lucía", "Mujer", "", "01/06/2018", "Hija")]
    office.rows["recepciones"] += [["R-2023-1", "10/05/2023", "CR-Z5", "Vía aérea", "Estados Unidos",
                                    str(ZACAPA_TOWN), name, "Retornada", "", sex, age, born, relationship, ""]
                                   for name, sex, age, born, relationship in family]
    return office


def _jutiapa() -> Office:
    office = Office(JUTIAPA_TOWN)
    office.center("CADI-J1", "CADI")
    office.center("CD-J2", "Centro de Atención Diurna")
    office.people("CADI-J1", 2, 1, "20/09/2020", teacher="Sí")
    office.people("CD-J2", 1, 0, "02/02/1948")
    return office


def _import(office: Office, user, path) -> str:
    out = io.StringIO()
    call_command("import_bundle", office.zip(path), usuario=user.username, stdout=out)
    return out.getvalue()


def _rows(report: dict, table_id: str, *columns) -> list[tuple]:
    table = next(t for t in report["tables"] if t["id"] == table_id)
    return [tuple(row.get(c) for c in columns) for row in [*table["rows"], table["totals"]]]


def test_a_migrated_year_reports_what_its_spreadsheets_say(people, tmp_path):
    zacapa_log = _import(_zacapa(), people["zacapa"], tmp_path / "zacapa.zip")
    # centers, people, enrolments, caregivers, teacher posts, events, receptions: 5 + 26 + 24 + 2 + 1 + 6 + 3
    assert "7 de 7 archivos importados; 67 registros creados." in zacapa_log, zacapa_log
    jutiapa_log = _import(_jutiapa(), people["jutiapa"], tmp_path / "jutiapa.zip")
    assert "3 de 3 archivos importados" in jutiapa_log, jutiapa_log

    report = build_report("annual", user=people["admin"], period=Period.year(2023))
    assert _rows(report, "childcare.children_by_department", "department", "men", "women", "total") == [
        ("Jutiapa", 2, 1, 3), ("Zacapa", 7, 6, 13), ("Total", 9, 7, 16)]
    assert _rows(report, "elderly.by_department", "department", "men", "women", "beneficiaries") == [
        ("Jutiapa", 1, 0, 1), ("Zacapa", 2, 3, 5), ("Total", 3, 3, 6)]
    assert _rows(report, "migrants.by_destination_department", "department", "families", "minors", "people") == [
        ("Zacapa", 1, 2, 3), ("Total", 1, 2, 3)]
    assert _rows(report, "childcare.caregivers_by_payer", "department", "sosep", "total", "monthly_amount") == [
        ("Zacapa", 2, 2, 2200.0), ("Total", 2, 2, 2200.0)]
    assert _rows(report, "childcare.teacher_posts", "office", "mineduc_sosep", "total")[-1] == ("Total", 1, 1)
    women = _rows(report, "women.by_department", "department", "women")
    assert women[-1] == ("Total", 6) and ("Zacapa", 6) in women
    assert _rows(report, "women.trainings_by_partner", "partner", "events", "participants")[-1][1:] == (1, 6)
    # The same figures as the departments' officers see them: each only their own.
    mine = build_report("annual", user=people["jutiapa"], period=Period.year(2023))
    assert _rows(mine, "childcare.children_by_department", "department", "total") == [("Jutiapa", 3), ("Total", 3)]


def test_the_synthetic_family_is_counted_by_age_on_its_reception_day(people, tmp_path):
    """The girl's age comes from her birth date (4 on 2023-05-10), the boy's from his stated 8:
    both minors; the woman of 30 is the adult."""
    _import(_zacapa(), people["zacapa"], tmp_path / "zacapa.zip")
    from tejido.migrants.models import ReceptionMember

    members = ReceptionMember.objects.order_by("person__given_names")
    assert [(m.person.given_names, m.person.birth_date_estimated) for m in members] == [
        ("Juan", True), ("Lucía", False), ("Rosa", True)]
    assert members.get(person__given_names="Lucía").person.birth_date == dt.date(2018, 6, 1)
