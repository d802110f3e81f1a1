"""The monthly attendance totals written with each roll agree with the marks, also after a
correction of the day's roll and after a full rebuild (bulk-loaded data)."""

import datetime as dt

import pytest

from tejido.childcare.selectors import attendance_months
from tejido.common.testing import ZACAPA_TOWN, make_center, make_person
from tejido.programs import attendance_summary
from tejido.programs.models import AttendanceMonth, RollMonth
from tejido.programs.services import enrolment_create, roll_call_save

pytestmark = pytest.mark.django_db


def test_totals_follow_the_rolls_and_survive_a_rebuild(people):
    center = make_center(ZACAPA_TOWN, kind="cadi", name="CADI Zacapa")
    kids = [make_person(given_names=n, sex=s, birth_date=dt.date(2020, 1, 1)) for n, s in (("Ana", "F"), ("Luis", "M"))]
    enrolled = [enrolment_create(person=k, center=center, program="childcare", start=dt.date(2023, 1, 9),
                                 acting_user=people["zacapa"]) for k in kids]

    def roll(day, present):
        roll_call_save(center=center, program="childcare", day=day, acting_user=people["zacapa"],
                       present_ids={enrolled[i].pk for i in present})

    roll(dt.date(2023, 3, 1), [0, 1])
    roll(dt.date(2023, 3, 2), [0])
    roll(dt.date(2023, 3, 2), [0, 1])  # a correction of the same day replaces its marks
    roll(dt.date(2023, 4, 3), [])      # a roll where nobody came still counts as a day
    march = attendance_months(user=people["zacapa"], start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    assert march[(2023, 3)]["days"] == 2 and march[(2023, 3)]["presences"] == 4 and march[(2023, 3)]["average"] == 2
    assert march[(2023, 4)]["days"] == 1 and march[(2023, 4)]["presences"] == 0
    assert RollMonth.objects.get(month=dt.date(2023, 3, 1)).days == 0b11
    before = {k: (v["days"], v["presences"]) for k, v in march.items()}
    AttendanceMonth.objects.all().delete()
    RollMonth.objects.all().delete()
    assert attendance_summary.rebuild() > 0
    after = attendance_months(user=people["zacapa"], start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31))
    assert {k: (v["days"], v["presences"]) for k, v in after.items()} == before
    assert attendance_months(user=people["jutiapa"], start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31)) == {}
