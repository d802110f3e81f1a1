"""Shelter figures, computed in SQL for any day or period and scope: the daily status of one
shelter, national totals for the emergency operations center (COE) and seed 003's shelter
table. Occupancy is counted from check-in/check-out (see models.Stay), never typed."""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tejido.programs.ages import years_before as _years_before

from .models import EventKind, Shelter, Stay, Supply, SupplyItem
from .selectors import open_on, shelters_in_scope, with_occupancy
from .services import present_on

# (code, label, min years, max years excluded); age on the day, from the birth date.
AGE_GROUPS = [("0_5", _("0 a 5 años"), 0, 6), ("6_12", _("6 a 12 años"), 6, 13),
              ("13_17", _("13 a 17 años"), 13, 18), ("18_59", _("18 a 59 años"), 18, 60),
              ("60", _("60 años o más"), 60, None)]



def _age_q(day: dt.date, low: int, high: int | None) -> Q:
    """Aged [low, high) on `day`: born on or before day-low years and after day-high years."""
    q = Q(person__birth_date__lte=_years_before(day, low))
    if high is not None:
        q &= Q(person__birth_date__gt=_years_before(day, high))
    return q


def daily_status(*, shelter: Shelter, day: dt.date) -> dict:
    """One shelter on one day: people present by age group and sex, families, arrivals and
    departures, supplies handed out that day and so far, capacity left."""
    present = Stay.objects.filter(present_on(day), shelter=shelter)
    counts = {}
    for code, _label, low, high in AGE_GROUPS:
        age = _age_q(day, low, high)
        counts[f"{code}_M"] = Count("id", filter=age & Q(person__sex="M"))
        counts[f"{code}_F"] = Count("id", filter=age & Q(person__sex="F"))
    numbers = present.aggregate(total=Count("id"), men=Count("id", filter=Q(person__sex="M")),
                                women=Count("id", filter=Q(person__sex="F")),
                                families=Count("family", distinct=True), **counts)
    rows = [{"code": code, "label": str(label), "men": numbers[f"{code}_M"], "women": numbers[f"{code}_F"],
             "total": numbers[f"{code}_M"] + numbers[f"{code}_F"]} for code, label, _low, _high in AGE_GROUPS]
    stays = Stay.objects.filter(shelter=shelter)
    given_today = dict(Supply.objects.filter(shelter=shelter, date=day).values("item").annotate(n=Sum("quantity"))
                       .values_list("item", "n"))
    given_so_far = dict(Supply.objects.filter(shelter=shelter, date__lte=day).values("item")
                        .annotate(n=Sum("quantity")).values_list("item", "n"))
    supplies = [{"item": code, "label": str(label), "today": given_today.get(code, 0),
                 "so_far": given_so_far.get(code, 0)}
                for code, label in SupplyItem.choices if code in given_so_far]
    total = numbers["total"]
    return {
        "shelter": shelter, "day": day, "is_open": shelter.opened_on <= day and (
            shelter.closed_on is None or day <= shelter.closed_on),
        "present": total, "men": numbers["men"], "women": numbers["women"], "families": numbers["families"],
        "by_age": rows,
        "arrivals": stays.filter(check_in=day).count(), "departures": stays.filter(check_out=day).count(),
        "sheltered_so_far": stays.filter(check_in__lte=day).count(),
        "supplies": supplies, "capacity": shelter.capacity, "capacity_left": shelter.capacity - total,
        "over_capacity": total > shelter.capacity, "over_by": max(0, total - shelter.capacity),
    }


def national_totals(*, user, day: dt.date) -> dict:
    """For the COE: shelters open on `day` and persons sheltered that night, by department and
    by event, in the user's scope."""
    qs = shelters_in_scope(user).filter(open_on(day))
    here = present_on(day, "stays__")
    measures = {"shelters": Count("id", distinct=True), "persons": Count("stays", filter=here, distinct=True),
                "families": Count("stays__family", filter=here, distinct=True)}
    by_department = list(qs.values("department__name").annotate(**measures).order_by("department__name"))
    by_event = list(qs.values("event").annotate(**measures).order_by("event"))
    for row in by_event:
        row["event_label"] = str(EventKind(row["event"]).label)
    total = qs.aggregate(**measures)
    capacity = qs.aggregate(n=Sum("capacity"))["n"] or 0
    over = [s for s in with_occupancy(qs.select_related("municipality__department"), day) if s.present > s.capacity]
    return {"day": day, "by_department": by_department, "by_event": by_event, "total": total,
            "capacity": capacity, "over_capacity": over}


def by_shelter(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 003's table: each shelter that ran in the period, its location, coverage dates and
    the persons sheltered in the period (distinct people whose stay overlaps it)."""
    stay_in_period = Q(stays__check_in__lte=end) & (Q(stays__check_out__isnull=True) | Q(stays__check_out__gte=start))
    qs = (shelters_in_scope(user).filter(opened_on__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
          .select_related("municipality__department")
          .annotate(persons=Count("stays__person", filter=stay_in_period, distinct=True))
          .order_by("department__name", "opened_on", "name"))
    rows = list(qs)
    return {"rows": rows, "total": {"shelters": len(rows), "persons": sum(s.persons for s in rows)}}
