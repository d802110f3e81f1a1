"""Issue 18 item 1: caregivers (madres cuidadoras) with who pays them, imported through the staff
page's service, and counted by the report's table of caregivers by payer."""

import datetime as dt
from decimal import Decimal

import pytest

from tejido.childcare.models import Caregiver
from tejido.common.testing import ZACAPA_TOWN, make_center, make_person, valid_cui
from tejido.imports.kinds import KINDS

from .helpers import read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in KINDS["cuidadoras"].columns]


def test_caregivers_through_the_staff_service_and_in_the_report(people, run_import):
    from tejido.centers.models import Center
    from tejido.reports.builder import build_report
    from tejido.reports.period import Period

    cadi = people["zacapa_cadi"]
    Center.objects.filter(pk=cadi.pk).update(code="CADI-19-01")
    home = make_center(ZACAPA_TOWN, kind="community_home", name="Hogar El Sauce")
    unit = make_center(ZACAPA_TOWN, kind="productive_unit", name="Unidad Las Tejedoras")
    rosa = make_person(given_names="Rosa", birth_date=dt.date(1985, 2, 1), cui=valid_cui())
    marta = make_person(given_names="Marta", birth_date=dt.date(1979, 6, 1))
    girl = make_person(given_names="Keila", birth_date=dt.date(2010, 1, 1))
    rows = [[rosa.cui, "CADI-19-01", "09/01/2023", "SOSEP", "1000"],
            [marta.pk, f"{home.pk} - Hogar El Sauce", "01/03/2023", "Municipalidad", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="cuidadoras.xlsx", kind="cuidadoras")
    assert (batch.status, batch.created_rows) == ("done", 2), batch.error_preview
    assert sorted(Caregiver.objects.values_list("person__given_names", "center__name", "payer", "monthly_amount")) == [
        ("Marta", "Hogar El Sauce", "municipalidad", None), ("Rosa", "CADI Zacapa", "sosep", Decimal("1000.00"))]
    table = next(t for t in build_report("annual", user=people["zacapa"], period=Period.year(2023),
                                         program="childcare")["tables"] if t["id"] == "childcare.caregivers_by_payer")
    assert table["totals"] | {} == {"department": "Total", "sosep": 1, "municipalidad": 1, "sistema_penitenciario": 0,
                                    "total": 2, "without_amount": 1, "monthly_amount": 1000.0}
    again = run_import(people["zacapa"], xlsx_bytes(rows, HEADERS), name="cuidadoras.xlsx", kind="cuidadoras")
    assert (again.created_rows, again.skipped_rows) == (0, 2)

    bad = [[girl.pk, cadi.pk, "09/01/2023", "SOSEP", ""],           # 13 years old
           [marta.pk, cadi.pk, "09/01/2023", "SOSEP", "20000"],     # above Q10,000
           [marta.pk, unit.pk, "09/01/2023", "SOSEP", ""],          # not a daycare center
           [marta.pk, home.pk, "05/05/2023", "La iglesia", ""]]     # unknown payer
    batch = run_import(people["zacapa"], xlsx_bytes(bad, HEADERS), name="cuidadoras.xlsx", kind="cuidadoras")
    assert batch.status == "rejected" and Caregiver.objects.count() == 2
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] == "Persona (CUI o número de registro): Una madre cuidadora debe ser mayor de edad."
    assert notes[1] == "Monto mensual (Q): Monto mensual fuera de rango (Q0 a Q10,000)."
    assert notes[2] == "Centro: Solo los hogares comunitarios y CADI tienen este personal."
    assert notes[3].startswith("Quién paga: Valor desconocido «La iglesia»")


def test_teacher_posts_by_who_assigned_them(people, run_import):
    """Seed 001 table 5: posts by who assigned them. Two posts without a teacher at one CADI, one
    date and one assigner are two rows when their codes differ; the same code twice is one."""
    from tejido.childcare.models import TeacherPost
    from tejido.reports.builder import build_report
    from tejido.reports.period import Period

    cadi, jutiapa = people["zacapa_cadi"], people["jutiapa_cadi"]
    headers = [c.header for c in KINDS["puestos_docentes"].columns]
    teacher = make_person(given_names="Irma", birth_date=dt.date(1990, 1, 1))
    rows = [[cadi.pk, "15/01/2023", "Coordinación MINEDUC-SOSEP", teacher.pk, ""],
            [cadi.pk, "15/01/2023", "MINEDUC", "", "P-2"],
            [cadi.pk, "15/01/2023", "MINEDUC", "", "P-3"],
            [cadi.pk, "15/01/2023", "Municipalidad", "", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(rows, headers), name="puestos.xlsx", kind="puestos_docentes")
    assert (batch.status, batch.created_rows) == ("done", 4), batch.error_preview
    assert sorted(TeacherPost.objects.values_list("source", flat=True)) == [
        "mineduc_sosep", "mineduc_sosep", "mineduc_sosep", "municipalidad_cooperante"]
    assert TeacherPost.objects.get(teacher=teacher).center == cadi
    table = next(t for t in build_report("annual", user=people["zacapa"], period=Period.year(2023),
                                         program="childcare")["tables"] if t["id"] == "childcare.teacher_posts")
    assert sum(r.get("total", 0) for r in table["rows"]) == 4
    bad = [[cadi.pk, "15/01/2023", "MINEDUC", "", "P-2"], [cadi.pk, "15/01/2023", "MINEDUC", "", "P-2"],
           [jutiapa.pk, "15/01/2023", "MINEDUC", "", ""]]
    batch = run_import(people["zacapa"], xlsx_bytes(bad, headers), name="puestos.xlsx", kind="puestos_docentes")
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert notes[0] == "Ya importada: se omite."
    assert notes[1] == "Fila repetida: los mismos datos clave que la fila 2."
    assert notes[2] == f"Centro: Centro desconocido o fuera de su territorio: «{jutiapa.pk}»."
