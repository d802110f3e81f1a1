"""/api/v1/servicio-social: requests and their path, outreach days, stock (tejido.stock.api)
and the figures, through the same selectors and services as the pages."""

import datetime as dt
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StrictInt

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.pagination import CappedPagination
from tejido.api.types import MAX_INT, Id, StrictCount
from tejido.common.audit import log_access
from tejido.common.models import AccessEvent
from tejido.registry.choices import PovertyStatus
from tejido.registry.selectors import person_get
from tejido.stock.api import add_stock_endpoints
from tejido.stock.selectors import office_get, product_get
from tejido.territory.models import Municipality
from tejido.territory.scope import require_personal_data

from . import figures, selectors, services
from .models import OutreachDay, Service, SupportRequest

router = add_stock_endpoints(Router())


class RequestOut(Versioned):
    id: int
    person_id: int
    office_id: int
    department_id: int
    date: dt.date
    kind: str
    product: str | None = Field(None, alias="product.code")
    service: str
    quantity: int
    description: str
    status: str
    visit_date: dt.date | None
    poverty_status: str
    social_worker: str
    study_notes: str
    decided_on: dt.date | None
    decision_reason: str
    delivery_id: int | None
    receipt: str


class RequestIn(Schema):
    person_id: Id
    office_id: Id
    date: dt.date
    kind: Literal[tuple(SupportRequest.Kind.values)]
    product: str | None = Field(None, max_length=40, description="Código del producto, si solicita un producto.")
    quantity: StrictCount = 1
    service: Literal[tuple(Service.values) + ("",)] = ""
    description: str = Field("", max_length=500)


class StudyIn(Schema):
    visit_date: dt.date
    poverty_status: Literal[tuple(PovertyStatus.values)]
    social_worker: str = Field(max_length=120)
    notes: str = Field("", max_length=1000)


class DecisionIn(Schema):
    approved: bool
    date: dt.date
    reason: str = Field("", max_length=500)


class DeliveryIn(Schema):
    date: dt.date
    note: str = Field("", max_length=250)


class OutreachOut(Schema):
    id: int
    category: str
    date: dt.date
    municipality_id: int
    department_id: int
    partner: str
    topic: str
    office_id: int = Field(alias="outreach.office_id")
    men: int = Field(alias="outreach.men")
    women: int = Field(alias="outreach.women")
    named: int
    people: int


class OutreachIn(Schema):
    category: Literal[tuple(OutreachDay.Category.values)]
    office_id: Id
    municipality_id: Id
    date: dt.date
    partner: str = Field("", max_length=150)
    topic: str = Field("", max_length=250)
    men: StrictInt = Field(0, ge=0, le=MAX_INT)
    women: StrictInt = Field(0, ge=0, le=MAX_INT)
    person_ids: list[Id] = Field(default_factory=list, description="Personas con registro que asistieron.")


class OutreachDeliveryIn(Schema):
    product: str = Field(max_length=40)
    quantity: StrictCount
    person_id: Id | None = None


class DeliveryOut(Schema):
    id: int
    item: str
    quantity: int
    date: dt.date
    receipt: str
    person_id: int | None
    event_id: int | None


def _request(user, pk) -> SupportRequest:
    require_personal_data(user)
    return selectors.request_get(user=user, pk=pk)


@router.get("/solicitudes", response=list[RequestOut], summary="Solicitudes de apoyo (en su territorio)")
@paginate(CappedPagination)
def request_list(request, estado: str = "", sede: Id | None = None, desde: dt.date | None = None,
                 hasta: dt.date | None = None):
    require_personal_data(request.auth)
    log_access(request.auth, AccessEvent.Action.API, model="socialservice.SupportRequest",
               estado=estado, sede=sede)
    return selectors.request_list(user=request.auth, status=estado, office_id=sede, start=desde, end=hasta)


@router.get("/solicitudes/{request_id}", response=RequestOut, summary="Una solicitud")
def request_detail(request, request_id: Id):
    found = _request(request.auth, request_id)
    log_access(request.auth, AccessEvent.Action.API, model="socialservice.SupportRequest", object_id=found.pk)
    return found


@router.post("/solicitudes", response={201: RequestOut}, summary="Registrar una solicitud")
def request_create(request, payload: RequestIn):
    require_personal_data(request.auth)
    person = person_get(user=request.auth, pk=payload.person_id, log=False)
    office = office_get(user=request.auth, pk=payload.office_id)
    product = product_get(payload.product) if payload.product else None
    return Status(201, services.request_create(
        person=person, office=office, date=payload.date, kind=payload.kind, product=product,
        quantity=payload.quantity, service=payload.service, description=payload.description,
        acting_user=request.auth))


@router.post("/solicitudes/{request_id}/estudio", response={200: RequestOut, 409: ConflictOut},
             summary="Registrar el estudio socioeconómico")
def request_study(request, request_id: Id, payload: StudyIn, if_match: IfMatch = None):
    return services.request_study(request=_request(request.auth, request_id), acting_user=request.auth,
                                  version=if_match, **payload.dict())


@router.post("/solicitudes/{request_id}/resolucion", response={200: RequestOut, 409: ConflictOut},
             summary="Aprobar o denegar")
def request_decide(request, request_id: Id, payload: DecisionIn, if_match: IfMatch = None):
    return services.request_decide(request=_request(request.auth, request_id), acting_user=request.auth,
                                   version=if_match, **payload.dict())


@router.post("/solicitudes/{request_id}/entrega", response={200: RequestOut, 409: ConflictOut},
             summary="Entregar (sale de las existencias de la sede si es producto)")
def request_deliver(request, request_id: Id, payload: DeliveryIn, if_match: IfMatch = None):
    return services.request_deliver(request=_request(request.auth, request_id), acting_user=request.auth,
                                    version=if_match, **payload.dict())


@router.get("/jornadas", response=list[OutreachOut], summary="Jornadas (en su territorio)")
@paginate(CappedPagination)
def outreach_list(request, desde: dt.date | None = None, hasta: dt.date | None = None, tipo: str = ""):
    return selectors.outreach_list(user=request.auth, start=desde, end=hasta, category=tipo)


@router.post("/jornadas", response={201: OutreachOut}, summary="Registrar una jornada")
def outreach_create(request, payload: OutreachIn):
    office = office_get(user=request.auth, pk=payload.office_id)
    municipality = Municipality.objects.filter(pk=payload.municipality_id).first()
    if municipality is None:
        from tejido.common.errors import ApplicationError

        raise ApplicationError("Municipio desconocido.", field="municipality_id")
    people = [person_get(user=request.auth, pk=pk, log=False) for pk in payload.person_ids]
    day = services.outreach_create(office=office, municipality=municipality, participants=people,
                                   acting_user=request.auth,
                                   **payload.dict(exclude={"office_id", "municipality_id", "person_ids"}))
    return Status(201, selectors.outreach_list(user=request.auth).get(pk=day.pk))


@router.post("/jornadas/{event_id}/entregas", response={201: DeliveryOut},
             summary="Registrar un producto entregado en la jornada")
def outreach_deliver(request, event_id: Id, payload: OutreachDeliveryIn):
    day = selectors.outreach_get(user=request.auth, pk=event_id)
    person = person_get(user=request.auth, pk=payload.person_id, log=False) if payload.person_id else None
    return Status(201, services.outreach_deliver(outreach=day, product=product_get(payload.product),
                                                 quantity=payload.quantity, person=person, acting_user=request.auth))


@router.get("/cifras", summary="Cifras del periodo (cuadros 15 y 16 de la Memoria)")
def program_figures(request, desde: dt.date, hasta: dt.date):
    return {
        "products_delivered": figures.products_delivered(user=request.auth, start=desde, end=hasta),
        "people_by_department": figures.people_by_department(user=request.auth, start=desde, end=hasta),
        "services_delivered": figures.services_delivered(user=request.auth, start=desde, end=hasta),
    }
