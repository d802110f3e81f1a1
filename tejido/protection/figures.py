"""Cases received, attended, closed and open per month (seed 001 §4.1.7, graph 7).

Open at a month's end = reported on or before that day and not closed by then. Referred cases
count as open: SOSEP keeps following them. That is why the seed's 65 open at the end of 2023
exceed 70 received − 31 closed: cases carried over from earlier years are open too."""

import calendar
import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.text import capfirst

from tejido.accounts.models import Role
from tejido.territory.scope import scope_of

from .models import CaseAction, ProtectionCase
from .selectors import guard

MONTHS = [capfirst(MONTHS_3[m]) for m in range(1, 13)]  # Ene, Feb, ... as in the seed graph


def _open_on(day: dt.date) -> Q:
    return Q(reported_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


# Counts carry no names or ids: national program, planning and audit staff may see them (the
# annual report publishes them); departmental counts could point at a child, so officers don't.
COUNT_ROLES = {Role.ADMIN, Role.PROGRAM_STAFF, Role.PLANNER, Role.AUDITOR}


def guard_counts(user) -> None:
    if scope_of(user).role not in COUNT_ROLES:
        guard(user)


def cases_per_month(*, user, year: int) -> dict:
    guard_counts(user)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ends = [dt.date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13)]
    measures = {"open_at_start": Count("id", filter=_open_on(first - dt.timedelta(days=1))),
                "received": Count("id", filter=Q(reported_on__gte=first)),
                "closed": Count("id", filter=Q(closed_on__range=(first, last)))}
    for m, end in enumerate(ends, start=1):
        start = end.replace(day=1)
        measures[f"received_{m}"] = Count("id", filter=Q(reported_on__range=(start, end)))
        measures[f"closed_{m}"] = Count("id", filter=Q(closed_on__range=(start, end)))
        measures[f"open_{m}"] = Count("id", filter=_open_on(end))
    # One query; only cases alive at some point of the year can count in it.
    counts = (ProtectionCase.objects.filter(reported_on__lte=last)
              .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first)).aggregate(**measures))
    # Attended: distinct cases with at least one follow-up action that month (the seed graph's row).
    actions = CaseAction.objects.filter(date__year=year, case__deleted_at__isnull=True)
    attended = dict(actions.annotate(month=ExtractMonth("date")).values("month")
                    .annotate(n=Count("case", distinct=True)).values_list("month", "n"))
    today = timezone.localdate()
    months = []
    for m, end in enumerate(ends, start=1):
        future = end.replace(day=1) > today
        months.append({"month": m, "label": MONTHS[m - 1], "received": counts[f"received_{m}"],
                       "attended": attended.get(m, 0), "closed": counts[f"closed_{m}"],
                       # A month not yet begun has no "end of month" to count at.
                       "open": None if future else counts[f"open_{m}"]})
    totals = {"open_at_start": counts["open_at_start"],
              "received": counts["received"],
              "attended": actions.aggregate(n=Count("case", distinct=True))["n"],
              "closed": counts["closed"],
              # No date may lie in the future, so for this year it is the count open today.
              "open_at_end": None if first > today else counts["open_12"]}
    return {"year": year, "months": months, "totals": totals}


def month_bars(table: dict, *, height: int = 120, base: int = 125, step: int = 50) -> list[dict]:
    """Geometry of the small received/closed bar chart (seed graph 7) drawn as inline SVG."""
    top = max([r["received"] for r in table["months"]] + [r["closed"] for r in table["months"]] + [1])
    bars = []
    for i, r in enumerate(table["months"]):
        received_h, closed_h = round(r["received"] * height / top), round(r["closed"] * height / top)
        bars.append({"label": r["label"], "received": r["received"], "closed": r["closed"], "x": i * step + 8,
                     "x2": i * step + 26, "mid": i * step + 25, "received_y": base - received_h,
                     "received_h": received_h, "closed_y": base - closed_h, "closed_h": closed_h})
    return bars
