"""/api/v1/donaciones: donations (list, detail with items, balances and distributions),
register a donation with its items, distribute an item, upload a document. Same services and
scoped selectors as the pages; documents are downloaded from the page (scoped, logged)."""

import datetime as dt
from decimal import Decimal

from ninja import Field, File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from tejido.api.pagination import CappedPagination
from tejido.api.types import Id, StrictCount
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.registry.selectors import person_get
from tejido.stock.models import Product
from tejido.stock.selectors import office_get
from tejido.territory.models import Office
from tejido.territory.scope import require_write, scope_of

from . import selectors, services
from .models import Donor

router = Router()


class ItemIn(Schema):
    description: str = Field(max_length=250)
    quantity: StrictCount
    unit: str = Field("", max_length=40)
    category: str = Field(description="propiedad (propiedad, planta y equipo) o materiales (materiales y suministros)")
    value: Decimal = Field(description="Valor en quetzales, >= 0, dos decimales.")
    product: str = Field("", max_length=40, description="Código del producto del inventario (silla_ruedas, ...).")


class DonationIn(Schema):
    donor_id: Id | None = None
    donor_name: str = Field("", max_length=200)
    donor_kind: str = Field("", description="nacional, internacional, privado o gobierno (donante nuevo)")
    received_on: dt.date
    office_id: Id
    certificate_number: str = Field("", max_length=40)
    note: str = Field("", max_length=250)
    items: list[ItemIn]


class ItemOut(Schema):
    id: int
    description: str
    quantity: int
    unit: str
    category: str
    value: Decimal
    product: str | None = Field(None, alias="product.code")
    distributed: int
    balance: int


class DonationOut(Schema):
    id: int
    code: str
    donor_id: int
    donor: str = Field(alias="donor.name")
    donor_kind: str = Field(alias="donor.kind")
    received_on: dt.date
    office_id: int
    department_id: int
    value: Decimal
    has_certificate: bool
    has_invoice: bool

    @staticmethod
    def resolve_has_certificate(obj) -> bool:
        return bool(obj.certificate)

    @staticmethod
    def resolve_has_invoice(obj) -> bool:
        return bool(obj.invoice)


class DistributionOut(Schema):
    id: int
    item_id: int
    kind: str
    program: str
    office_id: int | None
    person_id: int | None
    date: dt.date
    quantity: int
    receipt: str
    stock_movement_id: int | None = Field(None, alias="exit_id")
    delivery_id: int | None

    @staticmethod
    def resolve_person_id(obj, context) -> int | None:
        # Planning staff see that a person received it, never who.
        return obj.person_id if scope_of(context["request"].auth).sees_personal_data else None


class DonationDetailOut(DonationOut):
    certificate_number: str
    note: str
    items: list[ItemOut] = Field(alias="item_rows")
    balance: int
    distributions: list[DistributionOut] = Field(alias="distribution_rows")


class DistributionIn(Schema):
    item_id: Id
    kind: str = Field(description="programa, sede o beneficiario")
    program: str = Field("", max_length=20)
    office_id: Id | None = None
    person_id: Id | None = None
    date: dt.date
    quantity: StrictCount
    receipt: str = Field(max_length=40)
    note: str = Field("", max_length=250)


def _detail(user, donation):
    """The donation with its items, balances and distributions as attributes for the schema."""
    items = selectors.donation_items(donation)
    totals = selectors.donation_balance(items)
    distributions = list(selectors.distribution_list(user=user, donation_id=donation.pk))
    named = [d.person_id for d in distributions if d.person_id]
    if named and scope_of(user).sees_personal_data:
        log_access(user, "api", model="donations.Donation", object_id=donation.pk, people=named)
    donation.value, donation.balance = totals["value"], totals["balance"]
    donation.item_rows, donation.distribution_rows = items, distributions
    return donation


@router.get("", response=list[DonationOut], summary="Donaciones (en su territorio)")
@paginate(CappedPagination)
def donation_list(request, desde: dt.date | None = None, hasta: dt.date | None = None, pendientes: bool = False):
    return selectors.donation_list(user=request.auth, start=desde, end=hasta, pending=pendientes).order_by(
        "-received_on", "-id")


@router.get("/{donation_id}", response=DonationDetailOut, summary="Donación con bienes, saldos y distribuciones")
def donation_detail(request, donation_id: Id):
    return _detail(request.auth, selectors.donation_get(user=request.auth, pk=donation_id))


def _product(code: str, index: int):
    if not code:
        return None
    product = Product.objects.filter(code=code, active=True).first()
    if product is None:
        raise ApplicationError("Elija un producto del catálogo.", field=f"items.{index}.product")
    return product


@router.post("", response={201: DonationDetailOut}, summary="Registrar donación con sus bienes")
def donation_create(request, payload: DonationIn):
    require_write(request.auth)
    try:
        office = office_get(user=request.auth, pk=payload.office_id)
    except NotFoundOrOutOfScope:
        raise ApplicationError("Elija una sede de su territorio.", field="office_id") from None
    donor = None
    if payload.donor_id is not None:
        donor = Donor.objects.filter(pk=payload.donor_id).first()
        if donor is None:
            raise ApplicationError("No existe ese donante.", field="donor_id")
    items = [{**item.dict(), "product": _product(item.product, i)} for i, item in enumerate(payload.items)]
    donation = services.donation_create(
        office=office, received_on=payload.received_on, items=items, acting_user=request.auth, donor=donor,
        donor_name=payload.donor_name, donor_kind=payload.donor_kind,
        certificate_number=payload.certificate_number, note=payload.note)
    return Status(201, _detail(request.auth, selectors.donation_get(user=request.auth, pk=donation.pk)))


@router.post("/{donation_id}/distribuciones", response={201: DistributionOut}, summary="Distribuir un bien donado")
def distribution_create(request, donation_id: Id, payload: DistributionIn):
    require_write(request.auth)
    donation = selectors.donation_get(user=request.auth, pk=donation_id)
    item = donation.items.filter(pk=payload.item_id).first()
    if item is None:
        raise ApplicationError("Ese bien no pertenece a esta donación.", field="item_id")
    office = None
    if payload.office_id is not None:
        office = Office.objects.filter(pk=payload.office_id).first()
        if office is None:
            raise ApplicationError("No existe esa sede.", field="office_id")
    person = None
    if payload.person_id is not None and payload.kind == "beneficiario":
        try:
            person = person_get(user=request.auth, pk=payload.person_id, log=False)
        except NotFoundOrOutOfScope:
            raise ApplicationError("No se encontró la persona o no tiene acceso a ella.", field="person_id") from None
    d = services.distribute(item=item, kind=payload.kind, program=payload.program, office=office, person=person,
                            date=payload.date, quantity=payload.quantity, receipt=payload.receipt,
                            note=payload.note, acting_user=request.auth)
    return Status(201, d)


@router.post("/{donation_id}/documentos/{kind}", response=DonationDetailOut,
             summary="Adjuntar certificado (certificado) o factura (factura): PDF, JPEG o PNG hasta 10 MB")
def document_upload(request, donation_id: Id, kind: str, file: File[UploadedFile]):
    require_write(request.auth)
    donation = selectors.donation_get(user=request.auth, pk=donation_id)
    services.attach_document(donation=donation, kind=kind, upload=file, acting_user=request.auth)
    return _detail(request.auth, selectors.donation_get(user=request.auth, pk=donation_id))
