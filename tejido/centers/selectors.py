import datetime as dt

from django.db.models import Q, QuerySet

from tejido.common.query import filter_given
from tejido.territory.scope import get_for_user, restrict

from .models import Center

SCOPE = {"department": "department_id", "center": "id"}


def center_list(*, user, department_id=None, municipality_id=None, kind="", status="", q="") -> QuerySet:
    qs = restrict(Center.objects.select_related("municipality", "department", "office"), user, **SCOPE)
    qs = filter_given(qs, department_id=department_id, municipality_id=municipality_id, kind=kind, status=status)
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(code__icontains=q)
    return qs


def center_get(*, user, pk) -> Center:
    return get_for_user(Center.objects.select_related("municipality", "department", "office", "place"),
                        pk, user, **SCOPE)


def operating_between(start: dt.date, end: dt.date) -> Q:
    """Centers in operation at some day of start…end: opened by its end (or no opening date on
    record) and not closed before its start. The plan counts productive units this way (seed 003:
    1,436 units in operation, not only those organised in the four months)."""
    return ((Q(opened_on__isnull=True) | Q(opened_on__lte=end))
            & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)))
