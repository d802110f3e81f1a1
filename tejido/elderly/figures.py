"""Mis Años Dorados figures for any period and scope (seed 001 table 18, seed 003's table)."""

import datetime as dt

from django.db.models import Count, Q, Sum

from tejido.programs.deliveries import delivered_by_item
from tejido.programs.figures import SCOPE, served_by_department, served_in
from tejido.programs.referrals import referrals_by_destination as _referrals_by_destination
from tejido.programs.selectors import event_list
from tejido.territory.scope import restrict

from .site import CENTER_KINDS, PAM, PROGRAM, CareAxis, ElderlyItem

# Integral care: activities by axis at the centers and home visits both count as care given.
CARE_KINDS = ("atencion", "visita_domiciliaria")
PUEBLO_COLUMNS = ("garifuna", "ladino", "maya", "xinca", "no_indica")


def elderly_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed table 18: municipalities, day and residential centers, people served."""
    return served_by_department(user=user, program=PROGRAM, start=start, end=end, center_kinds=list(CENTER_KINDS))


def care_by_axis(*, user, start: dt.date, end: dt.date) -> dict:
    """Integral care given, by axis (activities and people reached), and intergenerational events."""
    events = event_list(user=user, program=PROGRAM, start=start, end=end)
    counts = {r["category"]: r for r in events.filter(kind__in=CARE_KINDS).values("category")
              .annotate(activities=Count("id"), people=Sum("people")).order_by("category")}
    rows = [(str(label), counts.get(code, {}).get("activities", 0), counts.get(code, {}).get("people") or 0)
            for code, label in CareAxis.choices]
    # values().annotate(): aggregate() over the `people` subquery annotation is not reliable.
    intergenerational = (events.filter(kind="intergeneracional").values("kind")
                         .annotate(n=Count("id"), people=Sum("people")).order_by("kind").first()
                         or {"n": 0, "people": 0})
    visits = events.filter(kind="visita_domiciliaria").count()
    return {"rows": rows, "activities": sum(r[1] for r in rows), "people": sum(r[2] for r in rows),
            "home_visits": visits,
            "intergenerational": intergenerational["n"], "intergenerational_people": intergenerational["people"] or 0}


def care_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 003's table: per department, centers, people by sex and pueblo, integral care given
    (people reached by care activities and home visits, summed over activities) and
    intergenerational events. Department = the center's (where the service was given)."""
    served = restrict(served_in(PROGRAM, start, end), user, **SCOPE)
    measures = {
        "centers": Count("center", distinct=True),
        "male": Count("person", filter=Q(person__sex="M"), distinct=True),
        "female": Count("person", filter=Q(person__sex="F"), distinct=True),
        "people": Count("person", distinct=True),
        **{f"pueblo_{p}": Count("person", filter=Q(person__pueblo=p), distinct=True) for p in PUEBLO_COLUMNS},
    }
    rows = {r["department__name"]: r for r in served.values("department__name").annotate(**measures)
            .order_by("department__name")}
    total = served.aggregate(**measures)
    events = event_list(user=user, program=PROGRAM, start=start, end=end)
    by_dept = (events.values("department__name")
               .annotate(care=Sum("people", filter=Q(kind__in=CARE_KINDS)),
                         intergenerational=Count("id", filter=Q(kind="intergeneracional")))
               .order_by("department__name"))
    for r in by_dept:
        row = rows.setdefault(r["department__name"], {"department__name": r["department__name"],
                                                      **{k: 0 for k in measures}})
        row["care"], row["intergenerational"] = r["care"] or 0, r["intergenerational"]
    for row in rows.values():
        row.setdefault("care", 0)
        row.setdefault("intergenerational", 0)
        row["pueblo_other"] = row["people"] - sum(row[f"pueblo_{p}"] for p in PUEBLO_COLUMNS)
    ordered = [rows[name] for name in sorted(rows)]
    total["care"] = sum(r["care"] for r in ordered)
    total["intergenerational"] = sum(r["intergenerational"] for r in ordered)
    total["pueblo_other"] = total["people"] - sum(total[f"pueblo_{p}"] for p in PUEBLO_COLUMNS)
    return {"rows": ordered, "total": total}


def deliveries_by_item(*, user, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """Kits, food and glasses handed out, by item (seed 001 §7.5's 27,367 kits)."""
    counts = delivered_by_item(user=user, program=PROGRAM, start=start, end=end)
    return [(str(label), counts.get(code, 0)) for code, label in ElderlyItem.choices]


def referrals_by_destination(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Referrals made by the program and their answers (incorporated into PAM: accepted)."""
    return _referrals_by_destination(user=user, origin_program=PROGRAM, start=start, end=end)


def items_delivered(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 001 §7.2 and §7.5 (27,367 stimulation kits; 14 older people with glasses): units of
    each item the program hands out (`ElderlyItem`, in that order), delivered in the period, with
    their codes (for the drill-down) and the total of the listed items."""
    counts = delivered_by_item(user=user, program=PROGRAM, start=start, end=end)
    rows = [{"code": code, "item": str(label), "quantity": counts.get(code, 0)} for code, label in ElderlyItem.choices]
    return {"rows": rows, "total": sum(r["quantity"] for r in rows)}


def referrals_with_answers(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 001 §7.2 (268 older people joined MINTRAB's PAM): the program's referrals made in the
    period by destination, with their answer as recorded today (accepted, rejected, pending). PAM
    is always the first row, even with none; the other destinations follow as recorded."""
    rows = referrals_by_destination(user=user, start=start, end=end)
    keys = ("total", "accepted", "rejected", "pending")
    pam = next((r for r in rows if not r["destination_program"] and r["destination_institution"] == PAM),
               {"destination": PAM, "destination_program": "", "destination_institution": PAM,
                **dict.fromkeys(keys, 0)})
    ordered = [pam] + [r for r in rows if r is not pam]
    out = [{"destination": r["destination"], "destination_program": r["destination_program"],
            "destination_institution": r["destination_institution"], **{k: r[k] for k in keys}} for r in ordered]
    return {"rows": out, "total": {k: sum(r[k] for r in out) for k in keys}}
