"""Program figures (seed 001 tables 1, 5 and 7) against hand-computed expectations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tejido.centers.models import Center
from tejido.childcare import figures
from tejido.childcare.models import TeacherPost
from tejido.childcare.screening import screening_record
from tejido.common.testing import make_center, make_person
from tejido.programs.services import enrolment_create, enrolment_exit
from tejido.territory.models import Office

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def year(people):
    """Zacapa: CADI Zacapa (Zacapa town) and a community home in Gualán; Jutiapa: CADI Jutiapa.
    - Ana (F) and Beto (M) at CADI Zacapa all year.
    - Carla (F) at the Gualán home, then moves to CADI Jutiapa in July (counted in both departments).
    - Dora (F) enrolled at CADI Zacapa in 2022 and left in 2022 (not served in 2023)."""
    central = people["central"]
    home = make_center(1904, kind="community_home", name="Hogar Gualán")
    kids = {n: make_person(given_names=n, sex=s, birth_date=dt.date(2020, 1, 1), municipality_id=m)
            for n, s, m in [("Ana", "F", 1901), ("Beto", "M", 1901), ("Carla", "F", 1904), ("Dora", "F", 1901)]}

    def enrol(name, center, start):
        return enrolment_create(person=kids[name], center=center, program="childcare", start=start,
                                acting_user=central)

    enrol("Ana", people["zacapa_cadi"], dt.date(2022, 11, 1))
    enrol("Beto", people["zacapa_cadi"], dt.date(2023, 1, 9))
    carla = enrol("Carla", home, dt.date(2023, 1, 9))
    enrolment_exit(enrolment=carla, end=dt.date(2023, 6, 30), reason="traslado", acting_user=central)
    enrol("Carla", people["jutiapa_cadi"], dt.date(2023, 7, 3))
    dora = enrol("Dora", people["zacapa_cadi"], dt.date(2022, 2, 1))
    enrolment_exit(enrolment=dora, end=dt.date(2022, 10, 31), reason="desercion", acting_user=central)
    return {"kids": kids, "home": home}


def test_children_by_department(people, year):
    table = figures.children_by_department(user=people["central"], start=YEAR[0], end=YEAR[1])
    assert table["rows"] == [
        {"department__name": "Jutiapa", "male": 0, "female": 1, "children": 1, "municipalities": 1,
         "community_homes": 0, "cadis": 1},
        {"department__name": "Zacapa", "male": 1, "female": 2, "children": 3, "municipalities": 2,
         "community_homes": 1, "cadis": 1},
    ]
    # Carla counts once in the total: 3 children, not 1 + 3
    assert table["total"] == {"male": 1, "female": 2, "children": 3, "municipalities": 3,
                              "community_homes": 1, "cadis": 2}


def test_children_by_department_respects_period_and_scope(people, year):
    first_half = figures.children_by_department(user=people["central"], start=dt.date(2023, 1, 1),
                                                end=dt.date(2023, 6, 30))
    assert [r["department__name"] for r in first_half["rows"]] == ["Zacapa"]
    zacapa = figures.children_by_department(user=people["zacapa"], start=YEAR[0], end=YEAR[1])
    assert [r["department__name"] for r in zacapa["rows"]] == ["Zacapa"] and zacapa["total"]["children"] == 3
    year_2022 = figures.children_by_department(user=people["central"], start=dt.date(2022, 1, 1),
                                               end=dt.date(2022, 12, 31))
    assert year_2022["total"]["children"] == 2  # Ana and Dora


def test_nutrition_status_counts_the_first_screening_of_each_child(people, year):
    officer, cadi = people["central"], people["zacapa_cadi"]

    def screen(name, day, weight, height, center=cadi, confirmed=False):
        screening_record(person=year["kids"][name], center=center, measured_on=day, weight_kg=Decimal(weight),
                         height_cm=Decimal(height), measured="H", confirmed=confirmed, acting_user=officer)

    # Born 2020-01-01, measured in 2023 at about 3 years, standing. WHO weight-for-height at
    # 95.0 cm: girls -3 SD 10.75 kg, median 13.89 kg; boys median 14.06 kg.
    screen("Ana", dt.date(2023, 2, 1), "10.5", "95.0")      # first: below -3 SD, severe acute
    screen("Ana", dt.date(2023, 9, 1), "14.0", "97.0")      # second: not counted (first is)
    screen("Beto", dt.date(2023, 2, 1), "14.0", "95.0")     # normal
    screen("Carla", dt.date(2023, 2, 1), "40.0", "95.0", center=year["home"], confirmed=True)  # implausible
    status = figures.nutrition_status(user=people["central"], start=YEAR[0], end=YEAR[1])
    acute = {label: n for label, n, _ in status["tables"][0]["rows"]}
    assert status["children"] == 3 and status["implausible"] == 1
    assert acute["Desnutrición aguda severa"] == 1 and acute["Normal"] == 1
    assert status["tables"][0]["total"] == 2  # Carla's implausible value is not counted
    shares = {label: share for label, _, share in status["tables"][0]["rows"]}
    assert shares["Normal"] == 50.0
    last = figures.nutrition_status(user=people["central"], start=YEAR[0], end=YEAR[1], which="last")
    assert {label: n for label, n, _ in last["tables"][0]["rows"]}["Normal"] == 2
    assert figures.nutrition_status(user=people["jutiapa"], start=YEAR[0], end=YEAR[1])["children"] == 0


def test_teacher_posts_by_office_and_source(people, year):
    office = Office.objects.get(code="sede-19")
    Center.objects.filter(pk=people["zacapa_cadi"].pk).update(office=office)
    day = dt.date(2023, 12, 1)
    for source, start, end in [("mineduc_sosep", dt.date(2023, 1, 1), None),
                               ("mineduc_sosep", dt.date(2023, 1, 1), None),
                               ("municipalidad_cooperante", dt.date(2023, 1, 1), None),
                               ("mineduc_sosep", dt.date(2022, 1, 1), dt.date(2022, 12, 31))]:  # ended
        TeacherPost.objects.create(center=people["zacapa_cadi"], source=source, start=start, end=end)
    table = figures.teacher_posts_by_office(user=people["central"], on=day)
    assert table["rows"] == [{"center__office__name": "Sede Zacapa", "mineduc_sosep": 2,
                              "direccion_departamental": 0, "municipalidad_cooperante": 1}]
    assert figures.teacher_posts_by_office(user=people["jutiapa"], on=day)["rows"] == []


def test_figures_page_for_planner_shows_aggregates(people, year):
    client = Client()
    client.force_login(people["planner"])
    html = client.get("/primera-infancia/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Zacapa" in html and "Jutiapa" in html and "Ana" not in html
    assert client.get("/primera-infancia/cifras/?desde=basura").status_code == 200


def test_events_page_registers_a_talk_and_figures_show_it(people, year):
    client = Client()
    client.force_login(people["zacapa"])
    bad = client.post("/primera-infancia/eventos/", {"kind": "charla", "topic": "Higiene", "audience": "padres",
                                                     "modality": "presencial", "date": "2023-05-10",
                                                     "center": people["zacapa_cadi"].pk, "unnamed_participants": 0})
    assert "al menos un participante" in bad.content.decode()
    ok = client.post("/primera-infancia/eventos/", {"kind": "charla", "topic": "Higiene", "audience": "padres",
                                                    "modality": "presencial", "date": "2023-05-10",
                                                    "center": people["zacapa_cadi"].pk, "unnamed_participants": 12})
    assert ok.status_code == 302
    foreign = client.post("/primera-infancia/eventos/", {"kind": "charla", "topic": "X", "audience": "padres",
                                                         "modality": "presencial", "date": "2023-05-10",
                                                         "center": people["jutiapa_cadi"].pk,
                                                         "unnamed_participants": 3})
    assert "Elija un centro de la lista" in foreign.content.decode()
    # the theme counted apart by the annual report (tables 6 and 8) is only for a talk
    themed = client.post("/primera-infancia/eventos/", {"kind": "capacitacion", "topic": "Higiene",
                                                        "category": "alimentacion", "audience": "docentes",
                                                        "modality": "presencial", "date": "2023-05-11",
                                                        "center": people["zacapa_cadi"].pk,
                                                        "unnamed_participants": 4})
    assert "El tema de la charla solo se indica para una charla informativa." in themed.content.decode()
    assert client.post("/primera-infancia/eventos/", {"kind": "charla", "topic": "Alimentación",
                                                      "category": "alimentacion", "audience": "padres",
                                                      "modality": "presencial", "date": "2023-05-12",
                                                      "center": people["zacapa_cadi"].pk,
                                                      "unnamed_participants": 7}).status_code == 302
    from tejido.programs.models import Event

    assert Event.objects.get(topic="Alimentación").category == "alimentacion"
    html = client.get("/primera-infancia/cifras/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Charlas informativas a padres por centro" in html and ">19<" in html  # 12 + 7 at the same center


def test_priority_municipality_coverage(people, year):
    from tejido.territory.models import PriorityList

    plist = PriorityList.objects.create(name="Lista de prueba")
    # Zacapa: Zacapa (1901, served), Gualán (1904, served), Estanzuela (1902, not); Jutiapa: Jutiapa (2201, served)
    plist.municipalities.set([1901, 1902, 1904, 2201])
    table = figures.priority_coverage(user=people["central"], priority_list=plist, start=YEAR[0], end=YEAR[1])
    assert table["rows"] == [
        {"department": "Jutiapa", "prioritised": 1, "covered": 1, "share": 100.0},
        {"department": "Zacapa", "prioritised": 3, "covered": 2, "share": 66.67},
    ]
    assert (table["prioritised"], table["covered"], table["share"]) == (4, 3, 75.0)
    zacapa = figures.priority_coverage(user=people["zacapa"], priority_list=plist, start=YEAR[0], end=YEAR[1])
    assert [r["department"] for r in zacapa["rows"]] == ["Zacapa"]


def test_protection_counts_on_the_figures_page_only_for_national_staff(people, year):
    central, officer = Client(), Client()
    central.force_login(people["central"])
    officer.force_login(people["zacapa"])
    url = "/primera-infancia/cifras/?desde=2023-01-01&hasta=2023-12-31"
    assert "Casos de sospecha de violencia" in central.get(url).content.decode()
    assert "Casos de sospecha de violencia" not in officer.get(url).content.decode()
