import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from tejido.childcare.models import NutritionScreening
from tejido.childcare.screening import screening_record
from tejido.common.errors import ApplicationError
from tejido.common.testing import make_person
from tejido.programs.services import enrolment_create

pytestmark = pytest.mark.django_db
BOY_BORN = dt.date(2021, 3, 1)


@pytest.fixture
def boy(people):
    person = make_person(given_names="Mateo", sex="M", birth_date=BOY_BORN)
    enrolment = enrolment_create(person=person, center=people["zacapa_cadi"], program="childcare",
                                 start=dt.date(2022, 1, 10), acting_user=people["zacapa"])
    return enrolment


def _record(people, enrolment, **kw):
    data = dict(person=enrolment.person, center=enrolment.center, measured_on=dt.date(2022, 3, 1),
                weight_kg=Decimal("9.6"), height_cm=Decimal("75.7"), measured="L", acting_user=people["zacapa"])
    data.update(kw)
    return screening_record(**data)


def test_screening_keeps_z_scores_and_classes(people, boy):
    # a boy of exactly 12 months at the WHO medians (weight 9.6 kg, length 75.7 cm): z ~ 0, normal
    s = _record(people, boy)
    assert s.reference == "who2006" and s.department_id == 19
    assert abs(s.zwfa) < 0.05 and abs(s.zhfa) < 0.05
    assert s.acute_class == "normal" and s.chronic_class == "normal"
    assert s.history.first().history_user == people["zacapa"]


def test_wasted_and_stunted_child_is_classified(people, boy):
    # 12 months, 69.0 cm lying: WHO weight-for-length boys 69.0 cm has -2 SD = 6.99 kg and
    # -3 SD = 6.47 kg; length-for-age at 12 months -2 SD = 71.0 cm.
    s = _record(people, boy, weight_kg=Decimal("6.4"), height_cm=Decimal("69.0"))
    assert s.zhfa < -2 and s.chronic_class == "retardo_crecimiento"
    assert s.zwfh < -3 and s.acute_class == "dpc_severa"
    s = _record(people, boy, weight_kg=Decimal("6.8"), height_cm=Decimal("69.0"))
    assert -3 <= s.zwfh < -2 and s.acute_class == "dpc_moderada"


@pytest.mark.parametrize("kw, field, text", [
    ({"weight_kg": Decimal("120")}, "weight_kg", "fuera de rango"),
    ({"height_cm": Decimal("0.5")}, "height_cm", "fuera de rango"),
    ({"height_cm": Decimal("250")}, "height_cm", "fuera de rango"),
    ({"measured_on": dt.date(2999, 1, 1)}, "measured_on", "futuro"),
    ({"measured_on": dt.date(2020, 1, 1)}, "measured_on", "anterior al nacimiento"),
    ({"weight_kg": None, "height_cm": None}, "weight_kg", "peso"),
])
def test_impossible_measurements_are_refused(people, boy, kw, field, text):
    with pytest.raises(ApplicationError) as error:
        _record(people, boy, **kw)
    assert error.value.field == field and text in error.value.message
    assert not NutritionScreening.objects.exists()


def test_implausible_values_are_flagged_not_hidden(people, boy):
    # 12 months and 20 kg at 75 cm: weight-for-length far beyond +5 SD (saved once confirmed)
    s = _record(people, boy, weight_kg=Decimal("20"), height_cm=Decimal("75.0"), confirmed=True)
    assert "zwfh" in s.implausible and s.flags


def test_screening_page_shows_classification_and_growth_chart(people, boy):
    client = Client()
    client.force_login(people["zacapa"])
    url = f"/primera-infancia/inscripciones/{boy.pk}/nutricion/"
    bad = client.post(url, {"measured_on": "2022-03-01", "weight_kg": "abc", "height_cm": "75.7"})
    assert "Escriba el peso en kilogramos" in bad.content.decode()
    response = client.post(url, {"measured_on": "2022-03-01", "weight_kg": "6.4", "height_cm": "69.0",
                                 "measured": "L"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Desnutrición aguda severa" in page
    assert page.count("<svg") == 3 and "<circle" in page
    assert Client().get(url).status_code == 302  # login required
    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert jutiapa.get(url).status_code == 404


def test_person_page_shows_latest_screening_class(people, boy):
    _record(people, boy, weight_kg=Decimal("6.4"), height_cm=Decimal("69.0"))
    client = Client()
    client.force_login(people["zacapa"])
    html = client.get(f"/personas/{boy.person_id}/").content.decode()
    assert "Últimos tamizajes nutricionales" in html and "Desnutrición aguda severa" in html


def test_home_lists_children_whose_latest_screening_shows_acute_malnutrition(people):
    from django.utils import timezone

    today = timezone.localdate()
    baby = make_person(given_names="Tomasito", sex="M", birth_date=today - dt.timedelta(days=365))
    enrolment = enrolment_create(person=baby, center=people["zacapa_cadi"], program="childcare",
                                 start=today - dt.timedelta(days=120), acting_user=people["zacapa"])
    # about 11-12 months, 69.0 cm lying: 6.4 kg is below -3 SD weight-for-length (see above)
    _record(people, enrolment, measured_on=today - dt.timedelta(days=30), weight_kg=Decimal("6.4"),
            height_cm=Decimal("69.0"))
    client = Client()
    client.force_login(people["zacapa"])
    html = client.get("/").content.decode()
    assert "Requieren atención" in html and "Tomasito" in html
    # a later, normal screening takes the child off the list
    _record(people, enrolment, measured_on=today - dt.timedelta(days=1), weight_kg=Decimal("9.0"),
            height_cm=Decimal("74.0"))
    assert "Tomasito" not in client.get("/").content.decode().split("Centros por tipo")[0]
    jutiapa = Client()
    jutiapa.force_login(people["jutiapa"])
    assert "Requieren atención" not in jutiapa.get("/").content.decode()
