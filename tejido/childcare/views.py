"""Daycare pages: centers, a center's children, enrolment, daily roll, monthly attendance."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.query import query_id
from tejido.offline.views import offline_page
from tejido.programs import services as program_services
from tejido.programs.ages import age_label
from tejido.programs.selectors import (
    enrolment_get,
    events_by_center,
    events_summary,
)
from tejido.programs.views import period_from_request, program_events
from tejido.registry.selectors import person_get
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import PriorityList
from tejido.territory.scope import require_personal_data, scope_of
from tejido.web.forms import apply_error
from tejido.web.returning import chosen_person

from . import figures
from .anthropometry import ACUTE_LABELS, CHRONIC_LABELS
from .evaluations import evaluation_comparison, evaluation_record, profile_label
from .forms import (
    CaregiverForm,
    EvaluationForm,
    EventForm,
    MaterialForm,
    ScreeningForm,
    TeacherPostForm,
)
from .growth_chart import growth_chart_svg, weight_for_length_svg
from .rules import PROGRAM
from .screening import INDICATOR_LABELS, SEX_CODE, ImplausibleMeasure, screening_record
from .selectors import attendance_month, daycare_center_get, daycare_centers
from .staff import caregiver_add, material_deliver, teacher_post_add


def attendance_request(request) -> tuple[int, int, int | None]:
    """(year, month, center id) of ?mes=AAAA-MM&centro=, this month when the month is bad."""
    today = timezone.localdate()
    try:
        year, month = map(int, request.GET.get("mes", f"{today.year}-{today.month:02d}").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    return year, month, query_id(request.GET, "centro")


def attendance_summary_for(request) -> dict:
    """The month's average attendance for the page and its export (scoped in the selector: a
    center out of scope counts nothing)."""
    year, month, center_id = attendance_request(request)
    return attendance_month(user=request.user, year=year, month=month, center_id=center_id)


def attendance_summary_rows(request) -> list[dict]:
    """The page's tables as rows: the total, then by sex, level and pueblo."""
    year, month, _center = attendance_request(request)
    summary = attendance_summary_for(request)
    base = {"month": f"{year}-{month:02d}", "days": summary["days"]}
    rows = [{**base, "group": _("Total"), "label": _("Todas y todos"), "average": summary["average"],
             "share": 100 if summary["presences"] else None}]
    for key, group in (("sex", _("Por sexo")), ("level", _("Por nivel")), ("pueblo", _("Por pueblo"))):
        rows += [{**base, "group": group, "label": str(label), "average": average, "share": share}
                 for label, average, share in summary[key]]
    return rows


@login_required
def attendance_summary(request):
    year, month, center_id = attendance_request(request)
    return render(request, "childcare/attendance_summary.html", {
        "summary": attendance_summary_for(request), "month": f"{year}-{month:02d}",
        "centers": daycare_centers(user=request.user), "center_id": center_id,
    })


@login_required
@offline_page  # opens without a connection; a screening taken offline waits on the phone (docs/offline.md)
@once_per_token  # a double-submitted form creates one record
def child_nutrition(request, pk):
    """A child's screenings at the center where they are enrolled: record one, see the
    z-scores, the classes and the growth charts."""
    require_personal_data(request.user)
    enrolment = enrolment_get(user=request.user, pk=pk)
    person = enrolment.person
    form = ScreeningForm(request.POST or None, initial={"measured_on": timezone.localdate()})
    confirmation = None
    if request.method == "POST" and form.is_valid():
        try:
            screening_record(person=person, center=enrolment.center, acting_user=request.user,
                             confirmed=form.is_confirmed(), **form.measures())
        except ImplausibleMeasure as error:
            # Nothing saved: the z-scores are shown with «Confirmo que la medida es correcta».
            form.ask_confirmation()
            confirmation = {"message": error.message, "z": [
                (label, error.z.get(indicator), indicator in error.implausible)
                for indicator, label in INDICATOR_LABELS.items()]}
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Tamizaje registrado."))
            return redirect("childcare_nutrition", pk=enrolment.pk)
    screenings = list(person.screenings.select_related("center").order_by("measured_on", "id"))
    return render(request, "childcare/nutrition.html", {
        "enrolment": enrolment, "person": person, "form": form, "confirmation": confirmation,
        "rows": screening_rows(screenings), "charts": growth_charts(person, screenings),
        "age": age_label(person.birth_date, timezone.localdate()), "can_write": scope_of(request.user).can_write,
    })


def growth_charts(person, screenings, *, mono: bool = False) -> list[tuple[str, str]]:
    """(title, SVG) of the child's three growth charts: weight for age, length/height for age,
    and weight for length (under 2) or for height (from 2)."""
    sex = SEX_CODE[person.sex]
    charts = [
        (title, growth_chart_svg(sex=sex, birth_date=person.birth_date, screenings=screenings, kind=kind, mono=mono))
        for kind, title in (("peso", _("Peso para la edad")), ("talla", _("Longitud / talla para la edad")))
    ]
    title, svg = weight_for_length_svg(sex=sex, birth_date=person.birth_date, screenings=screenings,
                                       today=timezone.localdate(), mono=mono)
    return [*charts, (title, svg)]


def screening_rows(screenings) -> list[dict]:
    """Newest first, each with its classes in words."""
    return [{"s": s, "acute": ACUTE_LABELS.get(s.acute_class, "—"), "chronic": CHRONIC_LABELS.get(s.chronic_class, "—"),
             "underweight": s.get_underweight_class_label() or "—"}
            for s in reversed(list(screenings))]


def _cases_per_month(user, year):
    """Child-protection counts (seed graph 7) for those allowed to see counts; None otherwise."""
    from tejido.protection.figures import cases_per_month

    try:
        return cases_per_month(user=user, year=year)
    except NotFoundOrOutOfScope:
        return None


@login_required
def program_figures(request):
    """Seed 001 §4 tables for any period, within the user's scope (aggregates only)."""
    start, end = period_from_request(request)
    return render(request, "childcare/figures.html", {
        "start": start, "end": end,
        "by_department": figures.children_by_department(user=request.user, start=start, end=end),
        "teachers": figures.teacher_posts_by_office(user=request.user, on=end),
        "nutrition": figures.nutrition_status(user=request.user, start=start, end=end),
        "comparisons": [evaluation_comparison(user=request.user, kind=kind, year=end.year)
                        for kind in ("escala", "abc")],
        "coverage": [figures.priority_coverage(user=request.user, priority_list=plist, start=start, end=end)
                     for plist in PriorityList.objects.all()],
        "cases": _cases_per_month(request.user, end.year),
        "trainings": events_summary(user=request.user, program=PROGRAM, kind="capacitacion", start=start, end=end),
        "talks": events_by_center(user=request.user, program=PROGRAM, kind="charla", start=start, end=end),
    })


@login_required
@once_per_token  # a double-submitted form creates one record
def child_evaluations(request, pk):
    """Development scale and Test ABC of a child enrolled at a center."""
    require_personal_data(request.user)
    enrolment = enrolment_get(user=request.user, pk=pk)
    form = EvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_record(person=enrolment.person, center=enrolment.center, acting_user=request.user,
                              **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Evaluación registrada."))
            return redirect("childcare_evaluations", pk=enrolment.pk)
    evaluations = [(e, profile_label(e.kind, e.profile)) for e in enrolment.person.evaluations.all()]
    return render(request, "childcare/evaluations.html", {
        "enrolment": enrolment, "person": enrolment.person, "form": form, "evaluations": evaluations,
        "age": age_label(enrolment.person.birth_date, timezone.localdate()),
        "can_write": scope_of(request.user).can_write,
    })


def current_caregivers(center):
    return center.caregivers.filter(end__isnull=True).select_related("person")


def current_teacher_posts(center):
    return center.teacher_posts.filter(end__isnull=True).select_related("teacher", "center").order_by("start", "id")


def teacher_post_rows(request, pk):
    """The open teacher posts of a center in scope, as its staff page lists them (for the export)."""
    require_personal_data(request.user)
    return current_teacher_posts(daycare_center_get(user=request.user, pk=pk))


def caregiver_rows(request, pk):
    """The caregivers of a center in scope, as its staff page lists them (for the export)."""
    return current_caregivers(daycare_center_get(user=request.user, pk=pk))


@login_required
@once_per_token  # a double-submitted form creates one record
def center_staff(request, pk):
    """Caregivers and teacher posts of a center (seed 001 table 5)."""
    require_personal_data(request.user)
    center = daycare_center_get(user=request.user, pk=pk)
    today = timezone.localdate()
    is_caregiver = request.POST.get("form") == "caregiver"
    # Back from «Registrar persona» (?persona=<id>, ?para=docente from the teacher's picker): the new
    # caregiver or teacher is already chosen.
    chosen = chosen_person(request) if request.method != "POST" else None
    for_teacher = request.GET.get("para") == "docente"
    caregiver_chosen = chosen if chosen and not for_teacher else None
    teacher_chosen = chosen if chosen and for_teacher else None
    caregiver_form = CaregiverForm(request.POST if is_caregiver else None,
                                   initial={"start": today, **({"person_id": chosen.pk} if caregiver_chosen else {})})
    # Its own ids: both forms have «Desde» (start) on one page.
    teacher_form = TeacherPostForm(request.POST if request.POST.get("form") == "teacher" else None,
                                   auto_id="docente_%s",
                                   initial={"start": today, **({"teacher_id": chosen.pk} if teacher_chosen else {})})
    form = caregiver_form if is_caregiver else teacher_form
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if is_caregiver:
                person = person_get(user=request.user, pk=data.pop("person_id"), log=False)
                caregiver_add(center=center, person=person, acting_user=request.user, **data)
            else:
                teacher_id = data.pop("teacher_id")
                teacher = person_get(user=request.user, pk=teacher_id, log=False) if teacher_id else None
                teacher_post_add(center=center, teacher=teacher, acting_user=request.user, **data)
        except NotFoundOrOutOfScope:
            form.add_error("person_id" if is_caregiver else "teacher_id",
                           _("No existe una persona con ese número en su territorio."))
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Personal registrado."))
            return redirect("childcare_staff", pk=center.pk)
    return render(request, "childcare/staff.html", {
        "center": center, "caregiver_form": caregiver_form, "teacher_form": teacher_form,
        "caregiver_chosen": caregiver_chosen, "teacher_chosen": teacher_chosen,
        "caregivers": current_caregivers(center),
        "posts": current_teacher_posts(center),
        "can_write": scope_of(request.user).can_write,
    })


@login_required
@once_per_token  # a double-submitted form creates one record
def events(request):
    """Trainings and talks to parents (seed 001 tables 4, 6 and 8): list and register."""
    centers = daycare_centers(user=request.user).filter(status="active").order_by("name")
    is_material = request.POST.get("form") == "material"
    form = EventForm(request.POST if not is_material else None, centers=centers,
                     initial={"date": timezone.localdate()})
    material_form = MaterialForm(request.POST if is_material else None, centers=centers,
                                 initial={"date": timezone.localdate()})
    if request.method == "POST" and is_material and material_form.is_valid():
        try:
            material_deliver(acting_user=request.user, **material_form.cleaned_data)
        except ApplicationError as error:
            apply_error(material_form, error)
        else:
            messages.success(request, _("Entrega de material registrada."))
            return redirect("childcare_events")
    if request.method == "POST" and not is_material and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            program_services.event_create(program=PROGRAM, municipality=data["center"].municipality,
                                          acting_user=request.user, **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Evento registrado."))
            return redirect("childcare_events")
    start, end = period_from_request(request)
    listing = program_events(request, PROGRAM)[:100]
    return render(request, "childcare/events.html", {
        "form": form, "material_form": material_form, "events": listing, "start": start, "end": end,
        "materials": figures.materials_delivered(user=request.user, start=start, end=end),
        "can_write": scope_of(request.user).can_write,
    })
