"""Figures of returned migrant family units (seed 002: families; adult men, adult women, minors),
computed in SQL for any period and scope. Counts carry no names, so planners see them.

Counting rules: a family unit is one reception; people are counted per reception (someone
returned twice in the period counts twice, as the secretariat counts attentions); a minor is
under 18 on the reception date (age kept at reception); men and women are adults (18+)."""

import datetime as dt

from django.db.models import Count, Q

from tejido.programs.referrals import referrals_by_destination

from .models import (
    ArrivalMode,
    Care,
    ReceptionCare,
    ReceptionMember,
    ReceptionVulnerability,
    ReturnedFrom,
    Vulnerability,
)
from .selectors import receptions_in_scope
from .services import ORIGIN_PROGRAM, SOURCE_PREFIX

PEOPLE = {
    "men": Count("id", filter=Q(age_years__gte=18, person__sex="M")),
    "women": Count("id", filter=Q(age_years__gte=18, person__sex="F")),
    "minors": Count("id", filter=Q(age_years__lt=18)),
    "girls": Count("id", filter=Q(age_years__lt=18, person__sex="F")),
    "boys": Count("id", filter=Q(age_years__lt=18, person__sex="M")),
    "people": Count("id"),
}
COLUMNS = ["families", "men", "women", "minors", "girls", "boys", "people"]
GROUPINGS = {
    "center": ("center_id", "center__name"),
    "destination": ("destination_department_id", "destination_department__name"),
    "reception_department": ("department_id", "department__name"),  # where the family was received
}


def _receptions(user, start: dt.date, end: dt.date):
    return receptions_in_scope(user, personal=False).filter(date__gte=start, date__lte=end)


def families_and_people(*, user, start: dt.date, end: dt.date, by: str | None = None) -> dict:
    """{"rows": [{"key", "label", families, men, women, minors, girls, boys, people}], "total": {...}}."""
    receptions = _receptions(user, start, end)
    members = ReceptionMember.objects.filter(reception__in=receptions.values("pk"))
    total = {"families": receptions.count(), **members.aggregate(**PEOPLE)}
    if by is None:
        return {"rows": [], "total": total}
    key, label = GROUPINGS[by]
    rows = {r[key]: {"key": r[key], "label": r[label], "families": r["families"]}
            for r in receptions.values(key, label).annotate(families=Count("id")).order_by(label)}
    for r in members.values(f"reception__{key}").annotate(**PEOPLE).order_by():
        rows[r[f"reception__{key}"]].update({name: r[name] for name in PEOPLE})
    for row in rows.values():
        for name in PEOPLE:
            row.setdefault(name, 0)
    return {"rows": list(rows.values()), "total": total}


def by_arrival(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Families and people by arrival mode and country returned from (seed 001 §6.2)."""
    receptions = _receptions(user, start, end)
    families = {(r["arrival_mode"], r["returned_from"]): r["n"]
                for r in receptions.values("arrival_mode", "returned_from").annotate(n=Count("id")).order_by()}
    people = {(r["reception__arrival_mode"], r["reception__returned_from"]): r["n"]
              for r in ReceptionMember.objects.filter(reception__in=receptions.values("pk"))
              .values("reception__arrival_mode", "reception__returned_from").annotate(n=Count("id")).order_by()}
    modes, countries = dict(ArrivalMode.choices), dict(ReturnedFrom.choices)
    return [{"arrival_mode": mode, "returned_from": country, "label": f"{modes[mode]} — {countries[country]}",
             "families": n, "people": people.get((mode, country), 0)}
            for (mode, country), n in sorted(families.items())]


def _by_code(model, choices, receptions) -> list[dict]:
    counts = dict(model.objects.filter(reception__in=receptions.values("pk")).values("code")
                  .annotate(n=Count("reception_id", distinct=True)).order_by().values_list("code", "n"))
    return [{"code": code, "label": str(label), "families": counts.get(code, 0)} for code, label in choices]


def care_given(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Family units that received each kind of care."""
    return _by_code(ReceptionCare, Care.choices, _receptions(user, start, end))


def vulnerability_reasons(*, user, start: dt.date, end: dt.date) -> list[dict]:
    return _by_code(ReceptionVulnerability, Vulnerability.choices, _receptions(user, start, end))


def referrals(*, user, start: dt.date, end: dt.date) -> dict:
    """Referrals made from receptions, by destination and status (scope: where followed up)."""
    rows = referrals_by_destination(user=user, origin_program=ORIGIN_PROGRAM, start=start, end=end,
                                    source_prefix=SOURCE_PREFIX)
    total = {name: sum(r[name] for r in rows) for name in ("total", "accepted", "rejected", "pending")}
    return {"rows": [{"destination": r["destination"], "destination_program": r["destination_program"],
                      "destination_institution": r["destination_institution"], **{n: r[n] for n in total}}
                     for r in rows], "total": total}


def all_figures(*, user, start: dt.date, end: dt.date) -> dict:
    return {
        "start": start, "end": end,
        "total": families_and_people(user=user, start=start, end=end)["total"],
        "by_center": families_and_people(user=user, start=start, end=end, by="center"),
        "by_destination": families_and_people(user=user, start=start, end=end, by="destination"),
        "by_arrival": by_arrival(user=user, start=start, end=end),
        "care": care_given(user=user, start=start, end=end),
        "vulnerabilities": vulnerability_reasons(user=user, start=start, end=end),
        "referrals": referrals(user=user, start=start, end=end),
    }


def _by_code_with_total(model, choices, receptions, *, people_via: str = "") -> dict:
    """Families per code, every code of `choices` in its order, and with `people_via` (the codes'
    related name on Reception) their members; the total counts each family once however many
    codes it has (a sum of the rows would count it again)."""
    in_period = model.objects.filter(reception__in=receptions.values("pk"))
    families = dict(in_period.values("code").annotate(n=Count("reception_id", distinct=True)).order_by()
                    .values_list("code", "n"))
    coded = in_period.values("reception_id")
    total = {"families": receptions.filter(pk__in=coded).count()}
    people = {}
    if people_via:
        members = ReceptionMember.objects.filter(reception__in=receptions.values("pk"))
        related = f"reception__{people_via}__code"  # a member per code of the family (one row each)
        people = dict(members.values(related).annotate(n=Count("id")).order_by().values_list(related, "n"))
        total["people"] = members.filter(reception__in=coded).count()
    rows = []
    for code, label in choices:
        row = {"code": code, "label": str(label), "families": families.get(code, 0)}
        if people_via:
            row["people"] = people.get(code, 0)
        rows.append(row)
    return {"rows": rows, "total": total}


def care_given_with_people(*, user, start: dt.date, end: dt.date) -> dict:
    """Family units and people (their members) that received each kind of care; care is recorded
    per reception, so every member of the family counts (seed 003: «168 Unidades Familiares …
    con atención psicosocial»)."""
    return _by_code_with_total(ReceptionCare, Care.choices, _receptions(user, start, end), people_via="care")


def vulnerabilities_with_total(*, user, start: dt.date, end: dt.date) -> dict:
    """Family units per vulnerability cause, and the families with at least one cause."""
    return _by_code_with_total(ReceptionVulnerability, Vulnerability.choices, _receptions(user, start, end))
