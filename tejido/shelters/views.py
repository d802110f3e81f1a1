"""Shelter pages: list, open, a shelter with its families (register, check out, supplies,
close), the printable daily status, national totals for the COE and seed 003's table."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.models import Center, CenterKind
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.programs.views import parse_date, period_from_request
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.reports.period import Period
from tejido.territory.scope import require_personal_data, restrict, scope_of
from tejido.territory.selectors import municipalities_for_forms
from tejido.web.forms import apply_error

from . import figures, report_tables, services
from .forms import CheckOutForm, CloseForm, FamilyForm, MemberFormSet, OpenForm, SupplyForm, member_formset
from .models import EventKind
from .selectors import families_of, may_write, shelter_get, shelter_list, stays_of


def shelter_centers(user):
    """Shelter centers where the user may open a shelter."""
    qs = Center.objects.filter(kind=CenterKind.SHELTER, status=Center.Status.ACTIVE).select_related("municipality")
    return restrict(qs, user, department="department_id", center="pk").order_by("name")


def may_open(user) -> bool:
    scope = scope_of(user)
    return scope.can_write and (scope.national or bool(scope.department_ids) or shelter_centers(user).exists())


def shelter_rows(request):
    """Shelters for ?desde=&hasta=&estado=&evento= (the page shows the first 200, the export all)."""
    start, end = period_from_request(request)
    status, event = request.GET.get("estado", ""), request.GET.get("evento", "")
    return shelter_list(user=request.user, status=status if status in ("abierto", "cerrado") else "",
                        event=event if event in EventKind.values else "", start=start, end=end)


def family_rows(request, pk):
    """Everyone who stayed at a shelter, family by family, as its page lists them."""
    shelter = shelter_get(user=request.user, pk=pk)
    return [stay for family in families_of(user=request.user, shelter=shelter) for stay in family.stays.all()]


@login_required
def home(request):
    start, end = period_from_request(request)
    status = request.GET.get("estado", "")
    event = request.GET.get("evento", "")
    status = status if status in ("abierto", "cerrado") else ""
    event = event if event in EventKind.values else ""
    shelters = list(shelter_rows(request)[:200])
    return render(request, "shelters/home.html", {
        "shelters": shelters, "start": start, "end": end, "status": status, "event": event,
        "events": EventKind.choices, "can_open": may_open(request.user), "today": timezone.localdate()})


@login_required
@once_per_token  # a double-submitted form creates one record
def open_shelter(request):
    if not may_open(request.user):
        raise NotFoundOrOutOfScope()
    form = OpenForm(request.POST or None, centers=shelter_centers(request.user),
                    municipalities=municipalities_for_forms(request.user),
                    initial={"opened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            shelter = services.shelter_open(acting_user=request.user, **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Albergue abierto: %(name)s.") % {"name": shelter.name})
            return redirect("shelters_detail", pk=shelter.pk)
    return render(request, "shelters/open.html", {"form": form})


def _family_label(family) -> str:
    stays = list(family.stays.all())
    head = next((s for s in stays if s.relationship == "jefe"), stays[0] if stays else None)
    name = head.person.full_name if head else _("Familia")
    return f"{name} ({len(stays)})"


def _detail(request, shelter, *, checkout=None, supply=None, close=None, status=200):
    """The shelter page; the forms come back with their errors when a POST failed."""
    scope = scope_of(request.user)
    today = timezone.localdate()
    day = min(today, shelter.closed_on) if shelter.closed_on else today
    families = families_of(user=request.user, shelter=shelter) if scope.sees_personal_data else []
    if families:
        log_access(request.user, AccessEvent.Action.VIEW, model="shelters.Shelter", object_id=shelter.pk,
                   families=[f.pk for f in families])
    present = [s for f in families for s in f.stays.all() if s.check_out is None]
    writable = may_write(request.user, shelter) and shelter.is_open
    initial = {"check_out": today, "date": today, "closed_on": today}
    return render(request, "shelters/detail.html", {
        "shelter": shelter, "status": figures.daily_status(shelter=shelter, day=day), "families": families,
        "can_write": writable, "sees_names": scope.sees_personal_data,
        "checkout": checkout or CheckOutForm(stays=present, initial=initial),
        "supply": supply or SupplyForm(families=[(f, _family_label(f)) for f in families], initial=initial),
        "close": close or CloseForm(initial=initial),
    }, status=status)


@login_required
def detail(request, pk):
    shelter = shelter_get(user=request.user, pk=pk)
    return _detail(request, shelter)


def _writable_shelter(request, pk):
    shelter = shelter_get(user=request.user, pk=pk)
    if not may_write(request.user, shelter):
        raise NotFoundOrOutOfScope()
    return shelter


@login_required
@once_per_token  # a double-submitted form creates one record
def family_new(request, pk):
    require_personal_data(request.user)
    shelter = _writable_shelter(request, pk)
    if not shelter.is_open:
        messages.error(request, _("El albergue está cerrado; no admite ingresos."))
        return redirect("shelters_detail", pk=shelter.pk)
    initial = {"check_in": timezone.localdate()}
    if request.method != "POST":
        return render(request, "shelters/family.html", {"shelter": shelter, "form": FamilyForm(initial=initial),
                                                        "formset": member_formset(rows=5)})
    form = FamilyForm(request.POST, initial=initial)
    formset = MemberFormSet(request.POST, prefix="m")
    form_ok, rows_ok = form.is_valid(), formset.is_valid()
    filled = formset.filled_forms()
    over_capacity = False
    if form_ok and rows_ok and filled:
        try:
            services.family_register(shelter=shelter, acting_user=request.user,
                                     members=[f.member_data() for f in filled], **form.cleaned_data)
        except ApplicationError as error:
            parts = (error.field or "").split(".")
            if parts[0] == "members" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
                apply_error(filled[int(parts[1])], ApplicationError(error.message, field=parts[2]))
            elif error.field in form.fields:
                apply_error(form, error)
                over_capacity = error.field == "confirm_over_capacity"
            else:
                form.add_error(None, error.message)
        else:
            messages.success(request, _("Familia registrada: %(n)s personas.") % {"n": len(filled)})
            return redirect("shelters_detail", pk=shelter.pk)
    elif rows_ok and not filled:
        form.add_error(None, _("Registre al menos una persona de la familia."))
    return render(request, "shelters/family.html", {"shelter": shelter, "form": form, "formset": formset,
                                                    "over_capacity": over_capacity})


@login_required
def check_out(request, pk):
    require_personal_data(request.user)
    shelter = _writable_shelter(request, pk)
    if request.method != "POST":
        return redirect("shelters_detail", pk=shelter.pk)
    present = [s for f in families_of(user=request.user, shelter=shelter) for s in f.stays.all()
               if s.check_out is None]
    form = CheckOutForm(request.POST, stays=present)
    if form.is_valid():
        try:
            with locking.Edit(request, shelter).saving():
                stays = stays_of(shelter=shelter, ids=form.cleaned_data["stays"])
                n = services.stay_check_out(shelter=shelter, stays=stays, check_out=form.cleaned_data["check_out"],
                                            acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Salida registrada: %(n)s personas.") % {"n": n})
            return redirect("shelters_detail", pk=shelter.pk)
    return _detail(request, shelter, checkout=form, status=400)


@login_required
@once_per_token  # a double-submitted form creates one record
def supply(request, pk):
    shelter = _writable_shelter(request, pk)
    if request.method != "POST":
        return redirect("shelters_detail", pk=shelter.pk)
    families = {f.pk: f for f in shelter.families.all()}
    form = SupplyForm(request.POST, families=[(f, str(f.pk)) for f in families.values()])
    if form.is_valid():
        data = dict(form.cleaned_data)
        data["family"] = families.get(data["family"]) if data["family"] else None
        try:
            services.supply_record(shelter=shelter, acting_user=request.user, **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Entrega de insumos registrada."))
            return redirect("shelters_detail", pk=shelter.pk)
    return _detail(request, shelter, supply=form, status=400)


@login_required
def close(request, pk):
    shelter = _writable_shelter(request, pk)
    if request.method != "POST":
        return redirect("shelters_detail", pk=shelter.pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            with locking.Edit(request, shelter).saving():
                services.shelter_close(shelter=shelter, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Albergue cerrado el %(date)s.")
                             % {"date": form.cleaned_data["closed_on"].strftime("%d/%m/%Y")})
            return redirect("shelters_detail", pk=shelter.pk)
    return _detail(request, shelter, close=form, status=400)


def _day(request, default: dt.date) -> dt.date:
    return min(parse_date(request.GET.get("fecha"), default), timezone.localdate())


@login_required
def daily_status(request, pk):
    """One page, printable: the shelter on a day (counts only, no names)."""
    shelter = shelter_get(user=request.user, pk=pk)
    default = min(timezone.localdate(), shelter.closed_on) if shelter.closed_on else timezone.localdate()
    day = _day(request, default)
    return render(request, "shelters/status.html", {"status": figures.daily_status(shelter=shelter, day=day)})


@login_required
def national(request):
    """Totals for the emergency operations center (COE), in the user's scope."""
    day = _day(request, timezone.localdate())
    return render(request, "shelters/national.html", {"totals": figures.national_totals(user=request.user, day=day)})


def table_rows(request):
    """Seed 003's table for ?desde=&hasta=: each shelter that ran in the period and the persons
    it sheltered (the page's rows, with real dates, for the export)."""
    start, end = period_from_request(request)
    return figures.by_shelter(user=request.user, start=start, end=end)["rows"]


@login_required
def table(request):
    start, end = period_from_request(request)
    built = report_tables.by_shelter(request.user, Period.between(start, end))
    return render(request, "shelters/table.html", {"table": built, "start": start, "end": end})
