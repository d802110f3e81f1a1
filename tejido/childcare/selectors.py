"""Scoped reads and figures of the daycare program."""

import datetime as dt

from django.db.models import Count, QuerySet

from tejido.centers.models import Center, CenterKind
from tejido.programs.models import Attendance
from tejido.programs.selectors import program_center_get, program_centers
from tejido.territory.scope import restrict

from .rules import PROGRAM, Level

DAYCARE_KINDS = [CenterKind.CADI, CenterKind.COMMUNITY_HOME]


def daycare_center_get(*, user, pk) -> Center:
    return program_center_get(user=user, center_kinds=DAYCARE_KINDS, pk=pk)


def daycare_centers(*, user) -> QuerySet:
    return program_centers(user=user, program=PROGRAM, center_kinds=DAYCARE_KINDS)


# Seed 001 table 3 groups pueblos as indigenous (Maya), Xinka, Garífuna and the rest.
PUEBLO_GROUPS = [("maya", "Maya"), ("xinca", "Xinka"), ("garifuna", "Garífuna"), ("otro", "Ladino, otro o no indica")]


def _pueblo_group(code: str) -> str:
    return code if code in {"maya", "xinca", "garifuna"} else "otro"


def attendance_month(*, user, year: int, month: int, center_id=None) -> dict:
    """Average daily attendance in a month, by sex, level and pueblo (seed 001 table 3).

    Average = presences / days on which a roll was taken. Shares are each group's average
    over the total average."""
    first = dt.date(year, month, 1)
    after = dt.date(year + (month == 12), month % 12 + 1, 1)
    marks = Attendance.objects.filter(roll__program=PROGRAM, roll__date__gte=first, roll__date__lt=after)
    marks = restrict(marks, user, department="roll__center__department_id", center="roll__center_id")
    if center_id:
        marks = marks.filter(roll__center_id=center_id)
    days = marks.values("roll__date").distinct().count()
    rows = (marks.filter(present=True)
            .values("enrolment__person__sex", "level", "enrolment__person__pueblo")
            .annotate(n=Count("id")).order_by())
    by_sex, by_level, by_pueblo = {"M": 0, "F": 0}, {lv: 0 for lv in Level.values}, {k: 0 for k, _ in PUEBLO_GROUPS}
    total = 0
    for row in rows:
        n = row["n"]
        total += n
        by_sex[row["enrolment__person__sex"]] += n
        if row["level"] in by_level:
            by_level[row["level"]] += n
        by_pueblo[_pueblo_group(row["enrolment__person__pueblo"])] += n

    def share(n):
        return round(100 * n / total, 2) if total else None

    def average(n):
        return round(n / days, 2) if days else None

    return {
        "days": days, "presences": total, "average": average(total),
        "sex": [(label, average(by_sex[code]), share(by_sex[code]))
                for code, label in (("M", "Niños"), ("F", "Niñas"))],
        "level": [(Level(code).label, average(n), share(n)) for code, n in by_level.items()],
        "pueblo": [(label, average(by_pueblo[code]), share(by_pueblo[code])) for code, label in PUEBLO_GROUPS],
    }


def children_with_acute_malnutrition(*, user, since: dt.date, limit: int = 10) -> list:
    """Children whose latest screening since `since` shows moderate or severe acute
    malnutrition: the officer's to-do list on the home page."""
    from django.db.models import OuterRef, Subquery

    from .models import NutritionScreening

    recent = restrict(NutritionScreening.objects.filter(measured_on__gte=since), user, department="department_id",
                      center="center_id", personal=True)
    latest = recent.filter(person=OuterRef("person")).order_by("-measured_on", "-id").values("id")[:1]
    return list(recent.filter(id=Subquery(latest), acute_class__in=["dpc_severa", "dpc_moderada"])
                .select_related("person", "center").order_by("acute_class", "-measured_on")[:limit])
