"""Issue 17 item 5, daycare: what was recorded but never reported — attendance with a teacher and
with the caregiver alone (seed 001 §4.1), caregivers by who pays them (§4), children leaving ready
for first grade (§4.1.5), educational materials (§4.1.2) and centers opened (§4). Hand-built records,
hand-counted numbers, and Jutiapa's officer never sees Zacapa's."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tejido.childcare.staff import caregiver_add, material_deliver, staff_end
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.services import enrolment_create, enrolment_exit, roll_call_save
from tejido.reports.builder import build_report
from tejido.reports.drill import drill_url
from tejido.reports.period import Period

from .helpers import listed as _listed

pytestmark = pytest.mark.django_db
YEAR = Period.year(2023)


def _table(user, table_id):
    report = build_report("annual", user=user, period=YEAR, program="childcare")
    return report, next(t for t in report["tables"] if t["id"] == table_id)


def _enrol(people, center, *, name, sex="F", born=dt.date(2019, 4, 1), start=dt.date(2023, 2, 1), teacher=None,
           officer="zacapa"):
    child = make_person(given_names=name, sex=sex, birth_date=born,
                        municipality_id=center.municipality_id)
    return enrolment_create(person=child, center=center, program="childcare", start=start,
                            acting_user=people[officer], attended_by_teacher=teacher)


def test_attendance_with_a_teacher_and_with_the_caregiver(people):
    """Zacapa CADI: Ana and Beto with a teacher, Carla with the caregiver, Dora not said.
    1 March: all four present; 2 March: Ana and Carla; 3 May: Beto alone.
    March: 2 days; teacher 3/2 = 1.5, caregiver 2/2 = 1, not said 1/2 = 0.5, all 6/2 = 3, teacher 50 %.
    May: 1 day; teacher 1, caregiver 0, not said 0, all 1, teacher 100 %.
    Totals, the mean of the two months: 1.25, 0.5, 0.25, 2, 75 %.
    Jutiapa CADI: Eva (teacher) present on 1 March, for Jutiapa's officer and the national count."""
    zacapa = people["zacapa_cadi"]
    kids = {name: _enrol(people, zacapa, name=name, teacher=teacher)
            for name, teacher in (("Ana", True), ("Beto", True), ("Carla", False), ("Dora", None))}
    for day, present in ((dt.date(2023, 3, 1), "Ana Beto Carla Dora"), (dt.date(2023, 3, 2), "Ana Carla"),
                         (dt.date(2023, 5, 3), "Beto")):
        roll_call_save(center=zacapa, program="childcare", day=day, acting_user=people["zacapa"],
                       present_ids={kids[name].pk for name in present.split()})
    eva = _enrol(people, people["jutiapa_cadi"], name="Eva", teacher=True, officer="jutiapa")
    roll_call_save(center=people["jutiapa_cadi"], program="childcare", day=dt.date(2023, 3, 1),
                   acting_user=people["jutiapa"], present_ids={eva.pk})

    report, table = _table(people["zacapa"], "childcare.attendance_teacher_caregiver")
    assert [c["id"] for c in table["columns"]] == ["month", "teacher", "caregiver", "unknown", "average",
                                                   "teacher_percent"]
    assert table["rows"] == [
        {"month": "marzo 2023", "teacher": 1.5, "caregiver": 1.0, "unknown": 0.5, "average": 3.0,
         "teacher_percent": 50.0},
        {"month": "mayo 2023", "teacher": 1.0, "caregiver": 0.0, "unknown": 0.0, "average": 1.0,
         "teacher_percent": 100.0}]
    assert table["totals"] == {"month": "marzo a mayo 2023 (media de los meses)", "teacher": 1.25,
                               "caregiver": 0.5, "unknown": 0.25, "average": 2.0, "teacher_percent": 75.0}
    # the daily mean is the attendance table's, month by month
    attendance = next(t for t in report["tables"] if t["id"] == "childcare.attendance_average")
    assert [r["average"] for r in attendance["rows"]] == [r["average"] for r in table["rows"]]
    assert "drill" not in table
    # Jutiapa's officer: only Eva's day
    _report, jutiapa = _table(people["jutiapa"], "childcare.attendance_teacher_caregiver")
    assert jutiapa["rows"] == [{"month": "marzo 2023", "teacher": 1.0, "caregiver": 0.0, "unknown": 0.0,
                                "average": 1.0, "teacher_percent": 100.0}]
    # nationally March has the same two days (1 March in both centers): teacher (3 + 1) / 2 = 2
    _report, national = _table(people["central"], "childcare.attendance_teacher_caregiver")
    assert national["rows"][0] == {"month": "marzo 2023", "teacher": 2.0, "caregiver": 1.0, "unknown": 0.5,
                                   "average": 3.5, "teacher_percent": 57.14}


def test_caregivers_by_who_pays_them_at_the_end_of_the_period(people):
    """Active on 31/12/2023: Zacapa CADI Rosa (SOSEP, Q1,000) and Marta (municipality, no amount),
    Zacapa community home Lucía (SOSEP, Q1,250.50); Jutiapa CADI Irma (prison system, Q700).
    Not counted: Zacapa's Elena (SOSEP, ended 30/06/2023) and Sara (starts 15/01/2024)."""
    home = make_center(ZACAPA_TOWN, kind="community_home", name="Hogar El Sauce")
    cadi, jutiapa = people["zacapa_cadi"], people["jutiapa_cadi"]
    adult = dt.date(1985, 2, 1)
    for center, name, payer, amount, start, officer in (
            (cadi, "Rosa", "sosep", "1000", dt.date(2023, 1, 9), "zacapa"),
            (cadi, "Marta", "municipalidad", None, dt.date(2023, 3, 1), "zacapa"),
            (home, "Lucía", "sosep", "1250.50", dt.date(2022, 5, 2), "zacapa"),
            (jutiapa, "Irma", "sistema_penitenciario", "700", dt.date(2023, 1, 2), "jutiapa"),
            (cadi, "Sara", "sistema_penitenciario", "500", dt.date(2024, 1, 15), "zacapa")):
        caregiver_add(center=center, person=make_person(center.municipality_id, given_names=name, birth_date=adult),
                      payer=payer, monthly_amount=Decimal(amount) if amount else None, start=start,
                      acting_user=people[officer])
    elena = caregiver_add(center=cadi, person=make_person(given_names="Elena", birth_date=adult), payer="sosep",
                          monthly_amount=Decimal("900"), start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    staff_end(record=elena, end=dt.date(2023, 6, 30), acting_user=people["zacapa"])

    _report, zacapa = _table(people["zacapa"], "childcare.caregivers_by_payer")
    assert [c["id"] for c in zacapa["columns"]] == ["department", "sosep", "municipalidad", "sistema_penitenciario",
                                                    "total", "without_amount", "monthly_amount"]
    assert [c["label"] for c in zacapa["columns"]][1:4] == ["Transferencia monetaria SOSEP", "Municipalidad",
                                                            "Sistema Penitenciario"]
    zacapa_row = {"department": "Zacapa", "sosep": 2, "municipalidad": 1, "sistema_penitenciario": 0, "total": 3,
                  "without_amount": 1, "monthly_amount": 2250.5}
    assert zacapa["rows"] == [zacapa_row]
    assert zacapa["totals"] == {**zacapa_row, "department": "Total"}
    _report, national = _table(people["central"], "childcare.caregivers_by_payer")
    assert national["rows"] == [{"department": "Jutiapa", "sosep": 0, "municipalidad": 0, "sistema_penitenciario": 1,
                                 "total": 1, "without_amount": 0, "monthly_amount": 700.0}, zacapa_row]
    assert national["totals"] == {"department": "Total", "sosep": 2, "municipalidad": 1, "sistema_penitenciario": 1,
                                  "total": 4, "without_amount": 1, "monthly_amount": 2950.5}
    _report, jutiapa = _table(people["jutiapa"], "childcare.caregivers_by_payer")
    assert [r["department"] for r in jutiapa["rows"]] == ["Jutiapa"] and jutiapa["totals"]["total"] == 1
    # on 30 June Elena was still there: SOSEP Rosa, Lucía and Elena, Q1,000 + Q1,250.50 + Q900
    june = build_report("annual", user=people["zacapa"], period=Period.month(2023, 6), program="childcare")
    june_table = next(t for t in june["tables"] if t["id"] == "childcare.caregivers_by_payer")
    assert june_table["totals"]["sosep"] == 3 and june_table["totals"]["monthly_amount"] == 3150.5
    # drill-down: Zacapa's SOSEP cell lists Rosa and Lucía; «without amount» Marta; the national total 4
    report, _national = _table(people["central"], "childcare.caregivers_by_payer")
    sosep = _listed(people["central"], drill_url(report, national, national["rows"][1], "sosep", index=1))
    assert 'data-total="2"' in sosep and "Rosa" in sosep and "Lucía" in sosep and "Elena" not in sosep
    unpaid = _listed(people["central"], drill_url(report, national, national["rows"][1], "without_amount", index=1))
    assert 'data-total="1"' in unpaid and "Marta" in unpaid
    assert 'data-total="4"' in _listed(people["central"], drill_url(report, national, national["totals"], "total",
                                                                     totals=True))
    # Jutiapa's officer following Zacapa's row sees nobody; the planner gets no list of named people
    assert 'data-total="0"' in _listed(people["jutiapa"], drill_url(report, national, national["rows"][1], "total",
                                                                     index=1))
    assert drill_url(report, national, national["rows"][1], "total", index=1, personal=False) is None


def test_children_leaving_ready_for_first_grade(people):
    """Exits in 2023 with «egresa preparado para primero primaria»: in Zacapa Luis (boy, 31/10) and
    Ana (girl, 15/11); in Jutiapa Rosa (girl, 31/10). Not counted: Zacapa's Marta (moved away,
    15/11/2023) and Pedro (ready, but on 15/12/2022)."""
    born = dt.date(2017, 3, 1)
    exits = [("Luis", "M", "primaria", dt.date(2023, 10, 31), "zacapa_cadi", "zacapa"),
             ("Ana", "F", "primaria", dt.date(2023, 11, 15), "zacapa_cadi", "zacapa"),
             ("Marta", "F", "traslado", dt.date(2023, 11, 15), "zacapa_cadi", "zacapa"),
             ("Pedro", "M", "primaria", dt.date(2022, 12, 15), "zacapa_cadi", "zacapa"),
             ("Rosa", "F", "primaria", dt.date(2023, 10, 31), "jutiapa_cadi", "jutiapa")]
    for name, sex, reason, end, center, officer in exits:
        enrolment = _enrol(people, people[center], name=name, sex=sex, born=born, start=dt.date(2022, 1, 10),
                           officer=officer)
        enrolment_exit(enrolment=enrolment, end=end, reason=reason, acting_user=people[officer])

    _report, zacapa = _table(people["zacapa"], "childcare.ready_for_primary")
    assert [c["id"] for c in zacapa["columns"]] == ["department", "boys", "girls", "total"]
    assert zacapa["rows"] == [{"department": "Zacapa", "boys": 1, "girls": 1, "total": 2}]
    assert zacapa["totals"] == {"department": "Total", "boys": 1, "girls": 1, "total": 2}
    _report, national = _table(people["central"], "childcare.ready_for_primary")
    assert national["rows"] == [{"department": "Jutiapa", "boys": 0, "girls": 1, "total": 1},
                                {"department": "Zacapa", "boys": 1, "girls": 1, "total": 2}]
    assert national["totals"] == {"department": "Total", "boys": 1, "girls": 2, "total": 3}
    _report, jutiapa = _table(people["jutiapa"], "childcare.ready_for_primary")
    assert jutiapa["rows"] == [{"department": "Jutiapa", "boys": 0, "girls": 1, "total": 1}]
    # drill-down: Zacapa's girls cell lists Ana (not Marta, who moved away); the national total 3
    report, _national = _table(people["central"], "childcare.ready_for_primary")
    girls = _listed(people["central"], drill_url(report, national, national["rows"][1], "girls", index=1))
    assert 'data-total="1"' in girls and "Ana " in girls and "Marta" not in girls
    assert 'data-total="3"' in _listed(people["central"], drill_url(report, national, national["totals"], "total",
                                                                     totals=True))
    assert 'data-total="1"' in _listed(people["jutiapa"], drill_url(report, national, national["totals"], "total",
                                                                     totals=True))


def test_educational_materials_by_material_and_recipients(people):
    """2023 in Zacapa: 10 workbooks to the children of the CADI (3 April) and 15 at a community home
    (3 May), 3 teacher guides at the CADI; in Jutiapa 7 workbooks. Not counted: 40 workbooks in 2022."""
    home = make_center(ZACAPA_TOWN, kind="community_home", name="Hogar El Sauce")
    book, guide = "Cuaderno de lectoescritura", "Guía docente"
    for center, day, material, quantity, recipients, officer in (
            (people["zacapa_cadi"], dt.date(2023, 4, 3), book, 10, "ninos", "zacapa"),
            (home, dt.date(2023, 5, 3), book, 15, "ninos", "zacapa"),
            (people["zacapa_cadi"], dt.date(2023, 4, 3), guide, 3, "docentes", "zacapa"),
            (people["zacapa_cadi"], dt.date(2022, 11, 7), book, 40, "ninos", "zacapa"),
            (people["jutiapa_cadi"], dt.date(2023, 6, 1), book, 7, "ninos", "jutiapa")):
        material_deliver(center=center, date=day, material=material, quantity=quantity, recipients=recipients,
                         acting_user=people[officer])

    _report, zacapa = _table(people["zacapa"], "childcare.materials_delivered")
    assert [c["id"] for c in zacapa["columns"]] == ["material", "recipients", "deliveries", "quantity", "centers"]
    assert zacapa["rows"] == [
        {"material": book, "recipients": "Niñas y niños", "deliveries": 2, "quantity": 25, "centers": 2},
        {"material": guide, "recipients": "Docentes", "deliveries": 1, "quantity": 3, "centers": 1}]
    # the CADI received both materials: two centers in all, not three
    assert zacapa["totals"] == {"material": "Total", "deliveries": 3, "quantity": 28, "centers": 2}
    _report, national = _table(people["central"], "childcare.materials_delivered")
    assert national["rows"][0] == {"material": book, "recipients": "Niñas y niños", "deliveries": 3,
                                   "quantity": 32, "centers": 3}
    assert national["totals"] == {"material": "Total", "deliveries": 4, "quantity": 35, "centers": 3}
    _report, jutiapa = _table(people["jutiapa"], "childcare.materials_delivered")
    assert jutiapa["rows"] == [{"material": book, "recipients": "Niñas y niños", "deliveries": 1, "quantity": 7,
                                "centers": 1}]
    # drill-down: the national workbooks row (3 deliveries, 32 units, 3 centers) and the totals' 3 centers
    report, _national = _table(people["central"], "childcare.materials_delivered")
    for column, shown in (("deliveries", 3), ("quantity", 32), ("centers", 3)):
        page = _listed(people["central"], drill_url(report, national, national["rows"][0], column, index=0))
        assert f'data-total="{shown}"' in page and guide not in page
    assert 'data-total="3"' in _listed(people["central"], drill_url(report, national, national["totals"], "centers",
                                                                     totals=True))
    # Zacapa's officer following the national workbooks row: her 2 deliveries, 25 units
    assert 'data-total="25"' in _listed(people["zacapa"], drill_url(report, national, national["rows"][0],
                                                                     "quantity", index=0))


def test_centers_opened_in_the_period_with_their_drill_down(people):
    """Opened in 2023: in Zacapa a CADI (1 March) and two community homes (15 July, 31 December); in
    Jutiapa a CADI (1 January). Not counted: a Zacapa CADI opened on 31/12/2022 and an elderly day
    center opened in 2023. The fixture's two CADIs have no opening date: the note says so."""
    for town, kind, name, opened in ((ZACAPA_TOWN, "cadi", "CADI Nuevo", dt.date(2023, 3, 1)),
                                     (ZACAPA_TOWN, "community_home", "Hogar Uno", dt.date(2023, 7, 15)),
                                     (ZACAPA_TOWN, "community_home", "Hogar Dos", dt.date(2023, 12, 31)),
                                     (JUTIAPA_TOWN, "cadi", "CADI Jutiapa Nuevo", dt.date(2023, 1, 1)),
                                     (ZACAPA_TOWN, "cadi", "CADI Viejo", dt.date(2022, 12, 31)),
                                     (ZACAPA_TOWN, "elderly_day", "Diurno", dt.date(2023, 5, 1))):
        make_center(town, kind=kind, name=name, opened_on=opened)

    report, zacapa = _table(people["zacapa"], "childcare.centers_opened")
    assert [c["id"] for c in zacapa["columns"]] == ["department", "community_homes", "cadi", "total"]
    assert zacapa["rows"] == [{"department": "Zacapa", "community_homes": 2, "cadi": 1, "total": 3}]
    assert zacapa["totals"] == {"department": "Total", "community_homes": 2, "cadi": 1, "total": 3}
    assert zacapa["note"].endswith("sin fecha de apertura registrada (no se cuentan): 1.")
    _national_report, national = _table(people["central"], "childcare.centers_opened")
    assert national["rows"] == [{"department": "Jutiapa", "community_homes": 0, "cadi": 1, "total": 1},
                                {"department": "Zacapa", "community_homes": 2, "cadi": 1, "total": 3}]
    assert national["totals"] == {"department": "Total", "community_homes": 2, "cadi": 2, "total": 4}
    assert national["note"].endswith(": 2.")
    _jutiapa_report, jutiapa = _table(people["jutiapa"], "childcare.centers_opened")
    assert jutiapa["rows"] == [{"department": "Jutiapa", "community_homes": 0, "cadi": 1, "total": 1}]

    # the drill-down lists the same centers: Zacapa's two homes, and through the totals row its CADI
    client = Client()
    client.force_login(people["zacapa"])
    homes = client.get(drill_url(report, zacapa, zacapa["rows"][0], "community_homes", index=0)).content.decode()
    assert 'data-total="2"' in homes and "Hogar Uno" in homes and "Hogar Dos" in homes and "CADI" not in homes
    cadis = client.get(drill_url(report, zacapa, zacapa["totals"], "cadi", totals=True)).content.decode()
    assert 'data-total="1"' in cadis and "CADI Nuevo" in cadis
    both = client.get(drill_url(report, zacapa, zacapa["rows"][0], "total", index=0)).content.decode()
    assert 'data-total="3"' in both and "CADI Nuevo" in both and "Hogar Dos" in both and "Diurno" not in both
    # Jutiapa's officer following Zacapa's link sees none of its centers
    outsider = Client()
    outsider.force_login(people["jutiapa"])
    listed = outsider.get(drill_url(report, zacapa, zacapa["rows"][0], "community_homes", index=0)).content.decode()
    assert 'data-total="0"' in listed and "Hogar Uno" not in listed
