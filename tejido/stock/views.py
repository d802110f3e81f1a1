"""Stock pages, mounted under /servicio-social/existencias/: stock by office, an office's
stock with the entry and transfer forms, and the stock card."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.programs.views import parse_date
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import scope_of
from tejido.web.forms import apply_error

from . import selectors, services
from .forms import EntryForm, TransferForm


def _can_write_at(user, office) -> bool:
    scope = scope_of(user)
    return scope.can_write and (scope.national or office.department_id in scope.department_ids)


@login_required
def stock_home(request):
    return render(request, "stock/home.html", {"table": selectors.stock_table(user=request.user)})


def office_movement_rows(request, pk):
    """Every movement of an office in scope, newest first: the page shows the latest 20."""
    office = selectors.office_get(user=request.user, pk=pk)
    return selectors.movement_list(user=request.user, office_id=office.pk).order_by("-date", "-id")


@login_required
@once_per_token  # a double-submitted form creates one record
def office_stock(request, pk):
    office = selectors.office_get(user=request.user, pk=pk)
    can_write = _can_write_at(request.user, office)
    today = timezone.localdate()
    destinations = selectors.office_list(user=request.user).exclude(pk=office.pk).order_by("name")
    entry = EntryForm(request.POST if request.POST.get("form") == "entrada" else None, prefix="entrada",
                      initial={"date": today})
    move = TransferForm(request.POST if request.POST.get("form") == "traslado" else None, prefix="traslado",
                        initial={"date": today}, destinations=destinations)
    if request.method == "POST" and can_write:
        form = entry if request.POST.get("form") == "entrada" else move
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if form is entry:
                    services.receive(office=office, acting_user=request.user, **data)
                    messages.success(request, _("Entrada registrada."))
                else:
                    services.transfer(source=office, acting_user=request.user, **data)
                    messages.success(request, _("Traslado registrado."))
            except ApplicationError as error:
                apply_error(form, error)
            else:
                return redirect("stock_office", pk=office.pk)
    recent = office_movement_rows(request, office.pk)[:20]
    return render(request, "stock/office.html", {
        "office": office, "levels": selectors.office_levels(office), "entry": entry, "move": move,
        "can_write": can_write, "recent": recent,
    })


def card_for(request, pk, code) -> dict:
    """The stock card for ?desde=&hasta=, shared by the page and its export."""
    office = selectors.office_get(user=request.user, pk=pk)
    product = selectors.product_get(code)
    start = parse_date(request.GET.get("desde"), None)
    end = parse_date(request.GET.get("hasta"), None)
    return selectors.card(user=request.user, office=office, product=product, start=start, end=end)


@login_required
def stock_card(request, pk, code):
    return render(request, "stock/card.html", {"card": card_for(request, pk, code)})
