"""Seed 001 table 9 (childcare) and table 17 (elderly): agreements in force on a day by
counterparty kind; seed 001 §7.2: centers' sanitary licences valid, in process, expired, missing."""

import datetime as dt

from django.db.models import Count, Q

from tejido.accounts.models import Program
from tejido.centers.models import PROGRAM_OF_KIND

from .models import CounterpartyKind
from .selectors import agreements_for, in_force_on, licence_state, licensed_centers, signed_between

# Always shown, even at zero: the three rows of the seed tables.
SEED_KINDS = [CounterpartyKind.MUNICIPALITY, CounterpartyKind.NGO, CounterpartyKind.GOVERNMENT]
LICENCE_STATES = ["valid", "in_process", "expired", "missing"]


def agreements_by_counterparty(*, user, day: dt.date, program: str = "", signed_from: dt.date | None = None) -> dict:
    """{"programs": [{"program", "label", "rows": [(kind, label, n)], "total"}], "total": n}: in force
    on `day`, or, with `signed_from`, signed from that day to `day` (signed_between)."""
    scoped = agreements_for(user)
    qs = signed_between(scoped, signed_from, day) if signed_from else in_force_on(scoped, day)
    if program:
        qs = qs.filter(program=program)
    counts = {(r["program"], r["counterparty_kind"]): r["n"]
              for r in qs.order_by().values("program", "counterparty_kind").annotate(n=Count("id"))}
    programs = []
    for code, label in Program.choices:
        if (program and code != program) or (not program and not any(p == code for p, _k in counts)):
            continue
        rows = [(kind, kind_label, counts.get((code, kind), 0)) for kind, kind_label in CounterpartyKind.choices
                if kind in SEED_KINDS or counts.get((code, kind))]
        programs.append({"program": code, "label": label, "rows": rows, "total": sum(n for _k, _l, n in rows)})
    return {"day": day, "programs": programs, "total": sum(p["total"] for p in programs)}


def licences_by_program(*, user, day: dt.date, program: str = "", department_id=None) -> dict:
    """Operating centers by the state of their sanitary licence on `day`, per program."""
    centers = licensed_centers(user=user, program=program, department_id=department_id, day=day)
    by_kind = (centers.annotate(licence=licence_state(day)).order_by().values("kind")
               .annotate(**{state: Count("id", filter=Q(licence=state)) for state in LICENCE_STATES}))
    per_program = {}
    for row in by_kind:
        code = PROGRAM_OF_KIND[row["kind"]]
        counts = per_program.setdefault(code, dict.fromkeys(LICENCE_STATES, 0))
        for state in LICENCE_STATES:
            counts[state] += row[state]
    rows = [{"program": code, "label": label, **per_program[code], "centers": sum(per_program[code].values())}
            for code, label in Program.choices if code in per_program]
    total = {state: sum(r[state] for r in rows) for state in LICENCE_STATES}
    total["centers"] = sum(r["centers"] for r in rows)
    return {"day": day, "rows": rows, "total": total}
