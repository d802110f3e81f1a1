"""/api/v1/adulto-mayor: enrolments, exit, roll (shared endpoints), home visits, deliveries,
referrals and the program's figures."""

import datetime as dt

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id, StrictCount
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.programs.api import add_program_endpoints
from tejido.programs.referrals import referral_decide, referral_get, referral_list
from tejido.programs.selectors import enrolment_get, program_center_get
from tejido.territory.scope import require_personal_data

from . import figures, services
from .site import CENTER_KINDS, PROGRAM, SITE

router = add_program_endpoints(Router(), SITE)


def _enrolment(user, pk):
    require_personal_data(user)
    enrolment = enrolment_get(user=user, pk=pk)
    if enrolment.program != PROGRAM:
        raise NotFoundOrOutOfScope()
    return enrolment


class HomeVisitIn(Schema):
    date: dt.date
    topic: str = Field(max_length=250)
    category: str = Field("", max_length=40, description="Eje de atención (psicosocial, cultural, ...).")


class EventOut(Schema):
    id: int
    date: dt.date
    kind: str
    category: str
    topic: str


class DeliveryIn(Schema):
    center_id: Id
    item: str = Field(max_length=40, description="kit_estimulacion, alimentos, kit_higiene, lentes, medicamento")
    quantity: StrictCount
    date: dt.date
    note: str = Field("", max_length=250)


class DeliveryOut(Schema):
    id: int
    center_id: int | None
    item: str
    quantity: int
    date: dt.date


class ReferralIn(Schema):
    date: dt.date
    reason: str = Field(max_length=250)
    destination_institution: str = Field("", max_length=150)
    destination_program: str = Field("", max_length=20)


class ReferralOut(Versioned):
    id: int
    person_id: int
    date: dt.date
    destination_program: str
    destination_institution: str
    reason: str
    status: str
    decided_on: dt.date | None
    decision_reason: str


class DecisionIn(Schema):
    accepted: bool
    date: dt.date
    reason: str = Field("", max_length=250)


@router.post("/inscripciones/{enrolment_id}/visitas", response={201: EventOut}, summary="Registrar visita domiciliaria")
def home_visit(request, enrolment_id: Id, payload: HomeVisitIn):
    enrolment = _enrolment(request.auth, enrolment_id)
    return Status(201, services.home_visit_record(enrolment=enrolment, acting_user=request.auth, **payload.dict()))


@router.post("/entregas", response={201: DeliveryOut}, summary="Registrar entrega de kits, alimentos o lentes")
def delivery(request, payload: DeliveryIn):
    center = program_center_get(user=request.auth, center_kinds=CENTER_KINDS, pk=payload.center_id)
    return Status(201, services.delivery_record(center=center, item=payload.item, quantity=payload.quantity,
                                                date=payload.date, note=payload.note, acting_user=request.auth))


@router.post("/inscripciones/{enrolment_id}/derivaciones", response={201: ReferralOut}, summary="Derivar")
def refer(request, enrolment_id: Id, payload: ReferralIn):
    enrolment = _enrolment(request.auth, enrolment_id)
    return Status(201, services.referral_from_enrolment(enrolment=enrolment, acting_user=request.auth,
                                                        **payload.dict()))


@router.get("/derivaciones", response=list[ReferralOut], summary="Derivaciones del programa (en su territorio)")
@paginate(CappedPagination)
def referrals(request, estado: str = ""):
    require_personal_data(request.auth)
    return referral_list(user=request.auth, origin_program=PROGRAM, status=estado)


@router.post("/derivaciones/{referral_id}/respuesta", response={200: ReferralOut, 409: ConflictOut},
             summary="Registrar la respuesta")
def decide(request, referral_id: Id, payload: DecisionIn, if_match: IfMatch = None):
    referral = referral_get(user=request.auth, pk=referral_id)
    if referral.origin_program != PROGRAM:
        raise NotFoundOrOutOfScope()
    return referral_decide(referral=referral, accepted=payload.accepted, date=payload.date, reason=payload.reason,
                           acting_user=request.auth, version=if_match)


@router.get("/cifras", summary="Cifras del programa para un periodo (cuadro 18 de la Memoria, atención por eje)")
def program_figures(request, desde: dt.date, hasta: dt.date):
    return {
        "by_department": figures.elderly_by_department(user=request.auth, start=desde, end=hasta),
        "care_by_axis": figures.care_by_axis(user=request.auth, start=desde, end=hasta),
        "care_by_department": figures.care_by_department(user=request.auth, start=desde, end=hasta),
        "deliveries": [{"item": label, "quantity": n}
                       for label, n in figures.deliveries_by_item(user=request.auth, start=desde, end=hasta)],
        "referrals": figures.referrals_by_destination(user=request.auth, start=desde, end=hasta),
    }
