"""Stock endpoints, added to the social service router (/api/v1/servicio-social/existencias...):
levels, the stock card, entries and transfers, through the same selectors and services."""

import datetime as dt
from typing import Literal

from ninja import Field, Router, Schema, Status

from tejido.api.types import Id, StrictCount

from . import selectors, services
from .models import Movement


class ProductOut(Schema):
    code: str
    name: str
    unit: str


class LevelOut(Schema):
    office_id: int
    office: str = Field(alias="office.name")
    product: str = Field(alias="product.code")
    quantity: int


class MovementOut(Schema):
    id: int
    office_id: int
    product: str = Field(alias="product.code")
    kind: str
    origin: str
    date: dt.date
    delta: int
    reference: str
    other_office_id: int | None
    delivery_id: int | None


class CardRow(Schema):
    movement: MovementOut
    balance: int


class CardOut(Schema):
    office_id: int
    product: str
    opening: int
    closing: int
    received: int
    issued: int
    rows: list[CardRow]


class EntryIn(Schema):
    office_id: Id
    product: str = Field(max_length=40, description="Código del producto (silla_ruedas, muletas...)")
    quantity: StrictCount
    date: dt.date
    origin: Literal[tuple(Movement.Origin.values)]
    reference: str = Field(max_length=60)
    note: str = Field("", max_length=250)


class TransferIn(Schema):
    office_id: Id
    destination_office_id: Id
    product: str = Field(max_length=40)
    quantity: StrictCount
    date: dt.date
    reference: str = Field("", max_length=60)
    note: str = Field("", max_length=250)


def add_stock_endpoints(router: Router) -> Router:
    @router.get("/productos", response=list[ProductOut], summary="Catálogo de productos")
    def product_list(request):
        return selectors.products()

    @router.get("/existencias", response=list[LevelOut], summary="Existencias por sede (en su territorio)")
    def levels(request, sede: Id | None = None):
        return selectors.level_list(user=request.auth, office_id=sede).order_by("office__name", "product__order")

    @router.get("/existencias/{office_id}/{product}/tarjeta", response=CardOut,
                summary="Tarjeta de existencias de un producto en una sede")
    def stock_card(request, office_id: Id, product: str, desde: dt.date | None = None, hasta: dt.date | None = None):
        office = selectors.office_get(user=request.auth, pk=office_id)
        card = selectors.card(user=request.auth, office=office, product=selectors.product_get(product), start=desde,
                              end=hasta)
        return {**card, "office_id": office.pk, "product": card["product"].code}

    @router.post("/existencias/entradas", response={201: MovementOut}, summary="Registrar entrada (compra o donación)")
    def entry(request, payload: EntryIn):
        office = selectors.office_get(user=request.auth, pk=payload.office_id)
        data = payload.dict(exclude={"office_id", "product"})
        return Status(201, services.receive(office=office, product=selectors.product_get(payload.product),
                                            acting_user=request.auth, **data))

    @router.post("/existencias/traslados", response={201: list[MovementOut]}, summary="Trasladar entre sedes")
    def transfer(request, payload: TransferIn):
        source = selectors.office_get(user=request.auth, pk=payload.office_id)
        destination = selectors.office_get(user=request.auth, pk=payload.destination_office_id)
        moves = services.transfer(source=source, destination=destination, acting_user=request.auth,
                                  product=selectors.product_get(payload.product), quantity=payload.quantity,
                                  date=payload.date, reference=payload.reference, note=payload.note)
        return Status(201, list(moves))

    return router
