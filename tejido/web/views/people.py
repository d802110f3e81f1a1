"""Pages for the registry of people: search, 360° view, register, edit, soft delete, history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tejido.centers.selectors import center_list
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError
from tejido.common.exports import export_response
from tejido.common.models import AccessEvent
from tejido.dedup.matches import registration_matches
from tejido.registry import services
from tejido.registry.selectors import household_list, person_get, person_households, person_list, person_page
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import require_personal_data, require_write, scope_of

from ..forms import DeleteForm, PersonForm, PersonSearchForm, apply_error, limit_municipalities, save_edit
from ..returning import safe_next, with_person
from .common import page_number, query_without_page


def _filtered(request):
    form = PersonSearchForm(request.GET or None)
    form.is_valid()
    data = form.cleaned_data if form.is_bound else {}
    department = data.get("department")
    qs = person_list(user=request.user, q=data.get("q", ""), department_id=department.pk if department else None,
                     sex=data.get("sex", ""), pueblo=data.get("pueblo", ""))
    return form, qs, data


@login_required
def person_list_view(request):
    require_personal_data(request.user)
    form, qs, data = _filtered(request)
    page, total, capped = person_page(qs, searching=bool(data.get("q")), number=page_number(request))
    query = query_without_page(request)
    if data.get("q"):
        log_access(request.user, AccessEvent.Action.SEARCH, model="registry.Person", q=data["q"])
    context = {"form": form, "page": page, "query": query, "total": total, "capped": capped}
    template = "registry/_person_rows.html" if request.headers.get("HX-Request") else "registry/person_list.html"
    return render(request, template, context)


def person_rows(request):
    """The list the page pages through, for the export."""
    return _filtered(request)[1]


@login_required
def person_export(request):
    """The first export address, kept for bookmarks: the same as /exportar/personas.csv."""
    return export_response(request, "personas", "csv")


def _center_choices(user):
    return center_list(user=user, status="active")


@login_required
@once_per_token  # a double-submitted form creates one record
def person_create_view(request):
    require_personal_data(request.user)
    require_write(request.user)
    centers = _center_choices(request.user)
    form = limit_municipalities(PersonForm(request.POST or None, centers=centers,
                                           initial=_territory_initial(request.user, centers)), request.user)
    back = safe_next(request)  # the enrolment or request page the officer came from
    matches = []
    if request.method == "POST" and form.is_valid():
        # Likely existing records are shown first; saving anyway takes an explicit confirmation.
        if not request.POST.get("es_distinta"):
            matches = registration_matches(request.user, form.cleaned_data)
        try:
            if matches:
                raise ApplicationError(_("Revise las posibles coincidencias antes de registrar."))
            person = services.person_create(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Persona registrada: %(name)s.") % {"name": person.full_name})
            if back:  # back to the form, with the new person chosen
                return redirect(with_person(back, person.pk))
            return redirect("person_detail", pk=person.pk)
    return render(request, "registry/person_form.html",
                  {"form": form, "title": _("Registrar persona"), "matches": matches, "next": back})


def _territory_initial(user, centers) -> dict:
    """A center clerk registers at her center: it and its municipality come preset."""
    scope = scope_of(user)
    if scope.national or scope.department_ids or len(scope.center_ids) != 1:
        return {}
    center = centers.filter(pk__in=scope.center_ids).select_related("municipality").first()
    return {"registered_center": center, "municipality": center.municipality} if center else {}


def _person_initial(person) -> dict:
    return {f: getattr(person, f) for f in services.PERSON_FIELDS}


@login_required
def person_edit_view(request, pk):
    require_personal_data(request.user)
    require_write(request.user)
    person = person_get(user=request.user, pk=pk, log=False)
    form = limit_municipalities(PersonForm(request.POST or None, initial=_person_initial(person),
                                           centers=_center_choices(request.user)), request.user)
    edit = locking.Edit(request, person, table=True)
    if request.method == "POST" and form.is_valid():
        # On a conflict: the current values in the form, what the user typed in the table.
        form = save_edit(edit, form, lambda: services.person_update(
            person=person, acting_user=request.user, **form.cleaned_data), fields=services.PERSON_FIELDS,
            reload=lambda: limit_municipalities(PersonForm(initial=_person_initial(person),
                                                           centers=_center_choices(request.user)), request.user))
        if form is None:
            messages.success(request, _("Cambios guardados."))
            return redirect("person_detail", pk=person.pk)
    return render(request, "registry/person_form.html",
                  {"form": form, "person": person, **edit.context(),
                   "title": _("Modificar datos de %(name)s") % {"name": person.full_name}})


@login_required
def person_detail_view(request, pk):
    """The 360° view: everything about one person across programs (later issues add sections)."""
    require_personal_data(request.user)
    person = person_get(user=request.user, pk=pk)
    memberships = list(person_households(person))
    # A clerk sees the people of her center, not their households: their names stay, without a
    # link that would answer 404.
    openable = set(household_list(user=request.user).filter(pk__in=[m.household_id for m in memberships])
                   .values_list("pk", flat=True))
    return render(request, "registry/person_detail.html", {
        "person": person,
        "memberships": memberships, "openable_households": openable,
        "enrolments": person.enrolments.select_related("center").order_by("-start"),
        "screenings": person.screenings.order_by("-measured_on", "-id")[:3],
        "evaluations": person.evaluations.order_by("-evaluated_on", "-id")[:4],
        "deliveries": person.deliveries.filter(deleted_at__isnull=True).select_related("center")
                            .order_by("-date", "-id")[:10],
        "events": person.events.filter(deleted_at__isnull=True).order_by("-date", "-id")[:10],
        "referrals": person.referrals.filter(deleted_at__isnull=True).order_by("-date", "-id")[:10],
        "delete_form": DeleteForm(),
        "can_write": scope_of(request.user).can_write,
    })


@login_required
def person_delete_view(request, pk):
    require_personal_data(request.user)
    require_write(request.user)
    person = person_get(user=request.user, pk=pk, log=False)
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_soft_delete(person=person, reason=form.cleaned_data["reason"], acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Registro eliminado. Un auditor aún puede ver su historial."))
            return redirect("person_list")
    return render(request, "registry/person_delete.html", {"person": person, "form": form})
