"""Monthly attendance (seed 001 table 3) against hand-computed figures."""

import datetime as dt

import pytest
from django.test import Client

from tejido.childcare.selectors import attendance_month
from tejido.common.testing import make_person
from tejido.programs.services import enrolment_create, roll_call_save

pytestmark = pytest.mark.django_db
MON, TUE = dt.date(2023, 3, 6), dt.date(2023, 3, 7)


@pytest.fixture
def month(people):
    """Three children at the Zacapa CADI:
    Ana (F, maya, 2 y: inicial), Beto (M, ladino, 5 y: preprimaria), Cata (F, xinca, 4 y 0 m: preprimaria).
    Monday: Ana and Beto present. Tuesday: all three present. 5 presences over 2 days."""
    officer, cadi = people["zacapa"], people["zacapa_cadi"]
    kids = {
        "ana": make_person(given_names="Ana", sex="F", pueblo="maya", birth_date=dt.date(2021, 1, 10)),
        "beto": make_person(given_names="Beto", sex="M", pueblo="ladino", birth_date=dt.date(2018, 2, 1)),
        "cata": make_person(given_names="Cata", sex="F", pueblo="xinca", birth_date=dt.date(2019, 3, 6)),
    }
    enrol = {k: enrolment_create(person=p, center=cadi, program="childcare", start=dt.date(2023, 2, 1),
                                 acting_user=officer, attended_by_teacher=True) for k, p in kids.items()}
    roll_call_save(center=cadi, program="childcare", day=MON, present_ids={enrol["ana"].pk, enrol["beto"].pk},
                   acting_user=officer)
    roll_call_save(center=cadi, program="childcare", day=TUE, present_ids={e.pk for e in enrol.values()},
                   acting_user=officer)
    return enrol


def test_monthly_averages_and_shares_by_sex_level_and_pueblo(people, month):
    summary = attendance_month(user=people["zacapa"], year=2023, month=3)
    assert summary["days"] == 2 and summary["presences"] == 5 and summary["average"] == 2.5
    # girls: Ana×2 + Cata×1 = 3 presences -> 1.5 a day, 60 %; boys: Beto×2 -> 1.0, 40 %
    assert summary["sex"] == [("Niños", 1.0, 40.0), ("Niñas", 1.5, 60.0)]
    # inicial: Ana×2 = 2 -> 1.0, 40 %; preprimaria: Beto×2 + Cata×1 (4 y exactly on Tuesday) = 3 -> 1.5, 60 %
    assert [(str(label), avg, share) for label, avg, share in summary["level"]] == [
        ("Inicial", 1.0, 40.0), ("Preprimaria", 1.5, 60.0)]
    # maya 2 (40 %), xinka 1 (20 %), garífuna 0, rest (ladino) 2 (40 %)
    assert [(share) for _label, _avg, share in summary["pueblo"]] == [40.0, 20.0, 0.0, 40.0]


def test_cata_was_inicial_the_day_before_her_fourth_birthday(people, month):
    from tejido.programs.models import Attendance

    levels = dict(Attendance.objects.filter(enrolment=month["cata"]).values_list("roll__date", "level"))
    # Monday 6 March 2023 is her 4th birthday: preprimaria from that day
    assert levels == {MON: "preprimaria", TUE: "preprimaria"}
    ana = Attendance.objects.filter(enrolment=month["ana"]).values_list("level", flat=True)
    assert set(ana) == {"inicial"}


def test_other_departments_see_no_attendance(people, month):
    assert attendance_month(user=people["jutiapa"], year=2023, month=3)["days"] == 0
    assert attendance_month(user=people["planner"], year=2023, month=3)["presences"] == 5  # aggregates only
    assert attendance_month(user=people["zacapa"], year=2023, month=4)["days"] == 0


def test_roll_page_one_click_per_child(people, month):
    client = Client()
    client.force_login(people["clerk"])
    url = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/asistencia/"
    page = client.get(f"{url}?fecha=2023-03-06").content.decode()
    assert page.count('type="checkbox" name="presente"') == 3
    assert page.count("checked") == 2  # Monday's saved roll
    response = client.post(url, {"fecha": "2023-03-08", "presente": [str(month["ana"].pk)]})
    assert response.status_code == 302
    summary = attendance_month(user=people["zacapa"], year=2023, month=3)
    assert summary["days"] == 3 and summary["presences"] == 6
    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert jutiapa.get(url).status_code == 404


def test_enrol_through_the_center_page(people):
    client = Client()
    client.force_login(people["zacapa"])
    child = make_person(given_names="Nueva", birth_date=dt.date(2021, 5, 1))
    url = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/"
    response = client.post(url, {"person_id": child.pk, "start": "2023-06-01", "attended_by_teacher": "0"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Caal, Nueva" in page and "Madre cuidadora" in page
    again = client.post(url, {"person_id": child.pk, "start": "2023-06-02", "attended_by_teacher": "1"})
    assert "ya está inscrit" in again.content.decode()
    baby = make_person(given_names="Bebé", birth_date=dt.date(2023, 5, 1))
    too_young = client.post(url, {"person_id": baby.pk, "start": "2023-06-01", "attended_by_teacher": "1"})
    assert "el programa atiende desde 6 meses" in too_young.content.decode()


def test_person_page_shows_enrolments_across_programs(people, month):
    client = Client()
    client.force_login(people["zacapa"])
    page = client.get(f"/personas/{month['ana'].person_id}/").content.decode()
    assert "Hogares Comunitarios" in page and "CADI Zacapa" in page and "activa" in page


def test_roll_opens_on_friday_during_a_weekend():
    from tejido.programs.views import last_weekday as _last_weekday

    assert _last_weekday(dt.date(2026, 11, 22)) == dt.date(2026, 11, 20)  # Sunday -> Friday
    assert _last_weekday(dt.date(2026, 11, 21)) == dt.date(2026, 11, 20)  # Saturday -> Friday
    assert _last_weekday(dt.date(2026, 11, 19)) == dt.date(2026, 11, 19)


def test_ids_in_forms_and_years_are_never_grouped(people, month, settings):
    """An id of 1,234 printed with a thousands separator would silently drop a child from the roll."""
    from django.template import Context, Template

    assert Template("{{ n }}").render(Context({"n": 1234})) == "1234"
    assert Template("{% load tejido %}{{ n|num }}").render(Context({"n": 1234})) == "1,234"


def test_child_search_for_enrolment_lists_only_young_children_in_scope(people):
    make_person(given_names="Lucía", first_surname="Pineda", birth_date=dt.date(2021, 1, 1))
    make_person(given_names="Lucía", first_surname="Pineda", birth_date=dt.date(1990, 1, 1))  # an adult
    from tejido.common.testing import JUTIAPA_TOWN

    make_person(JUTIAPA_TOWN, given_names="Lucía", first_surname="Pineda", birth_date=dt.date(2021, 1, 1))
    client = Client()
    client.force_login(people["zacapa"])
    url = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/buscar/?q=lucia+pineda"
    html = client.get(url).content.decode()
    assert html.count("Elegir") == 1 and "Zacapa" in html


def _csv(response) -> list[list[str]]:
    import csv
    import io

    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_attendance_summary_exports_the_page_tables_within_scope(people, month):
    from tejido.common.models import AccessEvent
    from tejido.common.testing import client_for

    officer = client_for(people["zacapa"])
    page = officer.get("/primera-infancia/asistencia/?mes=2023-03").content.decode()
    assert 'href="/exportar/asistencia-mensual.xlsx?mes=2023-03"' in page
    header, *rows = _csv(officer.get("/exportar/asistencia-mensual.csv?mes=2023-03"))
    assert header == ["Mes", "Días con lista", "Grupo", "Categoría", "Media diaria", "Porcentaje"]
    by_label = {(r[2], r[3]): (r[1], r[4], r[5]) for r in rows}
    assert by_label[("Total", "Todas y todos")] == ("2", "2.5", "100")
    assert by_label[("Por sexo", "Niñas")] == ("2", "1.5", "60.0")
    assert by_label[("Por nivel", "Preprimaria")] == ("2", "1.5", "60.0")
    assert by_label[("Por pueblo", "Xinka")] == ("2", "0.5", "20.0")
    assert len(rows) == 1 + 2 + 2 + 4
    # the same center chosen by an officer of another department counts nothing, as on the page
    jutiapa = client_for(people["jutiapa"])
    url = f"/exportar/asistencia-mensual.csv?mes=2023-03&centro={people['zacapa_cadi'].pk}"
    _header, total, *_rest = _csv(jutiapa.get(url))
    assert total[1] == "0" and total[4] == ""
    # the planner gets aggregates, as on the page; the export is logged with its filters
    _header, total, *_rest = _csv(client_for(people["planner"]).get("/exportar/asistencia-mensual.csv?mes=2023-03"))
    assert total[4] == "2.5"
    logged = AccessEvent.objects.get(user=people["zacapa"], action="export", detail__list="asistencia-mensual")
    assert logged.detail["filters"] == {"mes": "2023-03"}
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(b"".join(officer.get("/exportar/asistencia-mensual.xlsx?mes=2023-03")
                                             .streaming_content)))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert cells[0] == header and cells[1][4] == 2.5 and len(cells) == 1 + len(rows)
