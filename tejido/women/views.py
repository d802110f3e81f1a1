"""Women's program pages beyond the shared ones: productive units, trainings, commercial events
with sales, monthly income reports and the program's figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.common.query import parse_id
from tejido.programs.views import parse_date, period_from_request
from tejido.registry.selectors import openable_person_ids, person_get
from tejido.reliability.locking import Replace
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import personal_data_page, require_personal_data, scope_of
from tejido.web.forms import apply_error, limit_municipalities
from tejido.web.templatetags.tejido import quetzales

from . import figures, selectors, services
from .forms import FairForm, IncomeForm, SaleForm, TrainingForm, UnitForm
from .site import product_line_label


def _period(request):
    start, end = period_from_request(request)
    return {"start": start, "end": end}


def fair_sale_rows(request, pk):
    """The named sales of a fair in scope (personal data), as its page lists them."""
    require_personal_data(request.user)
    return selectors.fair_sales(user=request.user, fair=selectors.fair_get(user=request.user, pk=pk))


def income_rows(request):
    """Monthly income reports for ?desde=&hasta=: the page shows the first 300, the export all."""
    require_personal_data(request.user)
    return selectors.income_list(user=request.user, **_period(request))


@login_required
@once_per_token  # a double-submitted form creates one record
def units(request):
    form = limit_municipalities(UnitForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_create(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Unidad productiva registrada."))
            return redirect("women_units")
    return render(request, "women/units.html", {
        "form": form, "units": [(u, product_line_label(u)) for u in selectors.unit_list(user=request.user)],
        "can_write": scope_of(request.user).can_write,
    })


@login_required
@once_per_token  # a double-submitted form creates one record
def trainings(request):
    units = selectors.unit_list(user=request.user).filter(status="active")
    form = limit_municipalities(TrainingForm(request.POST or None, units=units,
                                             initial={"date": timezone.localdate()}), request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            ids = data.pop("participant_ids")
            people = [person_get(user=request.user, pk=pk, log=False) for pk in ids]
            services.training_create(acting_user=request.user, participants=people, **data)
        except NotFoundOrOutOfScope:
            form.add_error(None, _("Una de las participantes no existe en su territorio."))
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Capacitación registrada."))
            return redirect("women_trainings")
    chosen = _participants(request, form) if request.method == "POST" else []
    return render(request, "women/trainings.html", {
        **_period(request), "form": form, "participants": chosen,
        "checked": {int(v) for v in request.POST.getlist("participant_ids") if v.isdigit()},
        "events": selectors.training_list(user=request.user, **_period(request))[:200],
        "can_write": scope_of(request.user).can_write,
    })


def _participants(request, form):
    """Women enrolled at the chosen unit on the chosen date (to tick the ones who attended)."""
    center_id = parse_id(request.POST.get("center") or request.GET.get("center"), "center")
    if center_id is None or not scope_of(request.user).sees_personal_data:
        return []
    day = parse_date(request.POST.get("date") or request.GET.get("date"), timezone.localdate())
    return list(selectors.women_enrolled(user=request.user, center_id=center_id, day=day))


@login_required
def training_participants(request):
    """htmx: the checkboxes of the women of a unit."""
    enrolments = _participants(request, None)
    return render(request, "women/_participants.html", {"participants": enrolments, "checked": set()})


@login_required
@once_per_token  # a double-submitted form creates one record
def fairs(request):
    form = limit_municipalities(FairForm(request.POST or None, initial={"unnamed_participants": 0}), request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person_id, amount = data.pop("person_id"), data.pop("amount")
        try:
            sales = [(person_get(user=request.user, pk=person_id, log=False), amount)] if person_id else []
            fair = services.fair_create(acting_user=request.user, sales=sales, **data)
        except NotFoundOrOutOfScope:
            form.add_error("person_id", _("No existe una mujer con ese número en su territorio."))
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Evento de comercialización registrado."))
            return redirect("women_fair", pk=fair.pk)
    return render(request, "women/fairs.html", {
        **_period(request), "form": form, "fairs": selectors.fair_list(user=request.user, **_period(request)),
        "can_write": scope_of(request.user).can_write,
    })


@login_required
@once_per_token  # a double-submitted form creates one record
@personal_data_page
def fair(request, pk):
    fair = selectors.fair_get(user=request.user, pk=pk)
    form = SaleForm(request.POST or None)
    replace = Replace(request)  # her sales already saved are replaced only when confirmed
    if request.method == "POST" and form.is_valid():
        try:
            person = person_get(user=request.user, pk=form.cleaned_data["person_id"], log=False)
            services.fair_sale_save(acting_user=request.user, fair=fair, person=person,
                                    amount=form.cleaned_data["amount"], replace=replace)
        except NotFoundOrOutOfScope:
            form.add_error("person_id", _("No existe una mujer con ese número en su territorio."))
        except ApplicationError as error:
            replace.refused(error)
            apply_error(form, error)
        else:
            messages.success(request, _("Ventas registradas."))
            return redirect("women_fair", pk=fair.pk)
    sales = list(fair_sale_rows(request, pk))
    log_access(request.user, AccessEvent.Action.VIEW, model="women.Fair", object_id=fair.pk, sales=len(sales))
    return render(request, "women/fair.html", {
        "fair": fair, "event": fair.event, "sales": sales, "total": sum(s.amount for s in sales), "form": form,
        "openable": openable_person_ids(request.user, [s.person_id for s in sales]),
        "replace": replace,
        "can_write": scope_of(request.user).can_write,
    })


@login_required
def woman_search(request):
    """htmx: women enrolled in the program (in the user's territory) by name or CUI."""
    require_personal_data(request.user)
    q = request.GET.get("q", "").strip()
    found = list(selectors.women_enrolled(user=request.user, q=q)[:10]) if len(q) >= 2 else []
    if found:
        log_access(request.user, AccessEvent.Action.SEARCH, model="women.Enrolment", q=q)
    return render(request, "women/_woman_search.html", {"found": found, "q": q,
                                                        "focus": request.GET.get("focus", "id_amount")})


@login_required
@once_per_token  # a double-submitted form creates one record
@personal_data_page
def income(request):
    form = IncomeForm(request.POST or None)
    replace = Replace(request)  # a report already saved for that month is replaced only when confirmed
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = person_get(user=request.user, pk=data.pop("person_id"), log=False)
            report = services.income_report_save(acting_user=request.user, person=person, replace=replace, **data)
        except NotFoundOrOutOfScope:
            form.add_error("person_id", _("No existe una mujer con ese número en su territorio."))
        except ApplicationError as error:
            replace.refused(error)
            apply_error(form, error)
        else:
            messages.success(request, _("Reporte de %(month)s guardado: %(total)s.")
                             % {"month": report.month.strftime("%m/%Y"), "total": quetzales(report.total)})
            return redirect("women_income")
    period = _period(request)
    reports = list(income_rows(request)[:300])
    log_access(request.user, AccessEvent.Action.SEARCH, model="women.IncomeReport", shown=[r.pk for r in reports])
    return render(request, "women/income.html", {**period, "form": form, "reports": reports, "replace": replace,
                                                 "can_write": scope_of(request.user).can_write})


@login_required
def program_figures(request):
    start, end = period_from_request(request)
    tables = figures.all_tables(user=request.user, start=start, end=end, list_name=request.GET.get("lista", ""))
    return render(request, "women/figures.html", {"start": start, "end": end, **tables})
