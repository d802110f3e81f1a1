import datetime as dt

import pytest
from django.test import Client

from tejido.common.errors import ApplicationError
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.ages import completed_months
from tejido.programs.models import Attendance, Enrolment
from tejido.programs.services import enrolment_create, enrolment_exit, roll_call_save
from tejido.registry.selectors import person_list

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2023, 3, 6)


def _child(municipality=ZACAPA_TOWN, born=dt.date(2020, 1, 15), **kw):
    return make_person(municipality, birth_date=born, **kw)


def _enrol(user, person, center, start=MONDAY, **kw):
    return enrolment_create(person=person, center=center, program="childcare", start=start, acting_user=user, **kw)


def test_completed_months():
    assert completed_months(dt.date(2020, 1, 15), dt.date(2020, 7, 14)) == 5
    assert completed_months(dt.date(2020, 1, 15), dt.date(2020, 7, 15)) == 6
    assert completed_months(dt.date(2020, 1, 31), dt.date(2027, 1, 30)) == 83


@pytest.mark.parametrize("born, ok", [
    (MONDAY.replace(year=2022, month=9, day=7), False),   # 5 months 29 days
    (MONDAY.replace(year=2022, month=9, day=6), True),    # exactly 6 months
    (MONDAY.replace(year=2016, month=3, day=7), True),    # 6 years 11 months
    (MONDAY.replace(year=2016, month=3, day=6), False),   # 7 years: too old
])
def test_age_rule_is_half_open_6_months_to_7_years(people, born, ok):
    child = _child(born=born)
    if ok:
        assert _enrol(people["zacapa"], child, people["zacapa_cadi"]).department_id == 19
    else:
        with pytest.raises(ApplicationError, match="el programa atiende desde 6 meses y menos de 7 años"):
            _enrol(people["zacapa"], child, people["zacapa_cadi"])
        assert not Enrolment.objects.exists()


def test_a_child_cannot_be_enrolled_in_two_centers_at_once(people):
    child = _child()
    other = make_center(1904, name="CADI Gualán")
    _enrol(people["zacapa"], child, people["zacapa_cadi"])
    with pytest.raises(ApplicationError, match="ya está inscrit[oa] en"):
        _enrol(people["zacapa"], child, other)
    enrolment = Enrolment.objects.get()
    enrolment_exit(enrolment=enrolment, end=MONDAY + dt.timedelta(days=30), reason="traslado",
                   acting_user=people["zacapa"])
    assert _enrol(people["zacapa"], child, other, start=MONDAY + dt.timedelta(days=31)).center == other


def test_enrolment_rules(people):
    child = _child()
    elderly_center = make_center(ZACAPA_TOWN, kind="elderly_day", name="Centro Diurno")
    with pytest.raises(ApplicationError, match="no pertenece a este programa"):
        _enrol(people["zacapa"], child, elderly_center)
    with pytest.raises(ApplicationError, match="futuro"):
        _enrol(people["zacapa"], child, people["zacapa_cadi"], start=dt.date(2999, 1, 1))
    with pytest.raises(ApplicationError, match="anterior al nacimiento"):
        _enrol(people["zacapa"], child, people["zacapa_cadi"], start=dt.date(2019, 1, 1))
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        _enrol(people["zacapa"], child, people["jutiapa_cadi"])
    with pytest.raises(ApplicationError, match="solo lectura"):
        _enrol(people["auditor"], child, people["zacapa_cadi"])
    enrolment = _enrol(people["clerk"], child, people["zacapa_cadi"])
    with pytest.raises(ApplicationError, match="anterior al ingreso"):
        enrolment_exit(enrolment=enrolment, end=MONDAY - dt.timedelta(days=1), reason="traslado",
                       acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="motivo"):
        enrolment_exit(enrolment=enrolment, end=MONDAY, reason="", acting_user=people["zacapa"])


def test_child_living_elsewhere_is_visible_where_served_and_nowhere_else(people):
    child = _child(JUTIAPA_TOWN, given_names="Viajera")
    assert not person_list(user=people["zacapa"], q="viajera").exists()
    for user in ("zacapa", "clerk"):  # the person page follows the same rule, one record at a time
        before = Client()
        before.force_login(people[user])
        assert before.get(f"/personas/{child.pk}/").status_code == 404
    _enrol(people["central"], child, people["zacapa_cadi"])
    assert person_list(user=people["zacapa"], q="viajera").count() == 1
    assert person_list(user=people["clerk"], q="viajera").count() == 1
    assert person_list(user=people["jutiapa"], q="viajera").count() == 1  # she lives there
    client = Client()
    client.force_login(people["zacapa"])
    assert client.get(f"/personas/{child.pk}/").status_code == 200
    clerk = Client()
    clerk.force_login(people["clerk"])
    assert clerk.get(f"/personas/{child.pk}/").status_code == 200
    other_officer = Client()
    other_officer.force_login(people["jutiapa"])
    assert other_officer.get(f"/personas/{child.pk}/").status_code == 200


def test_roll_call_marks_every_enrolled_child_and_can_be_corrected(people):
    a, b = _child(given_names="Ana"), _child(given_names="Beto", sex="M")
    ea, eb = _enrol(people["zacapa"], a, people["zacapa_cadi"]), _enrol(people["zacapa"], b, people["zacapa_cadi"])
    roll_call_save(center=people["zacapa_cadi"], program="childcare", day=MONDAY, present_ids={ea.pk},
                   acting_user=people["clerk"])
    assert dict(Attendance.objects.values_list("enrolment_id", "present")) == {ea.pk: True, eb.pk: False}
    roll_call_save(center=people["zacapa_cadi"], program="childcare", day=MONDAY, present_ids={ea.pk, eb.pk},
                   acting_user=people["clerk"])
    assert Attendance.objects.filter(present=True).count() == 2 and Attendance.objects.count() == 2
    with pytest.raises(ApplicationError, match="sábados"):
        roll_call_save(center=people["zacapa_cadi"], program="childcare", day=dt.date(2023, 3, 4),
                       present_ids=set(), acting_user=people["clerk"])
    with pytest.raises(ApplicationError, match="no estaban inscritas"):
        roll_call_save(center=people["zacapa_cadi"], program="childcare", day=MONDAY - dt.timedelta(days=7),
                       present_ids={ea.pk}, acting_user=people["clerk"])
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        roll_call_save(center=people["zacapa_cadi"], program="childcare", day=MONDAY, present_ids=set(),
                       acting_user=people["jutiapa"])


@pytest.mark.parametrize("sex, words", [("F", "ya está inscrita en"), ("M", "ya está inscrito en")])
def test_the_already_enrolled_message_agrees_with_the_child(people, sex, words):
    """«ya está inscrito» said of a girl was found from outside (issue 16 item 11)."""
    child = _child()
    child.sex = sex
    child.save()
    _enrol(people["zacapa"], child, people["zacapa_cadi"])
    with pytest.raises(ApplicationError) as refused:
        _enrol(people["zacapa"], child, make_center(1904, name="CADI Gualán"))
    assert words in refused.value.message and ("inscribirla" if sex == "F" else "inscribirlo") in refused.value.message
