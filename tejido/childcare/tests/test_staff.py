import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tejido.childcare.models import Caregiver, TeacherPost
from tejido.childcare.staff import caregiver_add, staff_end, teacher_post_add
from tejido.common.errors import ApplicationError
from tejido.common.testing import make_center, make_person

pytestmark = pytest.mark.django_db


def test_caregiver_rules(people):
    mother = make_person(given_names="Rosa", birth_date=dt.date(1980, 1, 1))
    cadi = people["zacapa_cadi"]
    c = caregiver_add(center=cadi, person=mother, payer="sosep", monthly_amount=Decimal("1000"),
                      start=dt.date(2023, 1, 9), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="ya es madre cuidadora"):
        caregiver_add(center=cadi, person=mother, payer="sosep", monthly_amount=None, start=dt.date(2023, 2, 1),
                      acting_user=people["zacapa"])
    teen = make_person(given_names="Joven", birth_date=dt.date(2010, 1, 1))
    with pytest.raises(ApplicationError, match="mayor de edad"):
        caregiver_add(center=cadi, person=teen, payer="sosep", monthly_amount=None, start=dt.date(2023, 2, 1),
                      acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="fuera de rango"):
        caregiver_add(center=cadi, person=make_person(given_names="Otra"), payer="sosep",
                      monthly_amount=Decimal("-5"), start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="Solo los hogares"):
        caregiver_add(center=make_center(kind="elderly_day", name="Diurno"), person=make_person(given_names="X"),
                      payer="sosep", monthly_amount=None, start=dt.date(2023, 2, 1), acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="entre el inicio y hoy"):
        staff_end(record=c, end=dt.date(2022, 1, 1), acting_user=people["zacapa"])
    staff_end(record=c, end=dt.date(2023, 12, 31), acting_user=people["zacapa"])
    assert Caregiver.objects.get().end == dt.date(2023, 12, 31)


def test_teacher_posts_and_page(people):
    client = Client()
    client.force_login(people["zacapa"])
    url = f"/primera-infancia/centros/{people['zacapa_cadi'].pk}/personal/"
    response = client.post(url, {"form": "teacher", "source": "mineduc_sosep", "start": "2023-01-16"})
    assert response.status_code == 302 and TeacherPost.objects.count() == 1
    bad = client.post(url, {"form": "caregiver", "person_id": "999999", "payer": "sosep", "start": "2023-01-16"})
    assert "No existe una persona con ese número" in bad.content.decode()
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        teacher_post_add(center=people["zacapa_cadi"], source="mineduc_sosep", start=dt.date(2023, 1, 1),
                         acting_user=people["jutiapa"])
    assert "Coordinación MINEDUC-SOSEP" in client.get(url).content.decode()


def test_materials_handed_out(people):
    from tejido.childcare.figures import materials_delivered
    from tejido.childcare.staff import material_deliver

    day = dt.date(2023, 4, 3)
    for quantity in (10, 15):
        material_deliver(center=people["zacapa_cadi"], date=day, material="Cuaderno de lectoescritura",
                         quantity=quantity, recipients="ninos", acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="entre 1 y 100,000"):
        material_deliver(center=people["zacapa_cadi"], date=day, material="Guía", quantity=0,
                         recipients="docentes", acting_user=people["zacapa"])
    rows = materials_delivered(user=people["central"], start=day, end=day)
    assert [(r["material"], r["deliveries"], r["quantity"], r["centers"]) for r in rows] == [
        ("Cuaderno de lectoescritura", 2, 25, 1)]
    assert materials_delivered(user=people["jutiapa"], start=day, end=day) == []
    client = Client()
    client.force_login(people["zacapa"])
    response = client.post("/primera-infancia/eventos/", {"form": "material", "material": "Guía docente",
                                                          "quantity": "3", "recipients": "docentes",
                                                          "date": "2023-04-03", "center": people["zacapa_cadi"].pk})
    assert response.status_code == 302
    html = client.get("/primera-infancia/eventos/?desde=2023-01-01&hasta=2023-12-31").content.decode()
    assert "Guía docente" in html and "Cuaderno de lectoescritura" in html
