"""A center moved to another municipality (centers.services.center_update, what the center edit
page calls): every row that copies its territory follows it in the same transaction, so the
officers' scoped lists and the reports see its people where the center now is."""

import datetime as dt

import pytest

from tejido.centers.models import Center
from tejido.centers.services import center_update
from tejido.common.testing import JUTIAPA_TOWN, ZACAPA_TOWN, make_center, make_person
from tejido.programs.deliveries import delivery_create
from tejido.programs.models import AttendanceMonth, Delivery, Enrolment, Event, RollMonth
from tejido.programs.selectors import enrolment_list
from tejido.programs.services import enrolment_create, event_create, roll_call_save
from tejido.programs.tests.test_lives_elsewhere import flags
from tejido.registry.selectors import person_list
from tejido.reports.breakdown import breakdown
from tejido.reports.period import Period
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2023, 3, 6)
ZACAPA, JUTIAPA = ZACAPA_TOWN // 100, JUTIAPA_TOWN // 100


def _by_department(user) -> dict[str, int]:
    table = breakdown(user=user, program="childcare", period=Period.year(2023), dimension="department")
    return {row["group"]: row["people"] for row in table.rows if row["people"]}


@pytest.fixture
def moved(people):
    """A Zacapa CADI serving a Zacapa child and a Jutiapa child, with a roll, an event and a
    delivery there, then moved to Jutiapa by central staff."""
    center = make_center(ZACAPA_TOWN, name="CADI Río Hondo")
    zacapa_child = make_person(ZACAPA_TOWN, birth_date=dt.date(2020, 1, 15), given_names="Zacapaneca")
    jutiapa_child = make_person(JUTIAPA_TOWN, birth_date=dt.date(2020, 1, 15), given_names="Jutiapaneca")
    officer = people["zacapa"]
    enrolments = [enrolment_create(person=child, center=center, program="childcare", start=MONDAY, acting_user=officer)
                  for child in (zacapa_child, jutiapa_child)]
    roll_call_save(center=center, program="childcare", day=MONDAY, present_ids={enrolments[0].pk},
                   acting_user=officer)
    zacapa = Municipality.objects.get(pk=ZACAPA_TOWN)
    event_create(program="childcare", kind="charla", topic="Lactancia", audience="padres", date=MONDAY,
                 municipality=zacapa, center=center, unnamed_participants=10, acting_user=officer)
    delivery_create(program="childcare", item="kit_higiene", quantity=2, date=MONDAY, municipality=zacapa,
                    center=center, acting_user=officer)
    before = {"zacapa": _by_department(people["zacapa"]), "jutiapa": _by_department(people["jutiapa"]),
              "central": _by_department(people["central"]), "flags": flags()}
    assert Enrolment.objects.filter(center=center, department_id=ZACAPA).count() == 2
    center_update(center=Center.objects.get(pk=center.pk), acting_user=people["central"],
                  municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))
    return {"center": center, "enrolments": enrolments, "before": before}


def test_enrolments_follow_the_center_to_its_new_department(people, moved):
    center, (zacapa_enrolment, jutiapa_enrolment) = moved["center"], moved["enrolments"]
    assert set(Enrolment.objects.filter(center=center).values_list("department_id", flat=True)) == {JUTIAPA}
    # lives_elsewhere: the Zacapa child is now served outside home; the Jutiapa one at home
    assert moved["before"]["flags"] == {zacapa_enrolment.pk: False, jutiapa_enrolment.pk: True}
    assert flags() == {zacapa_enrolment.pk: True, jutiapa_enrolment.pk: False}

    zacapa, jutiapa = people["zacapa"], people["jutiapa"]
    assert set(enrolment_list(user=jutiapa, center_id=center.pk).values_list("pk", flat=True)) == {
        zacapa_enrolment.pk, jutiapa_enrolment.pk}
    assert not enrolment_list(user=zacapa, center_id=center.pk).exists()
    # the Zacapa child is visible to the Jutiapa officer (served there) and still to the Zacapa one (lives there)
    assert person_list(user=jutiapa, q="zacapaneca").count() == 1
    assert person_list(user=zacapa, q="zacapaneca").count() == 1
    assert person_list(user=zacapa, q="jutiapaneca").count() == 0


def test_report_counts_move_with_the_center(people, moved):
    before = moved["before"]
    assert before["zacapa"] == {"Zacapa": 2} and before["jutiapa"] == {}
    assert _by_department(people["zacapa"]) == {}
    assert _by_department(people["jutiapa"]) == {"Jutiapa": 2}
    assert sum(before["central"].values()) == sum(_by_department(people["central"]).values())


def test_other_copies_of_the_center_territory_move_too(moved):
    center = moved["center"]
    for model in (AttendanceMonth, RollMonth):
        assert set(model.objects.filter(center=center).values_list("department_id", flat=True)) == {JUTIAPA}
    for model in (Event, Delivery):
        assert list(model.objects.filter(center=center).values_list("municipality_id", "department_id")) == [
            (JUTIAPA_TOWN, JUTIAPA)]


def test_an_edit_that_keeps_the_municipality_changes_no_copy(people):
    center = make_center(ZACAPA_TOWN, name="CADI Estanzuela")
    child = make_person(JUTIAPA_TOWN, birth_date=dt.date(2020, 1, 15))
    enrolment = enrolment_create(person=child, center=center, program="childcare", start=MONDAY,
                                 acting_user=people["zacapa"])
    center_update(center=center, acting_user=people["zacapa"], name="CADI La Estanzuela")
    enrolment.refresh_from_db()
    assert (enrolment.department_id, enrolment.lives_elsewhere) == (ZACAPA, True)


def test_a_migrant_reception_follows_its_center(people):
    from tejido.migrants.models import Reception
    from tejido.migrants.services import reception_create
    from tejido.migrants.tests.test_scope_attacks import D, _family

    center = make_center(ZACAPA_TOWN, kind="migrant_reception", name="Recepción Zacapa")
    reception = reception_create(acting_user=people["zacapa"], date=D, center=center, arrival_mode="terrestre",
                                 returned_from="mexico", members=_family("Pérez"),
                                 destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN))
    center_update(center=center, acting_user=people["central"], municipality=Municipality.objects.get(pk=JUTIAPA_TOWN))
    reception = Reception.objects.get(pk=reception.pk)
    # where it was received moves; where the family goes does not
    assert (reception.department_id, reception.destination_municipality_id) == (JUTIAPA, ZACAPA_TOWN)
