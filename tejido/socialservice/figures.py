"""Social service figures for any period and scope (seed 001 tables 15 and 16), in SQL.

Table 16 counts, per department where the service was given, the distinct registered people
who received a delivery or attended an outreach day, plus the people counted (not named) at
outreach days, by sex; and the municipalities where any of that happened."""

import datetime as dt

from django.db import connection
from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _

from tejido.programs.deliveries import delivery_list
from tejido.programs.models import Delivery, Event
from tejido.programs.selectors import event_list
from tejido.stock.selectors import products
from tejido.territory.models import Department
from tejido.territory.scope import restrict

from .models import OutreachDay
from .services import PROGRAM

SCOPE = {"department": "department_id"}


def products_delivered(*, user, start: dt.date, end: dt.date) -> dict:
    """Table 15: units of each catalogue product delivered (requests and outreach days)."""
    qs = restrict(Delivery.objects.filter(program=PROGRAM, date__gte=start, date__lte=end), user, **SCOPE)
    delivered = dict(qs.values("item").annotate(n=Sum("quantity")).order_by().values_list("item", "n"))
    rows = [{"code": p.code, "product": p.name, "quantity": delivered.get(p.code, 0)} for p in products()]
    return {"rows": rows, "total": sum(r["quantity"] for r in rows)}


def _deliveries(user, start, end):
    return restrict(Delivery.objects.filter(program=PROGRAM, date__gte=start, date__lte=end), user,
                    **SCOPE).order_by()


def _outreach_events(user, start, end):
    return restrict(Event.objects.filter(program=PROGRAM, kind=Event.Kind.OUTREACH, date__gte=start,
                                         date__lte=end), user, **SCOPE).order_by()


def _rows(queryset) -> tuple[str, list]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _grouped(sql: str, params: list, select: str, group: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM ({sql}) u GROUP BY {group}", params)  # noqa: S608 (no user input)
        return cursor.fetchall()


def people_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Table 16: departments × (municipalities, men, women, total), and the total row.

    A registered person counts once per department where they were served (the total row
    counts them once); people counted at outreach days are added by sex."""
    if _deliveries(user, start, end).query.is_empty():  # nothing in scope: no SQL to wrap
        return {"rows": [], "total": {"male": 0, "female": 0, "total": 0}}
    named_deliveries = (_deliveries(user, start, end).filter(person__isnull=False)
                        .annotate(d=F("department_id"), p=F("person_id"), s=F("person__sex"))
                        .values_list("d", "p", "s"))
    attendees = (Event.participants.through.objects.filter(event__in=_outreach_events(user, start, end).values("pk"))
                 .order_by().annotate(d=F("event__department_id"), p=F("person_id"), s=F("person__sex"))
                 .values_list("d", "p", "s"))
    named_sql, named_params = _rows(named_deliveries.union(attendees))  # UNION: distinct (department, person)
    named = _grouped(named_sql, named_params, "d, s, COUNT(*)", "d, s")
    named_total = _grouped(named_sql, named_params, "s, COUNT(DISTINCT p)", "s")

    places = (_deliveries(user, start, end).filter(person__isnull=False)
              .annotate(d=F("department_id"), m=F("municipality_id")).values_list("d", "m")
              .union(_outreach_events(user, start, end).annotate(d=F("department_id"), m=F("municipality_id"))
                     .values_list("d", "m")))
    places_sql, places_params = _rows(places)
    municipalities = dict(_grouped(places_sql, places_params, "d, COUNT(*)", "d"))

    counted = (OutreachDay.objects.filter(event__in=_outreach_events(user, start, end).values("pk"))
               .values("event__department_id").annotate(men=Sum("men"), women=Sum("women")).order_by())
    by_department: dict[int, dict] = {}

    def row(department_id):
        return by_department.setdefault(department_id, {"male": 0, "female": 0})

    for department_id, sex, n in named:
        row(department_id)["male" if sex == "M" else "female"] += n
    for c in counted:
        row(c["event__department_id"])["male"] += c["men"] or 0
        row(c["event__department_id"])["female"] += c["women"] or 0
    names = Department.objects.in_bulk(list(by_department) + list(municipalities))
    rows = []
    for department_id in set(by_department) | set(municipalities):
        r = row(department_id)
        rows.append({"department": names[department_id].name, "department_id": department_id,
                     "municipalities": municipalities.get(department_id, 0), "male": r["male"],
                     "female": r["female"], "total": r["male"] + r["female"]})
    rows.sort(key=lambda r: r["department"])
    total_named = dict(named_total)
    male = total_named.get("M", 0) + sum(c["men"] or 0 for c in counted)
    female = total_named.get("F", 0) + sum(c["women"] or 0 for c in counted)
    return {"rows": rows, "total": {"male": male, "female": female, "total": male + female}}


def services_delivered(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Services delivered (transport, lodging...): how many deliveries of each, for the page."""
    from .models import Service

    done = dict(_deliveries(user, start, end).filter(item__in=Service.values).values("item")
                .annotate(n=Sum("quantity")).values_list("item", "n"))
    return [{"code": code, "service": str(label), "quantity": done.get(code, 0)} for code, label in Service.choices]


# Pueblo columns of the four-monthly report's social-service table (seed 003), in its order.
ENDOWMENT_PUEBLOS = [("ladino", ["ladino"]), ("maya", ["maya"]), ("garifuna", ["garifuna"]), ("xinka", ["xinca"]),
                     ("other", ["afro", "extranjero", "no_indica", ""])]


def endowments_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 003's social-service table: people who received a product or service («dotaciones»)
    by department of the delivery, by sex and by pueblo, and the quantities delivered. A person counts
    once per department (once in the total); people counted at outreach days without a record have
    no pueblo and are not in this table (they are in table 16)."""
    named = _deliveries(user, start, end).filter(person__isnull=False)
    people = named.values("department_id", "person_id", "person__sex", "person__pueblo").distinct()
    rows: dict[int, dict] = {}
    keys = ["male", "female", *(k for k, _codes in ENDOWMENT_PUEBLOS)]
    pueblo_key = {code: key for key, codes in ENDOWMENT_PUEBLOS for code in codes}

    def add(row, sex, pueblo):
        row["male" if sex == "M" else "female"] += 1
        row[pueblo_key.get(pueblo or "", "other")] += 1

    total = dict.fromkeys(keys, 0)
    seen = set()
    for r in people:
        add(rows.setdefault(r["department_id"], dict.fromkeys(keys, 0)), r["person__sex"], r["person__pueblo"])
        if r["person_id"] not in seen:
            seen.add(r["person_id"])
            add(total, r["person__sex"], r["person__pueblo"])
    # «dotaciones»: what was delivered (quantities, with or without a person on record), the same
    # measure as the deliveries list behind the cell
    deliveries = dict(_deliveries(user, start, end).values_list("department_id").annotate(n=Sum("quantity")))
    for department_id in deliveries:
        rows.setdefault(department_id, dict.fromkeys(keys, 0))
    names = Department.objects.in_bulk(list(rows))
    out = sorted(({"department": names[d].name, "department_id": d, **counts,
                   "people": counts["male"] + counts["female"], "deliveries": deliveries.get(d) or 0}
                  for d, counts in rows.items()), key=lambda r: r["department"])
    total.update(people=total["male"] + total["female"], deliveries=sum(v or 0 for v in deliveries.values()))
    return {"rows": out, "total": total}


def outreach_by_category(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed 001 §6.1 (60 outreach days: 47 medical, 13 of integrated services; 12,943 people at the
    medical ones; 771 orthopedic products at the integrated ones): outreach days (events of kind
    "jornada", by their date) by type (`Event.category`), the departments where they were held, the
    people served (named + counted, summed over days) and the units of products handed out during
    them (deliveries linked to the day). Both types always listed; days without a known type last."""
    events = event_list(user=user, program=PROGRAM, kind=Event.Kind.OUTREACH, start=start, end=end)
    counts = {r["category"]: r for r in events.values("category")
              .annotate(days=Count("id"), people=Sum("people"), departments=Count("department", distinct=True))
              .order_by("category")}
    # in the deliveries' own scope, as their drill-down lists them
    handed = dict(delivery_list(user=user, program=PROGRAM).filter(event__in=events.values("pk"))
                  .values("event__category").annotate(n=Sum("quantity")).order_by().values_list("event__category", "n"))
    labels = dict(OutreachDay.Category.choices)
    codes = list(labels) + sorted(set(counts) - set(labels))
    rows = [{"code": code, "label": str(labels.get(code) or code or _("Sin tipo registrado")),
             "days": counts.get(code, {}).get("days", 0), "departments": counts.get(code, {}).get("departments", 0),
             "people": counts.get(code, {}).get("people") or 0, "products": handed.get(code) or 0}
            for code in codes]
    total = {"days": sum(r["days"] for r in rows),
             "departments": events.order_by().values("department").distinct().count(),
             "people": sum(r["people"] for r in rows), "products": sum(r["products"] for r in rows)}
    return {"rows": rows, "total": total}
