"""Figures of the Donations Unit for any period and scope, in SQL: the donations table of seed
001 §8 (table 20) and value by donor kind. A donation counts in the period of its reception
date and in the department of the office that received it."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from tejido.territory.scope import restrict

from .models import Category, DonationItem, Donor
from .selectors import donation_list

ZERO = Decimal("0.00")


def _items(user, start, end):
    qs = DonationItem.objects.filter(donation__deleted_at__isnull=True, donation__received_on__gte=start,
                                     donation__received_on__lte=end)
    return restrict(qs, user, department="donation__department_id")


def item_text(quantity: int, description: str) -> str:
    return f"{quantity} {description}"


def received_table(*, user, start, end) -> dict:
    """One row per donation in reception order: No., donor, date, the items of each category
    as text, value in quetzales; and the total value."""
    donations = list(donation_list(user=user, start=start, end=end).order_by("received_on", "id"))
    texts = defaultdict(lambda: {Category.PROPERTY: [], Category.SUPPLIES: []})
    for donation_id, category, quantity, description in (
            _items(user, start, end).order_by("donation_id", "order", "id")
            .values_list("donation_id", "category", "quantity", "description")):
        texts[donation_id][category].append(item_text(quantity, description))
    rows = [{"number": n, "donation": d, "donor": d.donor.name, "donor_kind": d.donor.kind, "date": d.received_on,
             "property_plant_equipment": ", ".join(texts[d.pk][Category.PROPERTY]),
             "materials_supplies": ", ".join(texts[d.pk][Category.SUPPLIES]), "value": d.value}
            for n, d in enumerate(donations, start=1)]
    return {"rows": rows, "total": {"value": sum((r["value"] for r in rows), ZERO)}}


def value_by_donor_kind(*, user, start, end) -> dict:
    """Donations and value by donor kind (every kind listed, zero where none)."""
    found = {r["donation__donor__kind"]: r for r in
             _items(user, start, end).values("donation__donor__kind").order_by()
             .annotate(donations=Count("donation", distinct=True), value=Sum("value"))}
    rows = [{"kind": kind, "label": str(label), "donations": found.get(kind, {}).get("donations", 0),
             "value": found.get(kind, {}).get("value") or ZERO} for kind, label in Donor.Kind.choices]
    return {"rows": rows, "total": {"donations": sum(r["donations"] for r in rows),
                                    "value": sum((r["value"] for r in rows), ZERO)}}


def value_by_category(*, user, start, end) -> dict:
    found = dict(_items(user, start, end).values("category").order_by().annotate(v=Sum("value"))
                 .values_list("category", "v"))
    rows = [{"category": c, "label": str(label), "value": found.get(c) or ZERO} for c, label in Category.choices]
    return {"rows": rows, "total": {"value": sum((r["value"] for r in rows), ZERO)}}


