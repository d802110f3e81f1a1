"""Social service pages: requests (create, study, decide, deliver, receipt), outreach days,
figures. Stock pages live in tejido.stock.views, mounted under these URLs."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tejido.common.audit import log_access, log_view
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.programs.views import period_from_request
from tejido.registry.selectors import person_get, person_list
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.stock.selectors import office_levels, office_list
from tejido.territory.scope import require_personal_data, scope_of
from tejido.territory.selectors import municipalities_for_forms
from tejido.web.forms import apply_error
from tejido.web.returning import chosen_person

from . import figures, selectors, services
from .forms import (
    AttendeeForm,
    DecisionForm,
    DeliveryForm,
    OutreachDeliveryForm,
    OutreachForm,
    RequestForm,
    StudyForm,
)
from .models import SupportRequest


def _person(user, pk, form, field="person_id"):
    """A person picked by number, through the scope; None (with the error on the form) if not."""
    try:
        return person_get(user=user, pk=pk, log=False)
    except NotFoundOrOutOfScope:
        form.add_error(field, _("No existe una persona con ese número en su territorio."))
        return None


def request_rows(request):
    """Support requests for ?estado=, newest first: the page shows the first 100, the export all."""
    status = request.GET.get("estado", "")
    return selectors.request_list(user=request.user, status=status if status in SupportRequest.Status.values
                                  else "").order_by("-date", "-id")


@login_required
def home(request):
    scope = scope_of(request.user)
    context = {"can_write": scope.can_write, "sees_people": scope.sees_personal_data}
    if scope.sees_personal_data:
        status = request.GET.get("estado", "")
        listing = request_rows(request)
        counts = dict(selectors.request_list(user=request.user).values("status").annotate(n=Count("id"))
                      .order_by().values_list("status", "n"))
        shown = list(listing[:100])
        log_access(request.user, AccessEvent.Action.SEARCH, model="socialservice.SupportRequest", status=status,
                   shown=[r.pk for r in shown])
        context.update({"requests": shown, "status": status,
                        "statuses": [(code, label, counts.get(code, 0))
                                     for code, label in SupportRequest.Status.choices]})
    return render(request, "socialservice/home.html", context)


@login_required
@once_per_token  # a double-submitted form creates one record
def request_new(request):
    require_personal_data(request.user)
    offices = office_list(user=request.user).order_by("name")
    # Back from «Registrar persona» (?persona=<id>): the new person is already chosen.
    chosen = chosen_person(request) if request.method != "POST" else None
    initial = {"date": timezone.localdate(), **({"person_id": chosen.pk} if chosen else {})}
    form = RequestForm(request.POST or None, offices=offices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = _person(request.user, data.pop("person_id"), form)
        if person is not None:
            try:
                created = services.request_create(person=person, acting_user=request.user, **data)
            except ApplicationError as error:
                apply_error(form, error)
            else:
                messages.success(request, _("Solicitud registrada."))
                return redirect("socialservice_request", pk=created.pk)
    return render(request, "socialservice/request_new.html", {"form": form, "chosen": chosen})


FIELD_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,59}")


@login_required
def person_search(request):
    """htmx: people matching a name or CUI in the user's scope, to pick for a request."""
    require_personal_data(request.user)
    q = request.GET.get("q", "").strip()
    found = list(person_list(user=request.user, q=q)[:10]) if len(q) >= 2 else []
    if found:
        log_access(request.user, AccessEvent.Action.SEARCH, model="registry.Person", q=q,
                   shown=[p.pk for p in found])
    return render(request, "socialservice/_person_search.html", {
        "found": found, "q": q, "target": _field_id(request.GET.get("campo"), "id_person_id"),
        "focus": _field_id(request.GET.get("foco"), "")})


def _field_id(value, default: str) -> str:
    """A field id named in the query string (which input «Elegir» fills, which one gets the focus)."""
    value = (value or "").strip()
    return value if FIELD_ID.fullmatch(value) else default


def _detail_context(request, ss_request, **forms):
    today = timezone.localdate()
    scope = scope_of(request.user)
    can_write = scope.can_write and (scope.national or ss_request.department_id in scope.department_ids)
    context = {
        "r": ss_request, "can_write": can_write,
        "study_form": forms.get("study_form") or StudyForm(initial={
            "visit_date": ss_request.visit_date or today, "poverty_status": ss_request.poverty_status,
            "social_worker": ss_request.social_worker or request.user.get_full_name(),
            "notes": ss_request.study_notes}),
        "decision_form": forms.get("decision_form") or DecisionForm(initial={"date": today}),
        "delivery_form": forms.get("delivery_form") or DeliveryForm(initial={"date": today}),
        "history": ss_request.history.select_related("history_user").order_by("history_date"),
    }
    if ss_request.kind == SupportRequest.Kind.PRODUCT:
        context["available"] = dict((p.pk, n) for p, n in office_levels(ss_request.office)).get(ss_request.product_id,
                                                                                                0)
    return context


@login_required
def request_detail(request, pk):
    require_personal_data(request.user)
    ss_request = selectors.request_get(user=request.user, pk=pk)
    log_view(request.user, ss_request)
    return render(request, "socialservice/request_detail.html", _detail_context(request, ss_request))


def _step(request, pk, form_class, form_key, action, success):
    """POST of one step of a request's path: parse, call the service, show errors in place. A form
    loaded before someone else moved the request on is refused (reliability.locking)."""
    require_personal_data(request.user)
    ss_request = selectors.request_get(user=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            with locking.Edit(request, ss_request).saving():
                action(ss_request, form.cleaned_data)
        except ApplicationError as error:
            if error.field == "status":
                messages.error(request, error.message)
                return redirect("socialservice_request", pk=pk)
            apply_error(form, error)
        else:
            messages.success(request, success)
            return redirect("socialservice_request", pk=pk)
    return render(request, "socialservice/request_detail.html",
                  _detail_context(request, ss_request, **{form_key: form}), status=400)


@login_required
@require_POST
def request_study(request, pk):
    return _step(request, pk, StudyForm, "study_form", lambda r, d: services.request_study(
        request=r, acting_user=request.user, **d), _("Estudio socioeconómico registrado."))


@login_required
@require_POST
def request_decide(request, pk):
    return _step(request, pk, DecisionForm, "decision_form", lambda r, d: services.request_decide(
        request=r, approved=d["decision"] == "aprobar", date=d["date"], reason=d["reason"],
        acting_user=request.user), _("Resolución registrada."))


@login_required
@require_POST
def request_deliver(request, pk):
    return _step(request, pk, DeliveryForm, "delivery_form", lambda r, d: services.request_deliver(
        request=r, acting_user=request.user, **d), _("Entrega registrada. Imprima la constancia."))


@login_required
def receipt(request, pk):
    require_personal_data(request.user)
    ss_request = selectors.request_get(user=request.user, pk=pk)
    if ss_request.delivery_id is None:
        raise NotFoundOrOutOfScope()
    log_view(request.user, ss_request)
    return render(request, "socialservice/receipt.html", {"r": ss_request, "d": ss_request.delivery})


@login_required
@once_per_token  # a double-submitted form creates one record
def outreach(request):
    scope = scope_of(request.user)
    form = OutreachForm(request.POST or None, offices=office_list(user=request.user).order_by("name"),
                        municipalities=municipalities_for_forms(request.user), initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.outreach_create(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Jornada registrada."))
            return redirect("socialservice_outreach_day", pk=created.pk)
    start, end = period_from_request(request)
    return render(request, "socialservice/outreach.html", {
        "form": form, "can_write": scope.can_write, "start": start, "end": end,
        "days": selectors.outreach_list(user=request.user, start=start, end=end)[:200]})


def outreach_attendee_rows(request, pk):
    """The people with a record who attended an outreach day in scope, as its page lists them."""
    require_personal_data(request.user)
    day = selectors.outreach_get(user=request.user, pk=pk)
    return day.event.participants.select_related("municipality__department").order_by(
        "first_surname", "second_surname", "given_names", "pk")


def outreach_delivery_rows(request, pk):
    """The products handed out at an outreach day in scope (receipt, product, quantity)."""
    day = selectors.outreach_get(user=request.user, pk=pk)
    return day.event.deliveries.order_by("id")


@login_required
@once_per_token  # a double-submitted form creates one record
def outreach_day(request, pk):
    day = selectors.outreach_get(user=request.user, pk=pk)
    scope = scope_of(request.user)
    can_write = scope.can_write and (scope.national or day.office.department_id in scope.department_ids)
    attendee = AttendeeForm(request.POST if request.POST.get("form") == "asistente" else None, prefix="asistente")
    handout = OutreachDeliveryForm(request.POST if request.POST.get("form") == "entrega" else None, prefix="entrega")
    if request.method == "POST" and can_write:
        form = attendee if request.POST.get("form") == "asistente" else handout
        if form.is_valid():
            data = dict(form.cleaned_data)
            person_id = data.pop("person_id", None)
            person = _person(request.user, person_id, form) if person_id else None
            if person is not None or (form is handout and not person_id):
                try:
                    if form is attendee:
                        services.outreach_add_participant(outreach=day, person=person, acting_user=request.user)
                        messages.success(request, _("Asistente registrado."))
                    else:
                        services.outreach_deliver(outreach=day, person=person, acting_user=request.user, **data)
                        messages.success(request, _("Entrega registrada."))
                except ApplicationError as error:
                    apply_error(form, error)
                else:
                    return redirect("socialservice_outreach_day", pk=day.pk)
    event = day.event
    levels = office_levels(day.office)
    people = list(outreach_attendee_rows(request, pk)) if scope.sees_personal_data else []
    if people:
        log_view(request.user, event)
    return render(request, "socialservice/outreach_day.html", {
        "day": day, "event": event, "can_write": can_write, "attendee": attendee, "handout": handout,
        "participants": people, "named": event.participants.count(),
        "deliveries": outreach_delivery_rows(request, pk), "levels": levels,
        "product_names": {p.code: p.name for p, _n in levels}})


@login_required
def program_figures(request):
    start, end = period_from_request(request)
    return render(request, "socialservice/figures.html", {
        "start": start, "end": end,
        "products": figures.products_delivered(user=request.user, start=start, end=end),
        "people": figures.people_by_department(user=request.user, start=start, end=end),
        "services": figures.services_delivered(user=request.user, start=start, end=end),
    })
