"""The only writers of donations: register a donation with its items (stock products enter
the receiving office's stock in the same transaction) and distribute an item (a stock exit for
stock products, a program delivery for beneficiaries). Everything or nothing is saved."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.programs.deliveries import delivery_create
from tejido.registry.models import Person
from tejido.registry.selectors import PERSON_SCOPE
from tejido.stock import services as stock
from tejido.stock.models import Movement, Product
from tejido.territory.models import Office
from tejido.territory.scope import restrict

from .documents import check_upload
from .models import Category, Distribution, Donation, DonationItem, Donor

MAX_QUANTITY = stock.MAX_QUANTITY
MAX_VALUE = Decimal("999999999999.99")
# Delivery.item for a donated good that is not a catalogue product.
DONATED_ITEM = "donacion"


def _text(value, limit: int, field: str, *, required: str = "") -> str:
    value = " ".join(str(value or "").split())
    if required and not value:
        raise ApplicationError(required, field=field)
    if len(value) > limit:
        raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).") % {"n": limit}, field=field)
    return value


def _check_date(day, field: str) -> None:
    if not isinstance(day, dt.date):
        raise ApplicationError(_("Escriba la fecha."), field=field)
    if day > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field=field)
    if day.year < 2000:
        raise ApplicationError(_("La fecha es demasiado antigua."), field=field)


def _check_quantity(quantity, field: str) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
        raise ApplicationError(_("La cantidad debe ser un número entero entre 1 y 100,000."), field=field)


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("Escriba el valor en quetzales (por ejemplo 1500.00)."), field=field) from None
    if not amount.is_finite() or amount < 0:
        raise ApplicationError(_("El valor no puede ser negativo."), field=field)
    if amount > MAX_VALUE or amount != amount.quantize(Decimal("0.01")):
        raise ApplicationError(_("El valor debe tener como máximo dos decimales y doce cifras enteras."),
                               field=field)
    return amount


@transaction.atomic
def donor_get_or_create(*, name: str, kind: str, acting_user) -> Donor:
    """Donors are reused across donations: the same name (ignoring case) is the same donor."""
    name = _text(name, 200, "donor_name", required=_("Elija el donante o escriba el nombre de uno nuevo."))
    existing = Donor.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    if kind not in Donor.Kind.values:
        raise ApplicationError(_("Indique el tipo de donante (nacional, internacional, privado o gobierno)."),
                               field="donor_kind")
    donor = Donor(name=name, kind=kind, created_by=acting_user)
    save_with_history(donor, acting_user=acting_user)
    return donor


def _clean_items(items) -> list[dict]:
    if not items:
        raise ApplicationError(_("Registre al menos un bien donado."), field="items")
    if len(items) > 200:
        raise ApplicationError(_("Una donación tiene como máximo 200 renglones."), field="items")
    clean = []
    for i, raw in enumerate(items):
        def field(name, i=i):
            return f"items.{i}.{name}"
        product = raw.get("product")
        if product is not None and (not isinstance(product, Product) or not product.active):
            raise ApplicationError(_("Elija un producto del catálogo."), field=field("product"))
        description = _text(raw.get("description"), 250, field("description"),
                            required=_("Describa el bien donado."))
        quantity = raw.get("quantity")
        _check_quantity(quantity, field("quantity"))
        unit = _text(raw.get("unit"), 40, field("unit")) or (product.unit if product else "")
        if not unit:
            raise ApplicationError(_("Escriba la unidad (unidad, caja, paquete...)."), field=field("unit"))
        category = raw.get("category")
        if category not in Category.values:
            raise ApplicationError(
                _("Elija la categoría: propiedad, planta y equipo o materiales y suministros."),
                field=field("category"))
        clean.append({"description": description, "quantity": quantity, "unit": unit, "category": category,
                      "value": _money(raw.get("value"), field("value")), "product": product, "order": i + 1})
    return clean


@transaction.atomic
def donation_create(*, office: Office, received_on: dt.date, items: list[dict], acting_user, donor: Donor | None = None,
                    donor_name: str = "", donor_kind: str = "", certificate_number: str = "", certificate=None,
                    invoice=None, note: str = "") -> Donation:
    """Register a donation received at `office`. Items with a stock product enter the office's
    stock on the reception date, with the donation's code as the stock card's reference."""
    if not isinstance(office, Office):
        raise ApplicationError(_("Elija la sede que recibe la donación."), field="office")
    stock.check_office_in_scope(acting_user, office)
    _check_date(received_on, "received_on")
    clean_items = _clean_items(items)
    certificate_number = _text(certificate_number, 40, "certificate_number")
    note = _text(note, 250, "note")
    for upload, name in ((certificate, "certificate"), (invoice, "invoice")):
        if upload:
            check_upload(upload, name)
    if donor is None:
        donor = donor_get_or_create(name=donor_name, kind=donor_kind, acting_user=acting_user)
    donation = Donation(donor=donor, received_on=received_on, office=office, department_id=office.department_id,
                        certificate_number=certificate_number, note=note, created_by=acting_user)
    if certificate:
        donation.certificate = certificate
    if invoice:
        donation.invoice = invoice
    save_with_history(donation, acting_user=acting_user, reason=_("Donación recibida"))
    reference = f"{_('Donación')} {donation.code}"
    if certificate_number:
        reference = f"{reference} ({certificate_number})"[:60]
    for i, data in enumerate(clean_items):
        item = DonationItem.objects.create(donation=donation, **data)
        if item.product is not None:
            try:
                item.entry = stock.receive(office=office, product=item.product, quantity=item.quantity,
                                           date=received_on, origin=Movement.Origin.DONATION, reference=reference,
                                           note=item.description, acting_user=acting_user)
            except ApplicationError as error:
                error.field = f"items.{i}.{error.field}" if error.field in {"quantity", "product"} else error.field
                raise
            item.save(update_fields=["entry"])
    return donation


def distributed(item: DonationItem) -> int:
    return item.distributions.aggregate(n=Sum("quantity"))["n"] or 0


def balance(item: DonationItem) -> int:
    return item.quantity - distributed(item)


@transaction.atomic
def distribute(*, item: DonationItem, kind: str, date: dt.date, quantity: int, receipt: str, acting_user,
               program: str = "", office: Office | None = None, person: Person | None = None,
               note: str = "") -> Distribution:
    """Hand out part of a donated item. The item row is locked so two distributions at once
    cannot both take the last units; more than the balance is refused and nothing is saved."""
    # Lock the item row alone: PostgreSQL refuses FOR UPDATE across the nullable product join.
    DonationItem.objects.select_for_update().filter(pk=item.pk).values_list("pk", flat=True).get()
    item = DonationItem.objects.select_related("donation__office", "product").get(pk=item.pk)
    donation = item.donation
    stock.check_office_in_scope(acting_user, donation.office, field="item")
    if kind not in Distribution.Kind.values:
        raise ApplicationError(_("Indique el destino: un programa, una sede o un beneficiario."), field="kind")
    if kind in (Distribution.Kind.PROGRAM, Distribution.Kind.BENEFICIARY) and program not in Program.values:
        raise ApplicationError(_("Elija el programa que recibe o entrega el bien."), field="program")
    if kind == Distribution.Kind.OFFICE:
        if not isinstance(office, Office):
            raise ApplicationError(_("Elija la sede de destino."), field="office")
    else:
        office = None
    if kind != Distribution.Kind.BENEFICIARY:
        person = None
    elif person is not None and not restrict(Person.objects.filter(pk=person.pk), acting_user,
                                             **PERSON_SCOPE).exists():
        raise ApplicationError(_("No se encontró la persona o no tiene acceso a ella."), field="person")
    _check_date(date, "date")
    if date < donation.received_on:
        raise ApplicationError(_("La fecha es anterior a la recepción de la donación (%(d)s).")
                               % {"d": donation.received_on.strftime("%d/%m/%Y")}, field="date")
    _check_quantity(quantity, "quantity")
    left = balance(item)
    if quantity > left:
        raise ApplicationError(_("La cantidad supera el saldo de la donación: quedan %(n)s.") % {"n": left},
                               field="quantity", extra={"balance": left})
    receipt = _text(receipt, 40, "receipt", required=_("Escriba el número de constancia o recibo."))
    note = _text(note, 250, "note")
    delivery = None
    if kind == Distribution.Kind.BENEFICIARY:
        delivery = delivery_create(program=program, item=item.product.code if item.product else DONATED_ITEM,
                                   quantity=quantity, date=date, municipality=donation.office.municipality,
                                   person=person, receipt=receipt, note=note or item.description,
                                   acting_user=acting_user)
    distribution = Distribution(item=item, department_id=donation.department_id, kind=kind,
                                program=program if kind != Distribution.Kind.OFFICE else "", office=office,
                                person=person, date=date, quantity=quantity, receipt=receipt, note=note,
                                delivery=delivery, created_by=acting_user)
    if item.product is not None:
        distribution.exit = stock.issue(
            office=donation.office, product=item.product, quantity=quantity, date=date, reference=receipt,
            note=_text(f"{_('Donación')} {donation.code} → {distribution.destination}", 250, "note"),
            delivery=delivery, acting_user=acting_user)
    save_with_history(distribution, acting_user=acting_user)
    return distribution


DOCUMENT_FIELDS = {"certificado": "certificate", "factura": "invoice"}


@transaction.atomic
def attach_document(*, donation: Donation, kind: str, upload, acting_user) -> Donation:
    """Attach (or replace) the certificate or the invoice of a donation."""
    stock.check_office_in_scope(acting_user, donation.office, field="file")
    field = DOCUMENT_FIELDS.get(kind)
    if field is None:
        raise ApplicationError(_("El documento es «certificado» o «factura»."), field="kind")
    if not upload:
        raise ApplicationError(_("Adjunte el archivo."), field="file")
    check_upload(upload, "file")
    setattr(donation, field, upload)
    save_with_history(donation, acting_user=acting_user, reason=_("Documento adjunto"))
    return donation
