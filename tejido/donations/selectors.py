"""Scoped reads of donations. Scope is the receiving office's department; national roles read
all. Donors are institutions, not people: planners see donations, but not the names of the
beneficiaries of distributions (templates and API leave them out for them)."""

from django.db.models import DecimalField, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from tejido.common.query import filter_given
from tejido.territory.scope import get_for_user, restrict

from .models import Distribution, Donation, DonationItem, Donor

DONATION_SCOPE = {"department": "department_id"}


def _distributed_subquery():
    return Coalesce(Subquery(
        Distribution.objects.filter(item=OuterRef("pk")).order_by().values("item")
        .annotate(n=Sum("quantity")).values("n")[:1], output_field=IntegerField()), Value(0))


def items_with_balance(qs: QuerySet) -> QuerySet:
    return qs.annotate(distributed=_distributed_subquery())


def donation_list(*, user, start=None, end=None, donor_kind: str = "", pending: bool = False) -> QuerySet:
    qs = restrict(Donation.objects.select_related("donor", "office", "department"), user, **DONATION_SCOPE)
    qs = filter_given(qs, received_on__gte=start, received_on__lte=end, donor__kind=donor_kind or None)
    money = DecimalField(max_digits=16, decimal_places=2)
    value = Subquery(DonationItem.objects.filter(donation=OuterRef("pk")).order_by().values("donation")
                     .annotate(v=Sum("value")).values("v")[:1], output_field=money)
    qs = qs.annotate(value=Coalesce(value, Value(0), output_field=money))
    if pending:
        qs = qs.filter(pk__in=pending_items().values("donation_id"))
    return qs


def pending_items() -> QuerySet:
    """Items with units not yet distributed."""
    return items_with_balance(DonationItem.objects.filter(donation__deleted_at__isnull=True)).filter(
        distributed__lt=F("quantity"))


def donation_get(*, user, pk) -> Donation:
    return get_for_user(Donation.objects.select_related("donor", "office__department", "office__municipality"),
                        pk, user, **DONATION_SCOPE)


def donation_items(donation: Donation) -> list[DonationItem]:
    items = list(items_with_balance(donation.items.select_related("product", "entry")))
    for item in items:
        item.balance = item.quantity - item.distributed
        # Value still held, in proportion to the units not yet distributed.
        item.balance_value = (item.value * item.balance / item.quantity).quantize(item.value) if item.quantity else 0
    return items


def donation_balance(items: list[DonationItem]) -> dict:
    return {"quantity": sum(i.quantity for i in items), "distributed": sum(i.distributed for i in items),
            "balance": sum(i.balance for i in items), "value": sum((i.value for i in items), 0),
            "balance_value": sum((i.balance_value for i in items), 0)}


def distribution_list(*, user, donation_id=None, start=None, end=None) -> QuerySet:
    qs = restrict(Distribution.objects.select_related("item__donation__donor", "office", "person"), user,
                  **DONATION_SCOPE)
    return filter_given(qs, item__donation_id=donation_id, date__gte=start, date__lte=end)


def donors() -> QuerySet:
    return Donor.objects.all()

