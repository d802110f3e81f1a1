"""The pages every program shares: its centers, a center's people with enrolment by name
search, exit, and the one-click daily roll. Each program passes its ProgramSite (sites.py)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.models import Center
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.offline.views import offline_page
from tejido.registry.selectors import person_get, person_list
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import may_open, personal_data_page, require_personal_data, scope_of
from tejido.web.forms import apply_error
from tejido.web.returning import chosen_person

from . import selectors, services
from .ages import age_label
from .forms import EnrolForm, ExitForm
from .models import AgeRule
from .selectors import enrolment_get, enrolment_list, roll_for
from .sites import ProgramSite


def program_centers(site: ProgramSite, user):
    return selectors.program_centers(user=user, program=site.program, center_kinds=site.center_kinds)


def program_center_get(site: ProgramSite, user, pk) -> Center:
    return selectors.program_center_get(user=user, center_kinds=site.center_kinds, pk=pk)


def last_weekday(day: dt.date) -> dt.date:
    """Centers open Monday to Friday: on a weekend the roll opens on Friday."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def parse_date(raw: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def period_from_request(request) -> tuple[dt.date, dt.date]:
    """?desde=&hasta= as a period; by default the year so far; reversed dates are swapped."""
    today = timezone.localdate()
    start = parse_date(request.GET.get("desde"), dt.date(today.year, 1, 1))
    end = parse_date(request.GET.get("hasta"), today)
    return (start, end) if start <= end else (end, start)


def _links(pairs, pk):
    return [(label, reverse(name, args=[pk])) for label, name in pairs]


@login_required
def home(request, site: ProgramSite):
    centers = program_center_list(site, request.user)
    links = [(label, url) for label, url in ((label, reverse(name)) for label, name in site.home_links)
             if may_open(request.user, url)]
    rows = [(c, [column(c) for _header, column in site.center_columns]) for c in centers]
    return render(request, "programs/home.html", {
        "site": site, "centers": centers, "rows": rows, "links": links,
        "center_headers": [header for header, _column in site.center_columns]})


def roster(site: ProgramSite, user, center: Center):
    """The people enrolled today at a center, as the roster page and its export list them."""
    return enrolment_list(user=user, program=site.program, center_id=center.pk, active=True).order_by(
        "person__first_surname", "person__given_names")


def program_events(request, program: str):
    """A program's events for ?desde=&hasta=, newest first (its page shows the first 100)."""
    start, end = period_from_request(request)
    return selectors.event_list(user=request.user, program=program, start=start, end=end).order_by("-date", "-id")


def program_center_list(site: ProgramSite, user):
    return program_centers(site, user).order_by("department__name", "name")


@login_required
@once_per_token  # a double-submitted form creates one record
@personal_data_page
def center(request, site: ProgramSite, pk):
    center = program_center_get(site, request.user, pk)
    today = timezone.localdate()
    # Back from «Registrar persona» (?persona=<id>): the new person is already chosen.
    chosen = chosen_person(request) if request.method != "POST" else None
    initial = {"start": today, **({"person_id": chosen.pk} if chosen else {})}
    form = (site.enrol_form or EnrolForm)(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            person = person_get(user=request.user, pk=data.pop("person_id"), log=False)
            enrol = site.enrol_service or services.enrolment_create
            enrol(person=person, center=center, program=site.program, acting_user=request.user, **data)
        except NotFoundOrOutOfScope:
            form.add_error("person_id", _("No existe una persona con ese número en su territorio."))
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Inscripción registrada."))
            return redirect(f"{site.prefix}_center", pk=center.pk)
    rows = [
        {"enrolment": e, "age": age_label(e.person.birth_date, today),
         "extra": [column(e, today) for _header, column in site.roster_columns],
         "links": _links(site.row_links, e.pk)}
        for e in roster(site, request.user, center)
    ]
    return render(request, "programs/center.html", {
        "site": site, "center": center, "rows": rows, "form": form, "chosen": chosen,
        "headers": [header for header, _column in site.roster_columns],
        "center_links": _links(site.center_links, center.pk), "can_write": scope_of(request.user).can_write,
    })


@login_required
def exit_(request, site: ProgramSite, pk):
    require_personal_data(request.user)
    enrolment = enrolment_get(user=request.user, pk=pk)
    if enrolment.program != site.program:
        raise NotFoundOrOutOfScope()
    form = ExitForm(request.POST or None, initial={"end": timezone.localdate()})
    edit = locking.Edit(request, enrolment)
    if request.method == "POST" and form.is_valid():
        try:
            with edit.saving():
                services.enrolment_exit(enrolment=enrolment, end=form.cleaned_data["end"],
                                        reason=form.cleaned_data["exit_reason"], acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Egreso registrado."))
            return redirect(f"{site.prefix}_center", pk=enrolment.center_id)
    return render(request, "programs/exit.html", {"site": site, "enrolment": enrolment, "form": form})


@login_required
@offline_page  # opens without a connection; a list taken offline waits on the phone (docs/offline.md)
def roll(request, site: ProgramSite, pk):
    """One screen, one click per person: tick who came, save."""
    require_personal_data(request.user)
    center = program_center_get(site, request.user, pk)
    day = parse_date(request.GET.get("fecha") or request.POST.get("fecha"), last_weekday(timezone.localdate()))
    if request.method == "POST":
        present = {int(v) for v in request.POST.getlist("presente") if v.isdigit()}
        try:
            # «version»: the day's list as this page showed it; a list saved since by someone else
            # is not replaced (the page comes back with it and the conflict message).
            services.roll_call_save(center=center, program=site.program, day=day, present_ids=present,
                                    acting_user=request.user, version=request.POST.get(locking.FIELD))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Asistencia del %(date)s guardada: %(n)s presentes.")
                             % {"date": day.strftime("%d/%m/%Y"), "n": len(present)})
            return redirect(f"{request.path}?fecha={day.isoformat()}")
    saved = roll_for(center, site.program, day)
    marked = {m.enrolment_id: m.present for m in saved.marks.all()} if saved else {}
    enrolments = services.enrolments_active_on(center, site.program, day).order_by(
        "person__first_surname", "person__given_names")
    return render(request, "programs/roll.html", {
        "site": site, "center": center, "day": day, "roll": saved, "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1), "rows": [(e, marked.get(e.pk, False)) for e in enrolments],
        "version": locking.version_of(saved), "offline_api": reverse(f"api-v1:{site.prefix}_roll"),
    })


@login_required
def person_search(request, site: ProgramSite, pk):
    """htmx: people of the program's ages matching a name or CUI, to pick for enrolment."""
    require_personal_data(request.user)
    center = program_center_get(site, request.user, pk)
    q = request.GET.get("q", "").strip()
    today = timezone.localdate()
    found = []
    if len(q) >= 2:
        people = person_list(user=request.user, q=q).filter(**dict(site.search_filter))
        rule = AgeRule.objects.filter(program=site.program).first()
        if rule is not None:
            people = people.filter(birth_date__lte=_months_before(today, rule.min_months))
            if rule.max_months is not None:
                people = people.filter(birth_date__gt=_months_before(today, rule.max_months))
        found = [(p, age_label(p.birth_date, today)) for p in people[:10]]
        if found:  # a name search is an access to personal data, logged like the other person lists
            log_access(request.user, AccessEvent.Action.SEARCH, model="registry.Person", q=q,
                       shown=[p.pk for p, _age in found], program=site.program)
    return render(request, "programs/_person_search.html", {"site": site, "center": center, "found": found,
                                                             "q": q})


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
            31][month - 1]
    return dt.date(year, month, min(day.day, last))


def site_urls(site: ProgramSite) -> list:
    """The shared pages of a program, named f"{site.prefix}_<page>"."""
    p = site.prefix
    return [
        path("", home, {"site": site}, name=f"{p}_home"),
        path("centros/<int:pk>/", center, {"site": site}, name=f"{p}_center"),
        path("centros/<int:pk>/asistencia/", roll, {"site": site}, name=f"{p}_roll"),
        path("centros/<int:pk>/buscar/", person_search, {"site": site}, name=f"{p}_person_search"),
        path("inscripciones/<int:pk>/egreso/", exit_, {"site": site}, name=f"{p}_exit"),
    ]
