"""/derivaciones/: every referral in the user's scope, from any program to any program or
institution — the receiver's inbox (answer, follow up) and the statistics by origin and
destination. A person is referred from their own page ("Derivar")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError
from tejido.registry.selectors import household_get, person_get
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import Municipality
from tejido.territory.scope import require_personal_data, restrict, scope_of
from tejido.web.forms import apply_error

from .forms import FollowUpForm, PersonReferralForm, ReferralDecisionForm
from .models import Referral
from .referrals import (
    referral_create,
    referral_create_for_household,
    referral_decide,
    referral_follow_up,
    referral_get,
    referral_list,
    referrals_by_origin_and_destination,
)
from .views import period_from_request


def inbox_rows(request):
    """The inbox for ?estado=&origen=&destino= (pending by default), newest first; the page shows 200."""
    status = request.GET.get("estado", Referral.Status.PENDING)
    return referral_list(user=request.user, status="" if status == "todas" else status,
                         origin_program=request.GET.get("origen", ""),
                         destination_program=request.GET.get("destino", "")).order_by("-date", "-id")


@login_required
def inbox(request):
    require_personal_data(request.user)
    status = request.GET.get("estado", Referral.Status.PENDING)
    origin, destination = request.GET.get("origen", ""), request.GET.get("destino", "")
    rows = list(inbox_rows(request)[:200])
    log_access(request.user, "search", model="programs.Referral", shown=[r.pk for r in rows])
    return render(request, "programs/referrals.html", {
        "rows": rows, "status": status, "origin": origin, "destination": destination,
        "statuses": Referral.Status.choices, "programs": Program.choices})


@login_required
@once_per_token  # a double-submitted form creates one record
def detail(request, pk):
    require_personal_data(request.user)
    referral = referral_get(user=request.user, pk=pk)
    log_access(request.user, "view", model="programs.Referral", object_id=referral.pk)
    decision, follow_up, saved = referral_actions(request, referral)
    if saved:
        return redirect("referral_detail", pk=referral.pk)
    return render(request, "programs/referral_detail.html", {
        "referral": referral, "decision": decision, "follow_up": follow_up,
        "follow_ups": referral.follow_ups.select_related("recorded_by"), "can_write": scope_of(request.user).can_write})


def referral_actions(request, referral) -> tuple[ReferralDecisionForm, FollowUpForm, bool]:
    """The answer and the follow-up forms of a referral's page, whichever program shows it:
    (decision form, follow-up form, saved). Errors of the service go next to their field."""
    today = timezone.localdate()
    decision = ReferralDecisionForm(request.POST if "responder" in request.POST else None,
                                    initial={"decided_on": today})
    follow_up = FollowUpForm(request.POST if "seguimiento" in request.POST else None, initial={"date": today})
    target = decision if "responder" in request.POST else follow_up
    edit = locking.Edit(request, referral)  # a stale answer is refused (docs/reliability.md)
    if request.method == "POST" and target.is_valid():
        d = target.cleaned_data
        try:
            if target is decision:
                with edit.saving():
                    referral_decide(referral=referral, accepted=d["accepted"], date=d["decided_on"],
                                    reason=d["decision_reason"], acting_user=request.user)
            else:
                referral_follow_up(referral=referral, date=d["date"], kind=d["kind"], notes=d["notes"],
                                   acting_user=request.user)
        except ApplicationError as error:
            if error.field in target.fields:
                apply_error(target, error)
            else:
                target.add_error(None, error.message)
        else:
            messages.success(request, _("Respuesta registrada.") if target is decision else
                             _("Seguimiento registrado."))
            return decision, follow_up, True
    return decision, follow_up, False


@login_required
@once_per_token  # a double-submitted form creates one record
def refer_person(request, person_pk):
    """Refer a person from their page to another program or a partner institution."""
    require_personal_data(request.user)
    person = person_get(user=request.user, pk=person_pk, log=False)
    municipalities = restrict(Municipality.objects.select_related("department").order_by("department__name", "name"),
                              request.user, department="department_id")
    initial = {"date": timezone.localdate(), "municipality": person.municipality_id,
               "origin_program": request.user.program or ""}
    form = PersonReferralForm(request.POST or None, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            referral = referral_create(person=person, origin_program=d["origin_program"], reason=d["reason"],
                                       date=d["date"], municipality=d["municipality"], acting_user=request.user,
                                       destination_program=d["destination_program"],
                                       destination_institution=d["destination_institution"],
                                       source=f"registry.Person:{person.pk}")
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Derivación registrada."))
            return redirect("referral_detail", pk=referral.pk)
    return render(request, "programs/refer_person.html", {"person": person, "form": form})


@login_required
@once_per_token  # a double-submitted form creates one record
def refer_household(request, household_pk):
    """Refer every current member of a household at once (e.g. a returned family to the women's
    program and its children to a CADI are two referrals of the household)."""
    require_personal_data(request.user)
    household = household_get(user=request.user, pk=household_pk, log=False)
    municipalities = restrict(Municipality.objects.select_related("department").order_by("department__name", "name"),
                              request.user, department="department_id")
    initial = {"date": timezone.localdate(), "municipality": household.municipality_id,
               "origin_program": request.user.program or ""}
    form = PersonReferralForm(request.POST or None, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            referrals = referral_create_for_household(
                household=household, origin_program=d["origin_program"], reason=d["reason"], date=d["date"],
                municipality=d["municipality"], acting_user=request.user,
                destination_program=d["destination_program"], destination_institution=d["destination_institution"])
        except ApplicationError as error:
            if error.field in form.fields:
                apply_error(form, error)
            else:
                form.add_error(None, error.message)
        else:
            messages.success(request, _("%(n)s derivaciones registradas.") % {"n": len(referrals)})
            return redirect("household_detail", pk=household.pk)
    return render(request, "programs/refer_person.html", {"household": household, "form": form})


@login_required
def statistics(request):
    """Referrals by origin and destination and their answers (counts: planners see them too)."""
    start, end = period_from_request(request)
    rows = referrals_by_origin_and_destination(user=request.user, start=start, end=end)
    return render(request, "programs/referral_statistics.html", {"rows": rows, "start": start, "end": end})


urlpatterns = [
    path("", inbox, name="referral_inbox"),
    path("<int:pk>/", detail, name="referral_detail"),
    path("cifras/", statistics, name="referral_statistics"),
    path("personas/<int:person_pk>/", refer_person, name="refer_person"),
    path("hogares/<int:household_pk>/", refer_household, name="refer_household"),
]
