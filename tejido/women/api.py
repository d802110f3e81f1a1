"""/api/v1/mujer: enrolments, exit, roll (shared endpoints) and the program's own endpoints:
productive units, trainings, commercial events with sales, monthly income and figures."""

import datetime as dt
from decimal import Decimal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.pagination import CappedPagination
from tejido.api.types import MAX_INT, Id
from tejido.programs.api import add_program_endpoints
from tejido.programs.selectors import program_center_get
from tejido.registry.selectors import person_get
from tejido.reliability.locking import Replace
from tejido.territory.models import Municipality
from tejido.territory.scope import require_personal_data

from . import figures, selectors, services
from .site import CENTER_KINDS, SITE

# The shared endpoints apply the women's rules (women only; girls under 13 with "confirmed")
# through SITE.enrol_service.
router = add_program_endpoints(Router(), SITE)


class UnitIn(Schema):
    name: str = Field(max_length=150)
    municipality_id: Id
    product_line: str = Field(max_length=40)
    opened_on: dt.date | None = None


class UnitOut(Schema):
    id: int
    name: str
    municipality_id: int
    department_id: int
    product_line: str
    active_people: int = 0


@router.get("/unidades", response=list[UnitOut], summary="Unidades productivas (en su territorio)")
@paginate(CappedPagination)
def units(request):
    return selectors.unit_list(user=request.auth)


def _municipality(pk: int) -> Municipality:
    from tejido.common.errors import ApplicationError

    municipality = Municipality.objects.filter(pk=pk).first()
    if municipality is None:
        raise ApplicationError("Municipio desconocido.", field="municipality_id")
    return municipality


@router.post("/unidades", response={201: UnitOut}, summary="Registrar una unidad productiva")
def unit_create(request, payload: UnitIn):
    unit = services.unit_create(acting_user=request.auth, municipality=_municipality(payload.municipality_id),
                                name=payload.name, product_line=payload.product_line, opened_on=payload.opened_on)
    return Status(201, unit)


class TrainingIn(Schema):
    training_kind: str = Field(max_length=24)
    product_line: str = Field("", max_length=40)
    topic: str = Field("", max_length=250)
    partner: str = Field("", max_length=150)
    date: dt.date
    municipality_id: Id
    center_id: Id | None = None
    participant_ids: list[Id] = []
    unnamed_participants: int = Field(0, ge=0, le=MAX_INT)


class EventOut(Schema):
    id: int
    date: dt.date
    topic: str
    partner: str
    municipality_id: int
    department_id: int
    center_id: int | None
    unnamed_participants: int
    people: int = 0


class TrainingOut(EventOut):
    training_kind: str = Field("", alias="women_training.training_kind")
    product_line: str = Field("", alias="women_training.product_line")


@router.get("/capacitaciones", response=list[TrainingOut], summary="Capacitaciones de un periodo")
@paginate(CappedPagination)
def trainings(request, desde: dt.date, hasta: dt.date):
    return selectors.training_list(user=request.auth, start=desde, end=hasta)


def _people(user, ids):
    return [person_get(user=user, pk=pk, log=False) for pk in ids]


@router.post("/capacitaciones", response={201: TrainingOut}, summary="Registrar una capacitación")
def training_create(request, payload: TrainingIn):
    center = (program_center_get(user=request.auth, center_kinds=CENTER_KINDS, pk=payload.center_id)
              if payload.center_id else None)
    event = services.training_create(
        acting_user=request.auth, training_kind=payload.training_kind, product_line=payload.product_line,
        topic=payload.topic, partner=payload.partner, date=payload.date,
        municipality=_municipality(payload.municipality_id), center=center,
        participants=_people(request.auth, payload.participant_ids), unnamed_participants=payload.unnamed_participants)
    return Status(201, selectors.training_list(user=request.auth, start=event.date, end=event.date).get(pk=event.pk))


class SaleIn(Schema):
    person_id: Id
    amount: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class FairIn(Schema):
    topic: str = Field(max_length=250)
    municipality_id: Id
    start: dt.date
    end: dt.date
    partner: str = Field("", max_length=150)
    unnamed_participants: int = Field(0, ge=0, le=MAX_INT)
    sales: list[SaleIn] = []


class FairOut(EventOut):
    end: dt.date = Field(alias="women_fair.end")
    sales: Decimal = Decimal(0)


@router.get("/comercializacion", response=list[FairOut], summary="Eventos de comercialización de un periodo")
@paginate(CappedPagination)
def fairs(request, desde: dt.date, hasta: dt.date):
    return selectors.fair_list(user=request.auth, start=desde, end=hasta)


@router.post("/comercializacion", response={201: FairOut}, summary="Registrar un evento de comercialización")
def fair_create(request, payload: FairIn):
    sales = [(person_get(user=request.auth, pk=s.person_id, log=False), s.amount) for s in payload.sales]
    fair = services.fair_create(acting_user=request.auth, topic=payload.topic, start=payload.start,
                                end=payload.end, municipality=_municipality(payload.municipality_id),
                                partner=payload.partner, unnamed_participants=payload.unnamed_participants,
                                sales=sales)
    return Status(201, selectors.fair_list(user=request.auth, start=payload.start, end=payload.start)
                  .get(pk=fair.pk))


def replacing(if_match: str | None) -> Replace | None:
    """With If-Match, a stored row is replaced only at that version (409 otherwise); without it the
    endpoint replaces, as documented (an API client that sends no version accepts last-write-wins)."""
    return Replace(confirmed=True, version=if_match) if if_match else None


class SaleOut(Versioned):
    fair_id: int
    person_id: int
    amount: Decimal


@router.post("/comercializacion/{event_id}/ventas", response={201: SaleOut, 409: ConflictOut},
             summary="Registrar (o reemplazar) las ventas de una mujer en un evento")
def fair_sale(request, event_id: Id, payload: SaleIn, if_match: IfMatch = None):
    require_personal_data(request.auth)
    fair = selectors.fair_get(user=request.auth, pk=event_id)
    person = person_get(user=request.auth, pk=payload.person_id, log=False)
    return Status(201, services.fair_sale_save(acting_user=request.auth, fair=fair, person=person,
                                               amount=payload.amount, replace=replacing(if_match)))


class IncomeIn(Schema):
    person_id: Id
    month: dt.date = Field(description="Cualquier día del mes (se guarda el primero).")
    own_sales: Decimal = Field(ge=0, max_digits=12, decimal_places=2)
    fair_sales: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2,
                                       description="Vacío: la suma de sus ventas en eventos de ese mes.")


class IncomeOut(Versioned):
    id: int
    person_id: int
    month: dt.date
    own_sales: Decimal
    fair_sales: Decimal
    center_id: int
    department_id: int


@router.get("/ingresos", response=list[IncomeOut], summary="Reportes mensuales de ingresos de un periodo")
@paginate(CappedPagination)
def income(request, desde: dt.date, hasta: dt.date):
    return selectors.income_list(user=request.auth, start=desde, end=hasta)


@router.post("/ingresos", response={201: IncomeOut, 409: ConflictOut},
             summary="Registrar el reporte mensual de una mujer (reemplaza el del mismo mes)")
def income_save(request, payload: IncomeIn, if_match: IfMatch = None):
    require_personal_data(request.auth)
    person = person_get(user=request.auth, pk=payload.person_id, log=False)
    return Status(201, services.income_report_save(acting_user=request.auth, person=person, month=payload.month,
                                                   own_sales=payload.own_sales, fair_sales=payload.fair_sales,
                                                   replace=replacing(if_match)))


@router.get("/cifras", summary="Cifras del programa para un periodo (cuadros 10 a 14 de la Memoria)")
def program_figures(request, desde: dt.date, hasta: dt.date, lista: str = ""):
    return figures.all_tables(user=request.auth, start=desde, end=hasta, list_name=lista)
