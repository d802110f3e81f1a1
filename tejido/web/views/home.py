import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from tejido.accounts.models import Role
from tejido.centers.selectors import center_list
from tejido.childcare.selectors import children_needing_attention
from tejido.common.access_log import AccessFilters, access_events, describe
from tejido.common.access_log import may_read as may_read_access_log
from tejido.registry.selectors import household_list, person_list
from tejido.territory.models import Department
from tejido.territory.scope import scope_of

from ..alerts import alerts_for
from .common import capped_count


@login_required
def home(request):
    """What this person works on: their territory's figures and their latest records."""
    user = request.user
    scope = scope_of(user)
    centers = center_list(user=user)
    context = {
        "centers_by_kind": centers.order_by().values("kind").annotate(n=Count("id")).order_by("-n"),
        "center_count": centers.count(),
        "departments": Department.objects.filter(id__in=scope.department_ids) if scope.department_ids else None,
        "my_centers": centers if scope.center_ids else None,
        "alerts": alerts_for(user),
    }
    if scope.sees_personal_data:
        people = person_list(user=user)
        context["person_count"], context["person_count_capped"] = capped_count(people, 1_000_000)
        context["household_count"] = household_list(user=user).count()
        context["recent_people"] = person_list(user=user).order_by("-created_at", "-id")[:8]
        context["malnourished"] = children_needing_attention(
            user=user, since=timezone.localdate() - dt.timedelta(days=183))
    if may_read_access_log(user):
        # the latest ten, readable (the full, searchable log: /auditoria/accesos/)
        context["recent_access"] = describe(access_events(user=user, filters=AccessFilters()).events[:10], user)
    if scope.role == Role.PLANNER:
        context["centers_by_department"] = (
            centers.order_by().values("department__name").annotate(n=Count("id")).order_by("department__name")
        )
    return render(request, "web/home.html", context)
