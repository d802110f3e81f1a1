"""Figures of the women's program for any period and scope, as seed 001 tables 10 to 14.

Counting rules (also in README.md and on the figures page):
- A woman is served in the period when one of her enrolments in a productive unit overlaps it;
  her department is the unit's. Totals count distinct women and municipalities.
- Events count by their (start) date inside the period, in the department where they took place.
- Ages are completed years on the last day of the period, in half-open groups
  [0,13), [13,30), [30,60), [60,∞).
- Income reports count when their month starts between the first of the month of `desde` and `hasta`."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from tejido.centers.models import Center, CenterKind
from tejido.centers.selectors import operating_between
from tejido.programs.ages import years_before as _years_before
from tejido.programs.figures import served_in
from tejido.programs.models import Event
from tejido.programs.selectors import event_list
from tejido.registry.choices import LanguageCommunity, Pueblo
from tejido.registry.models import Person
from tejido.territory.models import Municipality, PriorityList
from tejido.territory.scope import restrict

from .choices import TrainingKind
from .models import IncomeReport
from .site import PROGRAM

SCOPE = {"department": "department_id", "center": "center_id"}
AGE_GROUPS = ((0, 13), (13, 30), (30, 60), (60, None))
PUEBLO_ROWS = (Pueblo.MAYA, Pueblo.XINCA, Pueblo.GARIFUNA, Pueblo.LADINO, Pueblo.AFRODESCENDANT, Pueblo.FOREIGN,
               Pueblo.NOT_STATED)
# Rows the seed always shows, even with zero; the others only when someone is in them.
PUEBLO_ALWAYS = {Pueblo.MAYA, Pueblo.XINCA, Pueblo.GARIFUNA, Pueblo.LADINO, Pueblo.NOT_STATED}
ZERO = Decimal("0.00")


def _served(user, start, end):
    return restrict(served_in(PROGRAM, start, end), user, **SCOPE)


def _events(user, start, end):
    """The program's events for the women (trainings of the program's own staff are recorded as
    events too, audience «personal»: they are not the women's and are reported apart)."""
    return restrict(Event.objects.filter(program=PROGRAM, date__gte=start, date__lte=end)
                    .exclude(audience=Event.Audience.STAFF), user, **SCOPE)


def percent(part, whole, places: int = 2) -> Decimal:
    if not whole:
        return Decimal(0).quantize(Decimal(1).scaleb(-places))
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _units(user, start, end):
    """Productive units in operation in the period (seed 003's «unidades productivas» column)."""
    units = Center.objects.filter(operating_between(start, end), kind=CenterKind.PRODUCTIVE_UNIT)
    return restrict(units, user, department="department_id", center="id")


def by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Table 10: municipalities (with a woman served or an event), women served, productive units in
    operation, training and commercial events, by department, with a total row."""
    served, events = _served(user, start, end), _events(user, start, end)
    units = _units(user, start, end)
    units_by = dict(units.values_list("department__name").annotate(n=Count("id")).order_by())
    women = dict(served.values_list("department__name").annotate(n=Count("person", distinct=True)).order_by())
    kinds = {}
    for name, kind, n in events.values_list("department__name", "kind").annotate(n=Count("id")).order_by():
        kinds[(name, kind)] = n
    places = (set(served.values_list("department__name", "center__municipality_id").distinct())
              | set(events.values_list("department__name", "municipality_id").distinct()))
    names = sorted({name for name, _m in places} | set(women) | set(units_by))
    rows = [{
        "department": name,
        "municipalities": sum(1 for d, _m in places if d == name),
        "women": women.get(name, 0),
        "units": units_by.get(name, 0),
        "trainings": kinds.get((name, Event.Kind.TRAINING), 0),
        "fairs": kinds.get((name, Event.Kind.COMMERCIAL), 0),
    } for name in names]
    total = {
        "municipalities": len({m for _d, m in places}),
        "women": served.aggregate(n=Count("person", distinct=True))["n"],
        "units": sum(r["units"] for r in rows),
        "trainings": sum(r["trainings"] for r in rows),
        "fairs": sum(r["fairs"] for r in rows),
    }
    return {"rows": rows, "total": total}



def _women(user, start, end):
    return Person.all_objects.filter(pk__in=_served(user, start, end).values("person_id"))


def by_age_group(*, user, start: dt.date, end: dt.date) -> dict:
    """Table 11: women served by age group, age in completed years on `end`."""
    measures = {}
    for low, high in AGE_GROUPS:
        condition = Q(birth_date__lte=_years_before(end, low))
        if high is not None:
            condition &= Q(birth_date__gt=_years_before(end, high))
        measures[f"g{low}"] = Count("id", filter=condition)
    counts = _women(user, start, end).aggregate(total=Count("id"), **measures)
    total = counts["total"]
    labels = {0: _("0 a 12 años (menores de 13)"), 13: _("13 a 29 años"), 30: _("30 a 59 años"),
              60: _("60 años y más")}
    rows = [{"group": labels[low], "low": low, "high": high, "women": counts[f"g{low}"],
             "percent": percent(counts[f"g{low}"], total)} for low, high in AGE_GROUPS]
    return {"rows": rows, "total": total, "on": end}


def by_pueblo(*, user, start: dt.date, end: dt.date) -> dict:
    """Table 12: women served by pueblo."""
    women = _women(user, start, end)
    counts = dict(women.values_list("pueblo").annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    rows = [{"code": code, "label": str(Pueblo(code).label), "women": counts.get(code, 0),
             "percent": percent(counts.get(code, 0), total)}
            for code in PUEBLO_ROWS if code in PUEBLO_ALWAYS or counts.get(code)]
    return {"rows": rows, "total": total}


def by_language(*, user, start: dt.date, end: dt.date) -> dict:
    """Women served by language community, largest first (communities with nobody are left out)."""
    women = _women(user, start, end)
    counts = women.values_list("language_community").annotate(n=Count("id")).order_by("-n", "language_community")
    counts = list(counts)
    total = sum(n for _c, n in counts)
    rows = [{"code": code, "label": str(LanguageCommunity(code).label), "women": n, "percent": percent(n, total)}
            for code, n in counts]
    return {"rows": rows, "total": total}


def priority_coverage(*, user, start: dt.date, end: dt.date, list_name: str = "") -> dict:
    """Table 13: per department with municipalities on the chosen priority list, how many of them
    were covered (a woman served at a unit there, or a training or commercial event there)."""
    lists = list(PriorityList.objects.order_by("name").values_list("name", flat=True))
    chosen = PriorityList.objects.filter(name=list_name).first() if list_name else None
    if chosen is None:
        chosen = PriorityList.objects.order_by("name").first()
    if chosen is None:
        return {"list": None, "lists": lists, "rows": [], "total": {"priority": 0, "covered": 0,
                                                                      "percent": percent(0, 0, 0)}}
    served, events = _served(user, start, end), _events(user, start, end)
    covered = Q(pk__in=served.values("center__municipality_id")) | Q(pk__in=events.values("municipality_id"))
    municipalities = restrict(Municipality.objects.filter(priority_lists=chosen), user, department="department_id")
    rows = list(municipalities.values("department__name").annotate(priority=Count("id"),
                                                                  covered=Count("id", filter=covered))
                .order_by("department__name"))
    for row in rows:
        row["department"] = row.pop("department__name")
        row["percent"] = percent(row["covered"], row["priority"], 0)
    priority, covered_n = sum(r["priority"] for r in rows), sum(r["covered"] for r in rows)
    return {"list": chosen.name, "lists": lists, "rows": rows,
            "total": {"priority": priority, "covered": covered_n, "percent": percent(covered_n, priority, 0)}}


def income_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Table 14: income reported by the women, by department of their unit: own sales, sales at
    commercial events, total."""
    reports = restrict(IncomeReport.objects.filter(month__gte=start.replace(day=1), month__lte=end), user, **SCOPE)
    rows = list(reports.values("department__name").annotate(sales=Sum("own_sales"), fairs=Sum("fair_sales"))
                .order_by("department__name"))
    for row in rows:
        row["department"] = row.pop("department__name")
        row["total"] = row["sales"] + row["fairs"]
    sales = sum((r["sales"] for r in rows), ZERO)
    fairs = sum((r["fairs"] for r in rows), ZERO)
    return {"rows": rows, "total": {"sales": sales, "fairs": fairs, "total": sales + fairs}}


def all_tables(*, user, start: dt.date, end: dt.date, list_name: str = "") -> dict:
    return {
        "by_department": by_department(user=user, start=start, end=end),
        "by_age_group": by_age_group(user=user, start=start, end=end),
        "by_pueblo": by_pueblo(user=user, start=start, end=end),
        "by_language": by_language(user=user, start=start, end=end),
        "priority_coverage": priority_coverage(user=user, start=start, end=end, list_name=list_name),
        "income_by_department": income_by_department(user=user, start=start, end=end),
    }


# --- recorded but not in the seed's tables (issue 17 item 5): trainings and commercial events ---

def _trainings(user, start, end):
    """Trainings for the women (audience beneficiaries: not the program's staff trainings, which share
    the kind) in the period and scope, as the shared event list (and its drill-down) has them:
    `people` = named participants + those counted without a record."""
    return event_list(user=user, program=PROGRAM, kind=Event.Kind.TRAINING, start=start, end=end).filter(
        audience=Event.Audience.BENEFICIARIES)


def trainings_by_type(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 001 §5.3: trainings and their participants by training type (organización, desarrollo
    humano, actividad productiva, emprendimiento). The four types are always listed, in that order;
    a training without a type (no `women.Training` row) is in a last row with code ""."""
    counts = {r["women_training__training_kind"] or "": r for r in _trainings(user, start, end)
              .values("women_training__training_kind").annotate(events=Count("id"), people=Sum("people"))
              .order_by("women_training__training_kind")}
    rows = [{"code": code, "label": str(label), "events": counts.get(code, {}).get("events", 0),
             "people": counts.get(code, {}).get("people") or 0} for code, label in TrainingKind.choices]
    for code in sorted(set(counts) - set(TrainingKind.values)):
        rows.append({"code": code, "label": code or _("Sin tipo registrado"), "events": counts[code]["events"],
                     "people": counts[code]["people"] or 0})
    return {"rows": rows, "total": {"events": sum(r["events"] for r in rows),
                                    "people": sum(r["people"] for r in rows)}}


def trainings_by_partner(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 001 §5.5 (INTECAP: 150 courses, 2,571 women): trainings and participants by the partner
    institution written on the event, alphabetically; those without one (given by the program's own
    staff) last, with partner ""."""
    rows = list(_trainings(user, start, end).values("partner").annotate(events=Count("id"), people=Sum("people"))
                .order_by("partner"))
    rows.sort(key=lambda r: (r["partner"] == "", r["partner"].casefold(), r["partner"]))
    for row in rows:
        row["people"] = row["people"] or 0
    return {"rows": rows, "total": {"events": sum(r["events"] for r in rows),
                                    "people": sum(r["people"] for r in rows)}}


def commercial_events_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 001 §5.4: commercial events (fairs) by the department where they took place (counted by
    their start date), their participants (named + counted, summed over events), the women with a
    recorded sale and what they sold there (FairSale, quetzales)."""
    from .models import FairSale

    events = event_list(user=user, program=PROGRAM, kind=Event.Kind.COMMERCIAL, start=start, end=end)
    rows = {r["department__name"]: {"department": r["department__name"], "events": r["events"],
                                    "people": r["people"] or 0, "sellers": 0, "sales": ZERO}
            for r in events.values("department__name").annotate(events=Count("id"), people=Sum("people"))
            .order_by("department__name")}
    sales = FairSale.objects.filter(fair__event__in=events.values("pk"))
    for r in (sales.values("fair__event__department__name")
              .annotate(sellers=Count("person", distinct=True), amount=Sum("amount")).order_by()):
        row = rows[r["fair__event__department__name"]]
        row["sellers"], row["sales"] = r["sellers"], r["amount"] or ZERO
    ordered = [rows[name] for name in sorted(rows)]
    total = {"events": sum(r["events"] for r in ordered), "people": sum(r["people"] for r in ordered),
             # a woman selling at fairs of two departments is one woman in the total
             "sellers": sales.aggregate(n=Count("person", distinct=True))["n"] or 0,
             "sales": sum((r["sales"] for r in ordered), ZERO)}
    return {"rows": ordered, "total": total}
