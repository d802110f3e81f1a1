from django.db.models import QuerySet

from tejido.common.query import filter_given
from tejido.territory.scope import get_for_user, restrict

from .models import Enrolment, RollCall

# Scope by where the service is given: the center's department, or the clerk's centers.
ENROLMENT_SCOPE = {"department": "department_id", "center": "center_id", "personal": True}


def enrolment_list(*, user, program: str = "", center_id=None, active: bool | None = None) -> QuerySet:
    qs = restrict(Enrolment.objects.select_related("person", "center"), user, **ENROLMENT_SCOPE)
    qs = filter_given(qs, program=program, center_id=center_id)
    if active is True:
        qs = qs.filter(end__isnull=True)
    elif active is False:
        qs = qs.filter(end__isnull=False)
    return qs


def enrolment_get(*, user, pk) -> Enrolment:
    return get_for_user(Enrolment.objects.select_related("person", "center"), pk, user, **ENROLMENT_SCOPE)


def roll_for(center, program: str, day):
    return RollCall.objects.filter(center=center, program=program, date=day).prefetch_related("marks").first()
