"""Donation pages: the list with period filter and totals, a donation with its items on one
screen (formset), the detail with balances, documents and distributions, the distribution
form and the scoped document download."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.programs.views import period_from_request
from tejido.registry.selectors import person_get
from tejido.reliability.tokens import once_per_token
from tejido.stock.selectors import office_list
from tejido.territory.scope import require_write, scope_of
from tejido.web.forms import apply_error
from tejido.web.returning import chosen_person

from . import figures, selectors, services
from .forms import DistributionForm, DonationForm, ItemFormSet


def _can_write_at(user, office) -> bool:
    scope = scope_of(user)
    return scope.can_write and (scope.national or office.department_id in scope.department_ids)


def donation_rows(request):
    """Donations for ?desde=&hasta=&pendientes=1, newest first: the page and its export."""
    start, end = period_from_request(request)
    return selectors.donation_list(user=request.user, start=start, end=end,
                                   pending=request.GET.get("pendientes") == "1").order_by("-received_on", "-id")


def item_rows(request, pk) -> list:
    """The goods of a donation in scope with what was distributed and the balance left."""
    return selectors.donation_items(selectors.donation_get(user=request.user, pk=pk))


def distribution_rows(request, pk):
    """The distributions of a donation in scope, oldest first, as its page lists them."""
    donation = selectors.donation_get(user=request.user, pk=pk)
    return selectors.distribution_list(user=request.user, donation_id=donation.pk).order_by("date", "id")


@login_required
def home(request):
    start, end = period_from_request(request)
    pending = request.GET.get("pendientes") == "1"
    donations = list(donation_rows(request))
    scope = scope_of(request.user)
    open_ids = set(selectors.pending_items().filter(donation_id__in=[d.pk for d in donations])
                   .values_list("donation_id", flat=True))
    for donation in donations:
        donation.has_balance = donation.pk in open_ids
    return render(request, "donations/home.html", {
        "donations": donations, "start": start, "end": end, "pending": pending,
        "table": figures.received_table(user=request.user, start=start, end=end),
        "total": sum(d.value for d in donations),
        "by_kind": figures.value_by_donor_kind(user=request.user, start=start, end=end),
        "by_category": figures.value_by_category(user=request.user, start=start, end=end),
        "can_write": scope.can_write and (scope.national or bool(scope.department_ids)),
    })


def _apply_item_error(form, formset, positions, error: ApplicationError) -> None:
    """Errors named "items.<i>.<field>" belong to the i-th filled row of the formset."""
    parts = (error.field or "").split(".")
    if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit() and int(parts[1]) < len(positions):
        row = formset.forms[positions[int(parts[1])]]
        row.add_error(parts[2] if parts[2] in row.fields else None, error.message)
    elif error.field == "items":
        form.add_error(None, error.message)
    else:
        apply_error(form, error)


@login_required
@once_per_token  # a double-submitted form creates one record
def create(request):
    require_write(request.user)
    offices = office_list(user=request.user).order_by("name")
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = DonationForm(data, files, offices=offices, initial={"received_on": timezone.localdate()})
    formset = ItemFormSet(data, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        positions = [i for i, f in enumerate(formset.forms) if f.has_changed()]
        items = [formset.forms[i].cleaned_data for i in positions]
        cd = form.cleaned_data
        try:
            donation = services.donation_create(
                office=cd["office"], received_on=cd["received_on"], items=items, acting_user=request.user,
                donor=cd["donor"], donor_name=cd["donor_name"], donor_kind=cd["donor_kind"],
                certificate_number=cd["certificate_number"], certificate=cd["certificate"],
                invoice=cd["invoice"], note=cd["note"])
        except ApplicationError as error:
            _apply_item_error(form, formset, positions, error)
        else:
            messages.success(request, _("Donación %(code)s registrada.") % {"code": donation.code})
            return redirect("donations_detail", pk=donation.pk)
    return render(request, "donations/create.html", {"form": form, "formset": formset})


@login_required
def detail(request, pk):
    donation = selectors.donation_get(user=request.user, pk=pk)
    items = item_rows(request, pk)
    distributions = list(distribution_rows(request, pk))
    sees_names = scope_of(request.user).sees_personal_data
    named = [d.person_id for d in distributions if d.person_id]
    if sees_names and named:
        log_access(request.user, "view", model="donations.Donation", object_id=donation.pk, people=named)
    return render(request, "donations/detail.html", {
        "donation": donation, "items": items, "totals": selectors.donation_balance(items),
        "distributions": distributions, "sees_names": sees_names,
        "can_write": _can_write_at(request.user, donation.office),
    })


@login_required
@once_per_token  # a double-submitted form creates one record
def distribute(request, pk):
    donation = selectors.donation_get(user=request.user, pk=pk)
    if not _can_write_at(request.user, donation.office):
        require_write(request.user)
        raise NotFoundOrOutOfScope()
    items = selectors.items_with_balance(donation.items.select_related("product"))
    initial = {"date": timezone.localdate(), "item": request.GET.get("bien") or None}
    # Back from «Registrar persona» (?persona=<id>): the new beneficiary is already chosen.
    chosen = chosen_person(request) if request.method != "POST" else None
    if chosen:
        initial.update(person_id=chosen.pk, kind="beneficiario")
    form = DistributionForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        cd = dict(form.cleaned_data)
        person_id = cd.pop("person_id")
        try:
            person = None
            if person_id and cd["kind"] == "beneficiario":
                try:
                    person = person_get(user=request.user, pk=person_id)
                except NotFoundOrOutOfScope:
                    raise ApplicationError(_("No se encontró la persona o no tiene acceso a ella."),
                                           field="person_id") from None
            services.distribute(acting_user=request.user, person=person, **cd)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Distribución registrada."))
            return redirect("donations_detail", pk=donation.pk)
    return render(request, "donations/distribute.html", {"donation": donation, "form": form, "chosen": chosen})


@login_required
def document(request, pk, kind):
    """Documents are never served from MEDIA_URL: only here, in scope, logged, as attachment."""
    donation = selectors.donation_get(user=request.user, pk=pk)
    field = services.DOCUMENT_FIELDS.get(kind)
    upload = getattr(donation, field) if field else None
    if not upload:
        raise NotFoundOrOutOfScope()
    log_access(request.user, "view", model="donations.Donation", object_id=donation.pk, document=field)
    return FileResponse(upload.open("rb"), as_attachment=True,
                        filename=f"{donation.code}-{kind}{os.path.splitext(upload.name)[1].lower()}")




@login_required
@require_safe
def print_delivery(request, pk):
    """The delivery record of a donation's distributions on paper (issue 16 item 10): the goods,
    quantities and recipients, with signature lines; A4, black and white. `?constancia=` prints
    one delivery (the distributions with that receipt number). Same scope as the donation's
    page: planners see «(persona registrada)» instead of beneficiaries' names; names shown are
    logged."""
    donation = selectors.donation_get(user=request.user, pk=pk)
    distributions = list(distribution_rows(request, pk).select_related("item"))
    receipt = request.GET.get("constancia", "").strip()[:40]
    if receipt:
        distributions = [d for d in distributions if d.receipt == receipt]
    sees_names = scope_of(request.user).sees_personal_data
    named = [d.person_id for d in distributions if d.person_id] if sees_names else []
    log_access(request.user, "view", model="donations.Donation", object_id=donation.pk, imprimir="acta-entrega",
               constancia=receipt, people=named)
    return render(request, "donations/print_delivery.html", {
        "donation": donation, "distributions": distributions, "receipt": receipt, "sees_names": sees_names,
        "total": sum(d.quantity for d in distributions),
        "receipts": sorted({d.receipt for d in distributions}),
    })
