"""Scoped reads of the women's program (through territory.scope.restrict)."""

import datetime as dt

from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from tejido.programs.selectors import enrolment_list, event_list, program_centers
from tejido.registry.models import Person
from tejido.registry.selectors import filter_by_text
from tejido.territory.scope import get_for_user, restrict

from .models import Fair, FairSale, IncomeReport
from .site import CENTER_KINDS, PROGRAM

ZERO = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))


def unit_list(*, user) -> QuerySet:
    return program_centers(user=user, program=PROGRAM, center_kinds=CENTER_KINDS).order_by(
        "department__name", "municipality__name", "name")


def women_enrolled(*, user, center_id=None, day: dt.date | None = None, q: str = "") -> QuerySet:
    """Enrolments of women (personal data: hidden from planners), active on `day` or now."""
    qs = enrolment_list(user=user, program=PROGRAM, center_id=center_id)
    if day is None:
        qs = qs.filter(end__isnull=True)
    else:
        qs = qs.filter(start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day))
    if q:
        person_ids = filter_by_text(Person.objects.all(), q).values("pk")
        qs = qs.filter(person_id__in=person_ids)
    return qs.order_by("person__first_surname", "person__given_names")


def training_list(*, user, start: dt.date, end: dt.date) -> QuerySet:
    return (event_list(user=user, program=PROGRAM, kind="capacitacion", start=start, end=end)
            .select_related("women_training").order_by("-date", "-id"))


def fair_list(*, user, start: dt.date, end: dt.date) -> QuerySet:
    sales = (FairSale.objects.filter(fair_id=OuterRef("pk")).order_by().values("fair")
             .annotate(s=Sum("amount")).values("s"))
    return (event_list(user=user, program=PROGRAM, kind="comercializacion", start=start, end=end)
            .select_related("women_fair")
            .annotate(sales=Coalesce(Subquery(sales), ZERO)).order_by("-date", "-id"))


FAIR_SCOPE = {"department": "event__department_id", "center": "event__center_id"}


def fair_get(*, user, pk) -> Fair:
    return get_for_user(Fair.objects.select_related("event__municipality", "event__department"), pk, user,
                        **FAIR_SCOPE)


def fair_sales(*, user, fair: Fair) -> QuerySet:
    """Named sales of one fair: personal data."""
    qs = restrict(FairSale.objects.filter(fair=fair).select_related("person"), user, personal=True,
                  department="fair__event__department_id", center="fair__event__center_id")
    return qs.order_by("person__first_surname", "person__given_names")


def income_list(*, user, start: dt.date, end: dt.date) -> QuerySet:
    qs = restrict(IncomeReport.objects.select_related("person", "center"), user, personal=True,
                  department="department_id", center="center_id")
    return qs.filter(month__gte=start.replace(day=1), month__lte=end).order_by("-month", "person__first_surname")

