import datetime as dt

import pytest

from tejido.common.errors import ApplicationError
from tejido.common.testing import make_person
from tejido.programs.models import Event
from tejido.programs.selectors import events_by_center, events_summary
from tejido.programs.services import event_create
from tejido.territory.models import Municipality

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 5, 10)


def _event(people, user="zacapa", center="zacapa_cadi", **kw):
    center_obj = people[center] if center else None
    data = dict(program="childcare", kind="charla", topic="Prevención de violencia y maltrato infantil",
                audience="padres", date=DAY, municipality=center_obj.municipality if center_obj else
                Municipality.objects.get(pk=1901), center=center_obj, acting_user=people[user],
                unnamed_participants=0)
    data.update(kw)
    return event_create(**data)


def test_people_reached_add_named_and_counted_participants(people):
    parents = [make_person(given_names=f"Padre {i}") for i in range(3)]
    _event(people, participants=parents, unnamed_participants=10)                  # 13 people
    _event(people, unnamed_participants=8, topic="Alimentación e higiene")         # 8 people
    _event(people, kind="capacitacion", audience="docentes", modality="virtual", topic="Lineamientos",
           unnamed_participants=20)
    _event(people, user="jutiapa", center="jutiapa_cadi", unnamed_participants=33)
    talks = events_by_center(user=people["central"], program="childcare", kind="charla", start=DAY, end=DAY)
    assert [(r["department__name"], r["center__name"], r["events"], r["people"]) for r in talks] == [
        ("Jutiapa", "CADI Jutiapa", 1, 33), ("Zacapa", "CADI Zacapa", 2, 21)]
    summary = events_summary(user=people["zacapa"], program="childcare", kind="charla", start=DAY, end=DAY)
    assert [(r["audience"], r["modality"], r["events"], r["participants"]) for r in summary] == [
        ("padres", "presencial", 2, 21)]
    assert summary[0]["topics"] == ["Alimentación e higiene", "Prevención de violencia y maltrato infantil"]


@pytest.mark.parametrize("kw, field", [
    ({"unnamed_participants": 0}, "unnamed_participants"),
    ({"topic": " "}, "topic"),
    ({"topic": "x" * 251, "unnamed_participants": 1}, "topic"),
    ({"date": dt.date(2999, 1, 1), "unnamed_participants": 1}, "date"),
    ({"audience": "marcianos", "unnamed_participants": 1}, "audience"),
])
def test_bad_events_are_refused(people, kw, field):
    with pytest.raises(ApplicationError) as error:
        _event(people, **kw)
    assert error.value.field == field
    assert not Event.objects.exists()


def test_events_stay_in_scope(people):
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        _event(people, user="zacapa", center="jutiapa_cadi", unnamed_participants=3)
    with pytest.raises(ApplicationError, match="fuera de los departamentos"):
        _event(people, center=None, municipality=Municipality.objects.get(pk=2201), unnamed_participants=3)


def test_adding_participants_to_a_recorded_event_keeps_scope_and_history(people):
    from tejido.programs.services import event_add_participants

    rosa, baby = make_person(given_names="Rosa"), make_person(given_names="Bebé", birth_date=dt.date(2024, 1, 1))
    event = _event(people, unnamed_participants=5)
    event_add_participants(event=event, person=rosa, unnamed_participants=7, acting_user=people["zacapa"])
    event.refresh_from_db()
    assert (list(event.participants.all()), event.unnamed_participants) == ([rosa], 7)
    assert event.history.first().history_user == people["zacapa"]
    with pytest.raises(ApplicationError, match="ya es participante") as twice:
        event_add_participants(event=event, person=rosa, acting_user=people["zacapa"])
    assert twice.value.field == "person"
    with pytest.raises(ApplicationError, match="anterior al nacimiento"):
        event_add_participants(event=event, person=baby, acting_user=people["zacapa"])
    with pytest.raises(ApplicationError, match="fuera de su territorio"):
        event_add_participants(event=event, unnamed_participants=9, acting_user=people["jutiapa"])
    event.refresh_from_db()
    assert (event.participants.count(), event.unnamed_participants) == (1, 7)
