from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.registry import services
from tejido.registry.selectors import household_get, household_list, person_get
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import require_personal_data, require_write

from ..forms import DeleteForm, HouseholdForm, MemberForm, apply_error, limit_municipalities, save_edit
from ..returning import chosen_person
from .common import paginate


def household_rows(request):
    """The filtered list, shared by the page and its export."""
    return household_list(user=request.user, q=request.GET.get("q", "").strip())


@login_required
def household_list_view(request):
    require_personal_data(request.user)
    qs = household_rows(request)
    page, query = paginate(request, qs)
    return render(request, "registry/household_list.html",
                  {"page": page, "query": query, "total": qs.count(), "q": request.GET.get("q", "")})


@login_required
@once_per_token  # a double-submitted form creates one household
def household_create_view(request):
    require_personal_data(request.user)
    require_write(request.user)
    form = limit_municipalities(HouseholdForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Hogar registrado."))
            return redirect("household_detail", pk=household.pk)
    return render(request, "registry/household_form.html", {"form": form, "title": _("Registrar hogar")})


def _household_initial(household) -> dict:
    return {f: getattr(household, f) for f in HouseholdForm.base_fields}


@login_required
def household_edit_view(request, pk):
    """Change a household's name, kind, municipality and address (scope as for registering; each
    save is in its history with who and why; a stale form is refused: reliability.locking)."""
    require_personal_data(request.user)
    require_write(request.user)
    household = household_get(user=request.user, pk=pk, log=False)
    form = limit_municipalities(HouseholdForm(request.POST or None, initial=_household_initial(household)),
                                request.user)
    edit = locking.Edit(request, household, table=True)
    if request.method == "POST" and form.is_valid():
        form = save_edit(edit, form, lambda: services.household_update(
            household=household, acting_user=request.user, **form.cleaned_data), fields=HouseholdForm.base_fields,
            reload=lambda: limit_municipalities(HouseholdForm(initial=_household_initial(household)), request.user))
        if form is None:
            messages.success(request, _("Cambios guardados."))
            return redirect("household_detail", pk=household.pk)
    return render(request, "registry/household_form.html", {
        "form": form, "household": household, **edit.context(),
        "title": _("Modificar hogar %(name)s") % {"name": household.name}})


@login_required
@once_per_token  # a double-submitted form creates one record
def household_detail_view(request, pk):
    require_personal_data(request.user)
    household = household_get(user=request.user, pk=pk)
    # Back from «Registrar persona» (?persona=<id>): the new member is already chosen.
    chosen = chosen_person(request) if request.method != "POST" else None
    form = MemberForm(request.POST or None, initial={"person_id": chosen.pk} if chosen else None)
    if request.method == "POST":
        require_write(request.user)
        if form.is_valid():
            try:
                person = person_get(user=request.user, pk=form.cleaned_data["person_id"], log=False)
                services.household_add_member(household=household, person=person,
                                              relationship=form.cleaned_data["relationship"],
                                              acting_user=request.user)
            except NotFoundOrOutOfScope:
                form.add_error("person_id", _("No existe una persona con ese número en su territorio."))
            except ApplicationError as error:
                apply_error(form, error)
            else:
                messages.success(request, _("Miembro agregado."))
                return redirect("household_detail", pk=household.pk)
    return render(request, "registry/household_detail.html", {"household": household, "form": form,
                                                              "chosen": chosen})


@login_required
def household_member_remove_view(request, pk, member_pk):
    """A member leaves the household (soft delete with reason, kept in history)."""
    require_personal_data(request.user)
    require_write(request.user)
    household = household_get(user=request.user, pk=pk, log=False)
    member = household.memberships.filter(pk=member_pk).select_related("person").first()
    if member is None:
        raise NotFoundOrOutOfScope()
    form = DeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_remove_member(member=member, reason=form.cleaned_data["reason"],
                                             acting_user=request.user)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("%(name)s ya no figura en el hogar.") % {"name": member.person.full_name})
            return redirect("household_detail", pk=household.pk)
    return render(request, "registry/member_remove.html", {"household": household, "member": member, "form": form})
