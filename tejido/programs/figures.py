"""Figures every program reports the same way, computed in SQL for any period and scope."""

import datetime as dt

from django.db.models import Count, Q

from tejido.territory.scope import restrict

from .models import Enrolment

SCOPE = {"department": "department_id", "center": "center_id"}


def served_in(program: str, start: dt.date, end: dt.date):
    """Enrolments that overlap the period: the person was served in it."""
    return Enrolment.objects.filter(program=program, start__lte=end).filter(Q(end__isnull=True) | Q(end__gte=start))


def served_by_department(*, user, program: str, start: dt.date, end: dt.date, center_kinds: list[str]) -> dict:
    """People served by department (of the center) and sex, with the number of municipalities
    and of centers of each kind where they were served (seed 001 tables 1 and 18).

    The total row counts distinct people, municipalities and centers over the whole scope,
    so a person served in two departments counts once there (the seed's totals did not)."""
    served = restrict(served_in(program, start, end), user, **SCOPE)

    def measures():
        counts = {
            "male": Count("person", filter=Q(person__sex="M"), distinct=True),
            "female": Count("person", filter=Q(person__sex="F"), distinct=True),
            "people": Count("person", distinct=True),
            "municipalities": Count("center__municipality", distinct=True),
        }
        for kind in center_kinds:
            counts[f"centers_{kind}"] = Count("center", filter=Q(center__kind=kind), distinct=True)
        return counts

    rows = list(served.values("department__name").annotate(**measures()).order_by("department__name"))
    return {"rows": rows, "total": served.aggregate(**measures())}
