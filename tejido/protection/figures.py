"""Cases received, attended, closed and open per month (seed 001 §4.1.7, graph 7).

Open at a month's end = reported on or before that day and not closed by then. Referred cases
count as open: SOSEP keeps following them. That is why the seed's 65 open at the end of 2023
exceed 70 received − 31 closed: cases carried over from earlier years are open too."""

import calendar
import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear
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
    """The twelve months of `year` (the protection page and the annual report)."""
    return cases_between(user=user, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)) | {"year": year}


def _months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Each calendar month that `start`…`end` touches, clipped to it."""
    spans, first = [], start.replace(day=1)
    while first <= end:
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        spans.append((max(first, start), min(last, end)))
        first = last + dt.timedelta(days=1)
    return spans


def cases_between(*, user, start: dt.date, end: dt.date) -> dict:
    """Received, attended and closed per month of the period and open at each month's end (or at
    the period's end when it stops within a month); totals over the period. A four-month or a
    monthly report counts its own months, not the whole year."""
    guard_counts(user)
    spans = _months(start, end)
    measures = {"open_at_start": Count("id", filter=_open_on(start - dt.timedelta(days=1))),
                "received": Count("id", filter=Q(reported_on__gte=start)),
                "closed": Count("id", filter=Q(closed_on__range=(start, end)))}
    for i, (first, last) in enumerate(spans):
        measures[f"received_{i}"] = Count("id", filter=Q(reported_on__range=(first, last)))
        measures[f"closed_{i}"] = Count("id", filter=Q(closed_on__range=(first, last)))
        measures[f"open_{i}"] = Count("id", filter=_open_on(last))
    # One query; only cases alive at some point of the period can count in it.
    counts = (ProtectionCase.objects.filter(reported_on__lte=end)
              .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start)).aggregate(**measures))
    # Attended: distinct cases with at least one follow-up action that month (the seed graph's row).
    actions = CaseAction.objects.filter(date__range=(start, end), case__deleted_at__isnull=True)
    attended = {(y, m): n for y, m, n in actions.annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
                .values("y", "m").annotate(n=Count("case", distinct=True)).values_list("y", "m", "n")}
    today = timezone.localdate()
    several_years = start.year != end.year
    months = []
    for i, (first, _last) in enumerate(spans):
        label = MONTHS[first.month - 1] + (f" {first.year}" if several_years else "")
        months.append({"month": first.month, "year": first.year, "label": label,
                       "received": counts[f"received_{i}"], "attended": attended.get((first.year, first.month), 0),
                       "closed": counts[f"closed_{i}"],
                       # A month not yet begun has no "end of month" to count at.
                       "open": None if first > today else counts[f"open_{i}"]})
    totals = {"open_at_start": counts["open_at_start"],
              "received": counts["received"],
              "attended": actions.aggregate(n=Count("case", distinct=True))["n"],
              "closed": counts["closed"],
              # No date may lie in the future, so for the current period it is the count open today.
              "open_at_end": None if start > today else counts[f"open_{len(spans) - 1}"]}
    return {"start": start, "end": end, "months": months, "totals": totals}


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
