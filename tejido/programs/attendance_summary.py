"""Monthly attendance totals kept next to the marks (AttendanceMonth, RollMonth).

`refresh_center_month` recomputes one center's month from its marks — a few hundred rows — and
`roll_call_save` calls it in the same transaction, so the totals never disagree with the marks.
`rebuild` recomputes everything (migrations, bulk-loaded data such as the benchmark's)."""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Count

from .models import Attendance, AttendanceMonth, RollCall, RollMonth


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@transaction.atomic
def refresh_center_month(*, center, program: str, day: dt.date) -> None:
    month = month_of(day)
    after = _next_month(month)
    AttendanceMonth.objects.filter(program=program, center=center, month=month).delete()
    RollMonth.objects.filter(program=program, center=center, month=month).delete()
    marks = Attendance.objects.filter(roll__center=center, roll__program=program, roll__date__gte=month,
                                      roll__date__lt=after)
    rows = (marks.filter(present=True).values("enrolment__person__sex", "level", "enrolment__person__pueblo")
            .annotate(n=Count("id")).order_by())
    AttendanceMonth.objects.bulk_create([
        AttendanceMonth(program=program, center=center, department_id=center.department_id, month=month,
                        sex=r["enrolment__person__sex"], level=r["level"] or "",
                        pueblo=r["enrolment__person__pueblo"] or "", presences=r["n"]) for r in rows])
    mask = 0
    for roll_day in (RollCall.objects.filter(center=center, program=program, date__gte=month, date__lt=after,
                                             marks__isnull=False).values_list("date", flat=True).distinct()):
        mask |= 1 << (roll_day.day - 1)
    if mask:
        RollMonth.objects.create(program=program, center=center, department_id=center.department_id, month=month,
                                 days=mask)


@transaction.atomic
def rebuild(program: str | None = None) -> int:
    """Recompute every month of every center from the marks; returns the rows written."""
    months = AttendanceMonth.objects.all()
    rolls = RollMonth.objects.all()
    marks = Attendance.objects.filter(present=True)
    roll_days = RollCall.objects.filter(marks__isnull=False)
    if program:
        months, rolls = months.filter(program=program), rolls.filter(program=program)
        marks, roll_days = marks.filter(roll__program=program), roll_days.filter(program=program)
    months.delete()
    rolls.delete()
    from django.db.models.functions import TruncMonth

    summary = (marks.annotate(m=TruncMonth("roll__date"))
               .values("roll__program", "roll__center_id", "roll__center__department_id", "m",
                       "enrolment__person__sex", "level", "enrolment__person__pueblo")
               .annotate(n=Count("id")).order_by())
    batch, written = [], 0
    for r in summary.iterator():
        month = r["m"].date() if isinstance(r["m"], dt.datetime) else r["m"]
        batch.append(AttendanceMonth(program=r["roll__program"], center_id=r["roll__center_id"],
                                     department_id=r["roll__center__department_id"], month=month,
                                     sex=r["enrolment__person__sex"], level=r["level"] or "",
                                     pueblo=r["enrolment__person__pueblo"] or "", presences=r["n"]))
        if len(batch) >= 5000:
            written += len(AttendanceMonth.objects.bulk_create(batch))
            batch = []
    written += len(AttendanceMonth.objects.bulk_create(batch))
    masks = defaultdict(int)
    for program_code, center_id, department_id, day in (roll_days.values_list("program", "center_id",
                                                                             "center__department_id", "date")
                                                        .distinct().iterator()):
        masks[(program_code, center_id, department_id, month_of(day))] |= 1 << (day.day - 1)
    RollMonth.objects.bulk_create([RollMonth(program=p, center_id=c, department_id=d, month=m, days=mask)
                                   for (p, c, d, m), mask in masks.items()], batch_size=5000)
    return written + len(masks)
