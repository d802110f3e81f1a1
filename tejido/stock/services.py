"""The only writers of stock: receive (purchase or donation), issue (a delivery), transfer
between offices. Each locks the level row with select_for_update, checks that the stock can
never go negative (now, and on the card from the movement's date onwards), and writes the
movement and the new level in one transaction."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.territory.models import Office
from tejido.territory.scope import require_write

from .models import Movement, Product, StockLevel

MAX_QUANTITY = 100_000


def check_office_in_scope(acting_user, office: Office, *, field: str = "office") -> None:
    """Writers move stock only at offices of their departments."""
    scope = require_write(acting_user)
    if scope.national or office.department_id in scope.department_ids:
        return
    raise ApplicationError(_("Esa sede está fuera de los departamentos que usted atiende."), field=field)


def _check_quantity(quantity) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1 or quantity > MAX_QUANTITY:
        raise ApplicationError(_("La cantidad debe ser un número entero entre 1 y 100,000."), field="quantity")


def _check_date(day) -> None:
    if not isinstance(day, dt.date):
        raise ApplicationError(_("Escriba la fecha."), field="date")
    if day > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field="date")


def _check_product(product) -> None:
    if not isinstance(product, Product) or not product.active:
        raise ApplicationError(_("Elija un producto del catálogo."), field="product")


def _locked_level(office: Office, product: Product) -> StockLevel:
    StockLevel.objects.get_or_create(office=office, product=product)
    return StockLevel.objects.select_for_update().get(office=office, product=product)


def available_on(office: Office, product: Product, day: dt.date) -> int:
    """Units that can leave on `day` without any point of the card going negative: the
    balance at the end of that day, lowered by any later exits already recorded."""
    moves = Movement.objects.filter(office=office, product=product)
    balance = moves.filter(date__lte=day).aggregate(n=Sum("delta"))["n"] or 0
    lowest = balance
    for delta in moves.filter(date__gt=day).order_by("date", "id").values_list("delta", flat=True):
        balance += delta
        lowest = min(lowest, balance)
    return max(lowest, 0)


def _take(office: Office, product: Product, quantity: int, day: dt.date) -> StockLevel:
    level = _locked_level(office, product)
    available = min(level.quantity, available_on(office, product, day))
    if quantity > available:
        raise ApplicationError(
            _("No hay suficientes existencias de %(product)s en %(office)s: disponibles %(n)s, solicitadas "
              "%(q)s.") % {"product": product.name, "office": office.name, "n": available, "q": quantity},
            field="quantity", extra={"available": available})
    level.quantity -= quantity
    return level


def _save(level: StockLevel, movement: Movement) -> Movement:
    try:
        with transaction.atomic():
            level.save(update_fields=["quantity", "updated_at"])
            movement.save()
    except IntegrityError:  # the CHECK constraint: never reached when the lock is held
        raise ApplicationError(_("Las existencias no pueden quedar en negativo."), field="quantity") from None
    return movement


def _text(value: str, limit: int, field: str) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).") % {"n": limit}, field=field)
    return value


@transaction.atomic
def receive(*, office: Office, product: Product, quantity: int, date: dt.date, origin: str, reference: str,
            acting_user, note: str = "") -> Movement:
    """An entry: a purchase or a donation, with its document number."""
    check_office_in_scope(acting_user, office)
    _check_product(product)
    _check_quantity(quantity)
    _check_date(date)
    if origin not in Movement.Origin.values:
        raise ApplicationError(_("Indique si es compra o donación."), field="origin")
    reference = _text(reference, 60, "reference")
    if not reference:
        raise ApplicationError(_("Escriba el número de documento (factura, acta de donación...)."),
                               field="reference")
    level = _locked_level(office, product)
    level.quantity += quantity
    return _save(level, Movement(office=office, department_id=office.department_id, product=product,
                                 kind=Movement.Kind.ENTRY, origin=origin, date=date, delta=quantity,
                                 reference=reference, note=_text(note, 250, "note"), created_by=acting_user))


@transaction.atomic
def issue(*, office: Office, product: Product, quantity: int, date: dt.date, acting_user, reference: str = "",
          note: str = "", delivery=None) -> Movement:
    """An exit for a delivery. Refused, with the available quantity, if the stock is short."""
    check_office_in_scope(acting_user, office)
    _check_product(product)
    _check_quantity(quantity)
    _check_date(date)
    level = _take(office, product, quantity, date)
    return _save(level, Movement(office=office, department_id=office.department_id, product=product,
                                 kind=Movement.Kind.EXIT, date=date, delta=-quantity,
                                 reference=_text(reference, 60, "reference"), note=_text(note, 250, "note"),
                                 delivery=delivery, created_by=acting_user))


@transaction.atomic
def transfer(*, source: Office, destination: Office, product: Product, quantity: int, date: dt.date, acting_user,
             reference: str = "", note: str = "") -> tuple[Movement, Movement]:
    """Send units from one office to another: two paired movements, or nothing."""
    check_office_in_scope(acting_user, source, field="office")
    check_office_in_scope(acting_user, destination, field="destination")
    if source.pk == destination.pk:
        raise ApplicationError(_("La sede de destino debe ser distinta de la de origen."), field="destination")
    _check_product(product)
    _check_quantity(quantity)
    _check_date(date)
    reference, note = _text(reference, 60, "reference"), _text(note, 250, "note")
    # Lock both rows in a fixed order so two opposite transfers cannot deadlock.
    for office in sorted([source, destination], key=lambda o: o.pk):
        _locked_level(office, product)
    out_level = _take(source, product, quantity, date)
    out = _save(out_level, Movement(office=source, department_id=source.department_id, product=product,
                                    kind=Movement.Kind.TRANSFER_OUT, date=date, delta=-quantity,
                                    reference=reference, note=note, other_office=destination,
                                    created_by=acting_user))
    in_level = _locked_level(destination, product)
    in_level.quantity += quantity
    incoming = _save(in_level, Movement(office=destination, department_id=destination.department_id,
                                        product=product, kind=Movement.Kind.TRANSFER_IN, date=date, delta=quantity,
                                        reference=reference, note=note, other_office=source, pair=out,
                                        created_by=acting_user))
    out.pair = incoming
    out.save(update_fields=["pair"])
    return out, incoming
