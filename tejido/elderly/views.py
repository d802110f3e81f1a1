"""Mis Años Dorados pages beyond the shared ones: integral care activities and figures."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.programs import services as program_services
from tejido.programs.deliveries import delivery_list
from tejido.programs.models import Event
from tejido.programs.referrals import referral_decide, referral_list
from tejido.programs.selectors import enrolment_get, event_list
from tejido.programs.views import period_from_request, program_centers, program_events
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import personal_data_page, require_personal_data, scope_of
from tejido.web.forms import apply_error

from . import figures, services
from .forms import ActivityForm, DecisionForm, DeliveryForm, HomeVisitForm, ReferralForm
from .site import PROGRAM, SITE


@login_required
@once_per_token  # a double-submitted form creates one record
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
    listing = program_events(request, PROGRAM)[:100]
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
        "care_by_department": figures.care_by_department(user=request.user, start=start, end=end),
        "deliveries": figures.deliveries_by_item(user=request.user, start=start, end=end),
        "referrals": figures.referrals_by_destination(user=request.user, start=start, end=end),
    })


def _elderly_enrolment(request, pk):
    require_personal_data(request.user)
    enrolment = enrolment_get(user=request.user, pk=pk)
    if enrolment.program != PROGRAM:
        raise NotFoundOrOutOfScope()
    log_access(request.user, "view", model="programs.Enrolment", object_id=enrolment.pk)
    return enrolment


@login_required
@once_per_token  # a double-submitted form creates one record
def home_visit(request, pk):
    """A home visit to an enrolled person, with the care axis it served."""
    enrolment = _elderly_enrolment(request, pk)
    form = HomeVisitForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.home_visit_record(enrolment=enrolment, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Visita domiciliaria registrada."))
            return redirect("elderly_home_visit", pk=enrolment.pk)
    visits = (event_list(user=request.user, program=PROGRAM, kind=Event.Kind.HOME_VISIT)
              .filter(participants=enrolment.person, deleted_at__isnull=True).order_by("-date")[:50])
    return render(request, "elderly/home_visit.html", {"enrolment": enrolment, "form": form, "visits": visits,
                                                        "can_write": scope_of(request.user).can_write})


@login_required
@once_per_token  # a double-submitted form creates one record
def refer(request, pk):
    """Refer an enrolled person to a partner institution (MINTRAB's PAM, a health center...)."""
    enrolment = _elderly_enrolment(request, pk)
    form = ReferralForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_from_enrolment(enrolment=enrolment, date=data["date"], reason=data["reason"],
                                             destination_institution=data["destination_institution"],
                                             acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Derivación registrada."))
            return redirect("elderly_referrals")
    return render(request, "elderly/refer.html", {"enrolment": enrolment, "form": form})


def referral_rows(request):
    """The program's referrals for ?estado= (the page shows 200, the export all)."""
    return referral_list(user=request.user, origin_program=PROGRAM, status=request.GET.get("estado", ""))


def delivery_rows(request):
    """Deliveries for ?desde=&hasta= (the page shows the latest 100, the export all)."""
    start, end = period_from_request(request)
    return delivery_list(user=request.user, program=PROGRAM, start=start, end=end)


@login_required
@personal_data_page
def referrals(request):
    """The program's referrals and their answers (incorporated into PAM or not)."""
    status = request.GET.get("estado", "")
    listing = referral_rows(request)
    log_access(request.user, "search", model="programs.Referral", program=PROGRAM)
    return render(request, "elderly/referrals.html", {
        "referrals": listing[:200], "status": status, "can_write": scope_of(request.user).can_write})


@login_required
def referral_decide_page(request, pk):
    require_personal_data(request.user)
    referral = get_object_or_404(referral_list(user=request.user, origin_program=PROGRAM), pk=pk)
    form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    edit = locking.Edit(request, referral)
    if request.method == "POST" and form.is_valid():
        try:
            with edit.saving():
                referral_decide(referral=referral, accepted=form.cleaned_data["accepted"],
                                date=form.cleaned_data["decided_on"], reason=form.cleaned_data["decision_reason"],
                                acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Respuesta registrada."))
            return redirect("elderly_referrals")
    log_access(request.user, "view", model="programs.Referral", object_id=referral.pk)
    return render(request, "elderly/referral_decide.html", {"referral": referral, "form": form})


@login_required
@once_per_token  # a double-submitted form creates one record
def deliveries(request):
    """Kits, food and glasses handed out at the centers (counted per center; a person is optional)."""
    centers = program_centers(SITE, request.user).filter(status="active").order_by("name")
    form = DeliveryForm(request.POST or None, centers=centers, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.delivery_record(acting_user=request.user, **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Entrega registrada."))
            return redirect("elderly_deliveries")
    start, end = period_from_request(request)
    listing = delivery_rows(request)
    return render(request, "elderly/deliveries.html", {
        "form": form, "deliveries": listing[:100], "start": start, "end": end,
        "totals": figures.deliveries_by_item(user=request.user, start=start, end=end),
        "can_write": scope_of(request.user).can_write,
    })
