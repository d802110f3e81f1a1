from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from tejido.common.query import filter_given
from tejido.territory.scope import get_for_user, restrict

from .models import Enrolment, Event, RollCall

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


def event_list(*, user, program: str = "", kind: str = "", start=None, end=None) -> QuerySet:
    """Events are not personal data (participants are read through people's own scope).
    `people` = named participants + those counted without a record."""
    named = (Event.participants.through.objects.filter(event=OuterRef("pk")).order_by()
             .values("event").annotate(n=Count("*")).values("n"))
    qs = restrict(Event.objects.select_related("center", "municipality", "department"), user,
                  department="department_id", center="center_id")
    qs = filter_given(qs, program=program, kind=kind, date__gte=start, date__lte=end)
    return qs.annotate(named=Coalesce(Subquery(named), 0)).annotate(people=F("named") + F("unnamed_participants"))


def events_summary(*, user, program: str, kind: str, start, end) -> list[dict]:
    """Events and people reached by audience and modality, with their topics (seed 001 table 4)."""
    qs = event_list(user=user, program=program, kind=kind, start=start, end=end)
    rows = list(qs.values("audience", "modality").annotate(events=Count("id"), participants=Sum("people"))
                .order_by("audience", "modality"))
    topics = {}
    for audience, modality, topic in qs.values_list("audience", "modality", "topic").distinct().order_by("topic"):
        topics.setdefault((audience, modality), []).append(topic)
    for row in rows:
        row["topics"] = topics.get((row["audience"], row["modality"]), [])
        row["audience_label"] = Event.Audience(row["audience"]).label
        row["modality_label"] = Event.Modality(row["modality"]).label
    return rows


def events_by_center(*, user, program: str, kind: str, start, end, category: str | None = None) -> list[dict]:
    """People reached per department, municipality and center (seed 001 tables 6 and 8);
    `category` (when given, "" included) keeps the events of that classification only."""
    qs = event_list(user=user, program=program, kind=kind, start=start, end=end)
    if category is not None:
        qs = qs.filter(category=category)
    return list(qs.values("department__name", "municipality__name", "center", "center__code", "center__name")
                .annotate(events=Count("id"), people=Sum("people"))
                .order_by("department__name", "municipality__name", "center__code", "center"))


def program_centers(*, user, program: str, center_kinds) -> QuerySet:
    """A program's centers in the user's scope, with how many people are enrolled now."""
    from tejido.centers.models import Center

    qs = restrict(Center.objects.filter(kind__in=center_kinds).select_related("municipality", "department"),
                  user, department="department_id", center="id")
    active = Q(enrolments__program=program, enrolments__end__isnull=True, enrolments__deleted_at__isnull=True)
    return qs.annotate(active_people=Count("enrolments", filter=active))


def program_center_get(*, user, center_kinds, pk):
    """One of a program's centers by id, through the scope; other kinds answer not found."""
    from tejido.centers.selectors import center_get
    from tejido.common.errors import NotFoundOrOutOfScope

    center = center_get(user=user, pk=pk)
    if center.kind not in center_kinds:
        raise NotFoundOrOutOfScope()
    return center
