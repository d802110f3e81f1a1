"""Mis Años Dorados pages beyond the shared ones: integral care activities and figures."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.programs import services as program_services
from tejido.programs.selectors import event_list
from tejido.programs.views import period_from_request, program_centers
from tejido.territory.scope import scope_of
from tejido.web.forms import apply_error

from . import figures
from .forms import ActivityForm
from .site import PROGRAM, SITE


@login_required
def activities(request):
    centers = program_centers(SITE, request.user).filter(status="active").order_by("name")
    form = ActivityForm(request.POST or None, centers=centers, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            program_services.event_create(program=PROGRAM, audience="adultos_mayores",
                                          municipality=data["center"].municipality, acting_user=request.user,
                                          **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Actividad registrada."))
            return redirect("elderly_activities")
    start, end = period_from_request(request)
    listing = event_list(user=request.user, program=PROGRAM, start=start, end=end).order_by("-date", "-id")[:100]
    return render(request, "elderly/activities.html", {
        "form": form, "events": listing, "start": start, "end": end, "can_write": scope_of(request.user).can_write,
    })


@login_required
def program_figures(request):
    start, end = period_from_request(request)
    return render(request, "elderly/figures.html", {
        "start": start, "end": end,
        "by_department": figures.elderly_by_department(user=request.user, start=start, end=end),
        "care": figures.care_by_axis(user=request.user, start=start, end=end),
    })
