"""Mis Años Dorados figures for any period and scope (seed 001 table 18, seed 003)."""

import datetime as dt

from django.db.models import Count, Sum

from tejido.programs.figures import served_by_department
from tejido.programs.selectors import event_list

from .site import CENTER_KINDS, PROGRAM, CareAxis


def elderly_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed table 18: municipalities, day and residential centers, people served."""
    return served_by_department(user=user, program=PROGRAM, start=start, end=end, center_kinds=list(CENTER_KINDS))


def care_by_axis(*, user, start: dt.date, end: dt.date) -> dict:
    """Integral care given, by axis (activities and people reached), and intergenerational events."""
    events = event_list(user=user, program=PROGRAM, start=start, end=end)
    counts = {r["category"]: r for r in events.filter(kind="atencion").values("category")
              .annotate(activities=Count("id"), people=Sum("people"))}
    rows = [(str(label), counts.get(code, {}).get("activities", 0), counts.get(code, {}).get("people") or 0)
            for code, label in CareAxis.choices]
    # values().annotate(): aggregate() over the `people` subquery annotation is not reliable.
    intergenerational = (events.filter(kind="intergeneracional").values("kind")
                         .annotate(n=Count("id"), people=Sum("people")).order_by("kind").first()
                         or {"n": 0, "people": 0})
    return {"rows": rows, "activities": sum(r[1] for r in rows), "people": sum(r[2] for r in rows),
            "intergenerational": intergenerational["n"], "intergenerational_people": intergenerational["people"] or 0}
