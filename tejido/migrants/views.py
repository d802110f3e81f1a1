"""Pages for returned migrant family units: list, fast entry of a family on one screen, a
reception with its members and referrals, referrals with answers and follow-up, figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tejido.centers.models import Center, CenterKind
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.common.query import query_id
from tejido.offline.views import offline_page
from tejido.programs.models import Referral
from tejido.programs.referral_views import referral_actions
from tejido.programs.referrals import referral_get
from tejido.programs.views import period_from_request
from tejido.registry.choices import Relationship
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import Department
from tejido.territory.scope import personal_data_page, require_personal_data, restrict, scope_of
from tejido.web.forms import apply_error

from . import duplicates, figures, services
from .forms import (
    DEFAULT_ROWS,
    MAX_ROWS,
    MemberFormSet,
    ReceptionForm,
    ReferralForm,
    member_formset,
)
from .selectors import migrant_referrals, reception_get, reception_id_of, reception_list

LIST_LIMIT = 50


def reception_centers(user):
    """Reception centers where the user may record (their territory; national: all)."""
    qs = Center.objects.filter(kind=CenterKind.MIGRANT_RECEPTION, status=Center.Status.ACTIVE)
    return restrict(qs, user, department="department_id", center="pk").order_by("name")


def reception_rows(request):
    """Receptions for ?desde=&hasta=&q=&destino=: the page shows the first 50, the export all."""
    start, end = period_from_request(request)
    return reception_list(user=request.user, start=start, end=end, q=request.GET.get("q", "").strip(),
                          destination_department_id=query_id(request.GET, "destino"))


def head_of(reception):
    return next((m.person for m in reception.members.all() if m.is_head), None)


@login_required
def home(request):
    start, end = period_from_request(request)
    scope = scope_of(request.user)
    context = {"start": start, "end": end, "can_register": scope.can_write and reception_centers(request.user).exists(),
               "total": figures.families_and_people(user=request.user, start=start, end=end)["total"]}
    if not scope.sees_personal_data:  # planners: counts only
        return render(request, "migrants/home.html", context)
    q = request.GET.get("q", "").strip()
    department = request.GET.get("destino", "")
    receptions = list(reception_rows(request)[:LIST_LIMIT])
    log_access(request.user, AccessEvent.Action.SEARCH, model="migrants.Reception", q=q,
               shown=[r.pk for r in receptions])
    rows = [{"reception": r, "members": len(r.members.all()), "minors": sum(m.is_minor for m in r.members.all()),
             "head": head_of(r)} for r in receptions]
    context.update({"rows": rows, "q": q, "department": department, "more": len(receptions) == LIST_LIMIT,
                    "departments": Department.objects.order_by("name")})
    return render(request, "migrants/home.html", context)


def _apply_service_error(error: ApplicationError, form, formset, filled) -> None:
    """Errors of a member (field "members.<i>.<name>") go next to that row's field."""
    parts = (error.field or "").split(".")
    if parts[0] == "members" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
        apply_error(filled[int(parts[1])], ApplicationError(error.message, field=parts[2]))
    elif parts[0] == "members":
        form.add_error(None, error.message)
    else:
        apply_error(form, error)


@login_required
@offline_page  # opens without a connection; a family taken offline waits on the phone (docs/offline.md)
@once_per_token  # a double-submitted form creates one record
def reception_new(request):
    require_personal_data(request.user)
    centers = reception_centers(request.user)
    if not centers.exists():
        raise NotFoundOrOutOfScope()
    initial = {"date": timezone.localdate(), "center": centers.first()}
    if request.method != "POST":
        return render(request, "migrants/new.html", {"form": ReceptionForm(centers=centers, initial=initial),
                                                     "formset": member_formset()})
    form = ReceptionForm(request.POST, centers=centers, initial=initial)
    if "agregar" in request.POST:  # one more empty row, nothing saved
        data = request.POST.copy()
        rows = min(int(data.get("m-TOTAL_FORMS") or DEFAULT_ROWS) + 1, MAX_ROWS)
        data["m-TOTAL_FORMS"] = str(rows)
        data.setdefault(f"m-{rows - 1}-relationship", Relationship.CHILD)
        return render(request, "migrants/new.html", {
            "form": ReceptionForm(data, centers=centers), "formset": MemberFormSet(data, prefix="m"),
            "adding": True, "focus_row": rows - 1})
    formset = MemberFormSet(request.POST, prefix="m")
    form_ok, rows_ok = form.is_valid(), formset.is_valid()
    filled = formset.filled_forms()
    warning = []
    if form_ok and rows_ok and filled:
        members = [f.member_data() for f in filled]
        warning = _family_warning(request, form, filled, members)
        if warning:
            form.add_error(None, _("Revise las posibles coincidencias antes de registrar."))
        else:
            try:
                reception = services.reception_create(acting_user=request.user, members=members, **form.cleaned_data)
            except ApplicationError as error:
                _apply_service_error(error, form, formset, filled)
            else:
                messages.success(request, _("Unidad familiar registrada: %(n)s integrantes.") % {"n": len(filled)})
                return redirect("migrants_reception", pk=reception.pk)
    elif rows_ok and not filled:
        form.add_error(None, _("Registre al menos un integrante de la unidad familiar."))
    return render(request, "migrants/new.html", {"form": form, "formset": formset, "family_matches": warning})


NEW_PERSON = "nueva"


def _family_warning(request, form, filled, members) -> list[dict]:
    """The same family twice (issue 16 item 6): members who look like people already registered
    (within the officer's scope). Each such row needs a decision before anything is saved: «usar-<row>»
    = the id of one of its matches (that person is used, no new record) or «nueva»; «es_distinta»
    decides «nueva» for all. Returns the rows still undecided, with their matches (empty: go on).
    Showing the matches is an access to personal data: logged."""
    found = duplicates.family_matches(user=request.user, date=form.cleaned_data["date"],
                                      destination=form.cleaned_data["destination_municipality"], members=members)
    if not any(found) or request.POST.get("es_distinta"):
        return []
    rows, undecided = [], False
    for row_form, member, matches in zip(filled, members, found, strict=True):
        if not matches:
            continue
        choice = request.POST.get(f"usar-{row_form.prefix}", "")
        chosen = next((m.person for m in matches if str(m.person.pk) == choice), None)
        if chosen is not None:
            member.person = chosen
        elif choice != NEW_PERSON:
            undecided = True
        rows.append({"row": row_form.row_number, "prefix": row_form.prefix, "member": member, "matches": matches,
                     "choice": choice})
    if not undecided:
        return []
    log_access(request.user, AccessEvent.Action.SEARCH, model="registry.Person", posibles_duplicados="recepcion",
               shown=sorted({m.person.pk for row in rows for m in row["matches"]}))
    return rows


@login_required
@once_per_token  # a double-submitted form creates one record
def reception_detail(request, pk):
    require_personal_data(request.user)
    reception = reception_get(user=request.user, pk=pk)
    members = list(reception.members.all())
    form = ReferralForm(request.POST or None, members=members, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = next(m for m in members if m.pk == data["member"])
        try:
            services.reception_refer(reception=reception, member=member, date=data["date"], reason=data["reason"],
                                     destination_program=data["destination_program"],
                                     destination_institution=data["destination_institution"],
                                     acting_user=request.user)
        except ApplicationError as error:
            if error.field in ("destination_program", "destination_institution"):
                form.add_error("destination", error.message)
            elif error.field == "municipality":
                form.add_error(None, error.message)
            else:
                apply_error(form, error)
        else:
            messages.success(request, _("Derivación registrada."))
            return redirect("migrants_reception", pk=reception.pk)
    scope = scope_of(request.user)
    may_refer = scope.can_write and (scope.national or reception.destination_department_id in scope.department_ids)
    return render(request, "migrants/reception.html", {
        "reception": reception, "members": members, "form": form, "may_refer": may_refer,
        "referrals": migrant_referrals(user=request.user, reception_id=reception.pk),
    })


def migrant_referral_rows(request):
    """Referrals made from receptions for ?desde=&hasta=&estado= (page: first 200; export: all)."""
    start, end = period_from_request(request)
    status = request.GET.get("estado", "")
    return migrant_referrals(user=request.user, status=status if status in Referral.Status.values else "",
                             start=start, end=end)


@login_required
@personal_data_page
def referral_list_page(request):
    start, end = period_from_request(request)
    status = request.GET.get("estado", "")
    status = status if status in Referral.Status.values else ""
    referrals = list(migrant_referral_rows(request)[:200])
    log_access(request.user, AccessEvent.Action.SEARCH, model="programs.Referral", origin="migrants",
               shown=[r.pk for r in referrals])
    rows = [(r, reception_id_of(r)) for r in referrals]
    return render(request, "migrants/referrals.html", {
        "rows": rows, "start": start, "end": end, "status": status, "statuses": Referral.Status.choices})


def _migrant_referral(user, pk) -> Referral:
    referral = referral_get(user=user, pk=pk)
    if reception_id_of(referral) is None:
        raise NotFoundOrOutOfScope()
    return referral


@login_required
@once_per_token  # a double-submitted form creates one record
def referral_detail(request, pk):
    require_personal_data(request.user)
    referral = _migrant_referral(request.user, pk)
    log_access(request.user, AccessEvent.Action.VIEW, model="programs.Referral", object_id=referral.pk)
    decision, follow_up, saved = referral_actions(request, referral)
    if saved:
        return redirect("migrants_referral", pk=referral.pk)
    return render(request, "migrants/referral.html", {
        "referral": referral, "reception_id": reception_id_of(referral), "decision": decision,
        "follow_up": follow_up, "follow_ups": referral.follow_ups.select_related("recorded_by"),
        "can_write": scope_of(request.user).can_write,
    })


@login_required
def figures_page(request):
    start, end = period_from_request(request)
    data = figures.all_figures(user=request.user, start=start, end=end)
    data["tables"] = [(_("Por centro de recepción"), data["by_center"]),
                      (_("Por departamento de destino"), data["by_destination"])]
    return render(request, "migrants/figures.html", data)


@login_required
@require_safe
def reception_print(request, pk):
    """The reception record on paper (issue 16 item 10): the family and its members, center,
    date, care given, destination and referrals, with signature lines; A4, black and white.
    Same scope as the record's page; logged. Vulnerability reasons and notes stay on the screen."""
    require_personal_data(request.user)
    reception = reception_get(user=request.user, pk=pk, log=False)
    members = list(reception.members.all())
    log_access(request.user, AccessEvent.Action.VIEW, model="migrants.Reception", object_id=reception.pk,
               imprimir="recepcion", people=[m.person_id for m in members])
    return render(request, "migrants/print_reception.html", {
        "reception": reception, "members": members,
        "referrals": migrant_referrals(user=request.user, reception_id=reception.pk),
    })
