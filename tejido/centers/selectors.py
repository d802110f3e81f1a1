from django.db.models import QuerySet

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
