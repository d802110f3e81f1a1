"""Scoped reads of stock: offices, levels, movements and the stock card (kardex).

Stock is not personal data: planners and auditors read it nationally; departmental officers
only their departments' offices; center clerks hold no office stock."""

import datetime as dt

from django.db.models import QuerySet, Sum

from tejido.common.query import filter_given
from tejido.territory.models import Office
from tejido.territory.scope import get_for_user, restrict

from .models import Movement, Product, StockLevel

OFFICE_SCOPE = {"department": "department_id"}


def products() -> QuerySet:
    return Product.objects.filter(active=True)


def product_get(code: str) -> Product:
    from tejido.common.errors import NotFoundOrOutOfScope

    try:
        return products().get(code=code)
    except Product.DoesNotExist:
        raise NotFoundOrOutOfScope() from None


def office_list(*, user) -> QuerySet:
    return restrict(Office.objects.select_related("department", "municipality"), user, **OFFICE_SCOPE)


def office_get(*, user, pk) -> Office:
    return get_for_user(Office.objects.select_related("department", "municipality"), pk, user, **OFFICE_SCOPE)


def level_list(*, user, office_id=None, product=None) -> QuerySet:
    qs = restrict(StockLevel.objects.select_related("office", "product"), user, department="office__department_id")
    return filter_given(qs, office_id=office_id, product=product)


def stock_table(*, user) -> dict:
    """Offices in scope (rows) × products (columns), zero where nothing was ever held."""
    catalogue = list(products())
    offices = list(office_list(user=user).order_by("department__name", "name"))
    held = {(lv.office_id, lv.product_id): lv.quantity for lv in level_list(user=user)}
    rows = [{"office": o, "quantities": [held.get((o.pk, p.pk), 0) for p in catalogue]} for o in offices]
    totals = [sum(r["quantities"][i] for r in rows) for i in range(len(catalogue))]
    return {"products": catalogue, "rows": rows, "totals": totals}


def office_levels(office: Office) -> list[tuple[Product, int]]:
    held = dict(StockLevel.objects.filter(office=office).values_list("product_id", "quantity"))
    return [(p, held.get(p.pk, 0)) for p in products()]


def movement_list(*, user, office_id=None, product=None, start=None, end=None) -> QuerySet:
    qs = restrict(Movement.objects.select_related("office", "product", "other_office", "created_by"), user,
                  department="department_id")
    return filter_given(qs, office_id=office_id, product=product, date__gte=start, date__lte=end)


def card(*, user, office: Office, product: Product, start: dt.date | None = None, end: dt.date | None = None) -> dict:
    """The stock card of one product at one office: opening balance, the movements in date
    order with the balance after each, and the closing balance. `office` must come from
    office_get (in scope)."""
    moves = movement_list(user=user, office_id=office.pk, product=product)
    opening = (moves.filter(date__lt=start).aggregate(n=Sum("delta"))["n"] or 0) if start else 0
    rows, balance = [], opening
    for movement in filter_given(moves, date__gte=start, date__lte=end).order_by("date", "id"):
        balance += movement.delta
        rows.append({"movement": movement, "in": max(movement.delta, 0), "out": max(-movement.delta, 0),
                     "balance": balance})
    return {"office": office, "product": product, "start": start, "end": end, "opening": opening, "rows": rows,
            "closing": balance, "received": sum(r["in"] for r in rows), "issued": sum(r["out"] for r in rows)}
