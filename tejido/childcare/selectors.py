"""Scoped reads and figures of the daycare program."""

import datetime as dt

from django.db.models import QuerySet, Sum

from tejido.centers.models import Center, CenterKind
from tejido.programs.models import AttendanceMonth, RollMonth
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


def attendance_months(*, user, start: dt.date, end: dt.date, center_id=None) -> dict:
    """attendance_month for every month overlapping [start, end]: {(year, month): data}.

    Reads the monthly totals written with each roll (programs.AttendanceMonth / RollMonth): a
    year of a whole country is a few thousand rows instead of millions of marks. Days = the days
    on which any center in scope took a roll (the OR of the centers' day masks)."""
    first, last = start.replace(day=1), end.replace(day=1)
    totals = AttendanceMonth.objects.filter(program=PROGRAM, month__gte=first, month__lte=last)
    masks = RollMonth.objects.filter(program=PROGRAM, month__gte=first, month__lte=last)
    totals = restrict(totals, user, department="department_id", center="center_id")
    masks = restrict(masks, user, department="department_id", center="center_id")
    if center_id:
        totals, masks = totals.filter(center_id=center_id), masks.filter(center_id=center_id)
    days_mask: dict = {}
    for month, mask in masks.values_list("month", "days").iterator():
        days_mask[(month.year, month.month)] = days_mask.get((month.year, month.month), 0) | mask
    counts: dict = {}
    for row in (totals.values("month", "sex", "level", "pueblo").annotate(n=Sum("presences")).order_by()):
        counts.setdefault((row["month"].year, row["month"].month), []).append(
            {"enrolment__person__sex": row["sex"], "level": row["level"], "enrolment__person__pueblo": row["pueblo"],
             "n": row["n"]})
    keys = sorted(set(days_mask) | set(counts))
    return {key: _attendance_figures(bin(days_mask.get(key, 0)).count("1"), counts.get(key, [])) for key in keys}


def attendance_month(*, user, year: int, month: int, center_id=None) -> dict:
    """Average daily attendance in a month, by sex, level and pueblo (seed 001 table 3).

    Average = presences / days on which a roll was taken. Shares are each group's average
    over the total average."""
    first = dt.date(year, month, 1)
    last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    months = attendance_months(user=user, start=first, end=last, center_id=center_id)
    return months.get((year, month)) or _attendance_figures(0, [])


def _attendance_figures(days: int, rows: list[dict]) -> dict:
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


def children_needing_attention(*, user, since: dt.date, limit: int = 10) -> list:
    """Children whose latest screening since `since` shows moderate or severe acute
    malnutrition or low weight for age (z < -2, plausible): the officer's to-do list on the
    home page."""
    from django.db.models import Case, OuterRef, Q, Subquery, Value, When

    from .anthropometry.classification import UNDERWEIGHT_BELOW
    from .anthropometry.engine import PLAUSIBLE_Z
    from .models import NutritionScreening

    recent = restrict(NutritionScreening.objects.filter(measured_on__gte=since), user, department="department_id",
                      center="center_id", personal=True)
    latest = recent.filter(person=OuterRef("person")).order_by("-measured_on", "-id").values("id")[:1]
    # the stored z is rounded as WHO rounds it; below WHO's lower limit it is implausible, not counted
    underweight = Q(zwfa__lt=UNDERWEIGHT_BELOW, zwfa__gte=PLAUSIBLE_Z["zwfa"][0])
    severity = Case(When(acute_class="dpc_severa", then=Value(0)), When(acute_class="dpc_moderada", then=Value(1)),
                    default=Value(2))
    return list(recent.filter(Q(acute_class__in=["dpc_severa", "dpc_moderada"]) | underweight, id=Subquery(latest))
                .select_related("person", "center").order_by(severity, "zwfa", "-measured_on")[:limit])


def latest_screenings(person_ids) -> dict:
    """{person id: latest screening} for a center's list (one query)."""
    from .models import NutritionScreening

    latest = {}
    for s in NutritionScreening.objects.filter(person_id__in=list(person_ids)).order_by("person_id", "-measured_on",
                                                                                       "-id"):
        latest.setdefault(s.person_id, s)
    return latest


def attendance_by_educator(*, user, start: dt.date, end: dt.date) -> dict:
    """Average daily attendance per month of the children attended by a teacher, by the caregiver
    alone, and of those whose enrolment does not say (Enrolment.attended_by_teacher True / False /
    None): {(year, month): {"days", "presences", "teacher", "caregiver", "unknown"}} with presences
    per group. Seed 001 §4.1: «una media de 10,014 niños recibieron atención educativa con apoyo
    docente, mientras que 2,789 … atendidos por madre cuidadora».

    Days are those of `attendance_months` (the days on which any center in scope took a roll), so
    the three groups add up to its average. The monthly totals (AttendanceMonth) do not keep who
    attends the child: the presences are counted from the marks, in one GROUP BY."""
    from django.db.models import Count

    from tejido.programs.models import Attendance

    months = attendance_months(user=user, start=start, end=end)
    first = start.replace(day=1)
    after = dt.date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    marks = Attendance.objects.filter(present=True, roll__program=PROGRAM, roll__date__gte=first,
                                      roll__date__lt=after)
    marks = restrict(marks, user, department="enrolment__department_id", center="enrolment__center_id")
    groups = {True: "teacher", False: "caregiver", None: "unknown"}
    result = {key: {"days": data["days"], "presences": 0, "teacher": 0, "caregiver": 0, "unknown": 0}
              for key, data in months.items()}
    for row in (marks.values("roll__date", "enrolment__attended_by_teacher").annotate(n=Count("id")).order_by()):
        day = row["roll__date"]
        month = result.setdefault((day.year, day.month), {"days": 0, "presences": 0, "teacher": 0, "caregiver": 0,
                                                          "unknown": 0})
        month[groups[row["enrolment__attended_by_teacher"]]] += row["n"]
        month["presences"] += row["n"]
    return dict(sorted(result.items()))
