"""Scoped reads of requests and outreach days. Requests name people: planners never see
them; departmental officers see those of their departments' offices."""

from django.db.models import QuerySet

from tejido.common.query import filter_given
from tejido.programs.selectors import event_list
from tejido.territory.scope import get_for_user, restrict

from .models import OutreachDay, SupportRequest
from .services import PROGRAM

REQUEST_SCOPE = {"department": "department_id", "personal": True}


def request_list(*, user, status: str = "", office_id=None, start=None, end=None) -> QuerySet:
    qs = restrict(SupportRequest.objects.select_related("person", "office", "product", "delivery"), user,
                  **REQUEST_SCOPE)
    return filter_given(qs, status=status, office_id=office_id, date__gte=start, date__lte=end)


def request_get(*, user, pk) -> SupportRequest:
    return get_for_user(SupportRequest.objects.select_related("person__municipality", "office__municipality",
                                                              "product", "delivery", "created_by"),
                        pk, user, **REQUEST_SCOPE)


def outreach_list(*, user, start=None, end=None, category: str = "") -> QuerySet:
    """Outreach days (not personal data: counts only), with `people` = named + counted."""
    events = event_list(user=user, program=PROGRAM, kind="jornada", start=start, end=end)
    events = filter_given(events, category=category).filter(outreach__isnull=False)
    return events.select_related("outreach__office").order_by("-date", "-id")


def outreach_get(*, user, pk) -> OutreachDay:
    return get_for_user(OutreachDay.objects.select_related("event__municipality__department", "office"), pk, user,
                        department="event__department_id")
