"""/api/v1/primera-infancia: enrolments, rolls, screenings and figures, through the same
services and scoped selectors as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.idempotency import IdempotencyKeyHeader, once
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id
from tejido.programs.api import CAPTURED_AT_HELP, add_program_endpoints
from tejido.programs.selectors import enrolment_get
from tejido.territory.scope import get_for_user, restrict

from . import figures
from .models import NutritionScreening
from .screening import ImplausibleMeasure, screening_record
from .site import SITE

router = add_program_endpoints(Router(), SITE)


class ScreeningIn(Schema):
    enrolment_id: Id
    measured_on: dt.date
    weight_kg: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    height_cm: Decimal | None = Field(None, max_digits=5, decimal_places=1)
    measured: Literal["", "L", "H"] = ""
    oedema: bool = False
    captured_at: dt.datetime | None = Field(None, description=CAPTURED_AT_HELP)
    # A measure outside WHO's plausibility limits is answered 422 unless one of these is true.
    confirmar: bool = False
    confirmed: bool = False


class ImplausibleOut(Schema):
    """A 422: a measure outside WHO's limits (with `z` and `implausible`) or, as on every endpoint,
    a body that does not validate (with `errors`, tejido/api/errors.py)."""
    detail: str
    field: str | None = None
    z: dict[str, float | None] | None = None
    implausible: list[str] = []
    errors: list[dict] | None = None


class ScreeningOut(Schema):
    id: int
    person_id: int
    center_id: int
    measured_on: dt.date
    weight_kg: Decimal | None
    height_cm: Decimal | None
    measured: str
    oedema: bool
    reference: str
    zwfa: float | None
    zhfa: float | None
    zwfh: float | None
    zbfa: float | None
    acute_class: str
    chronic_class: str
    implausible: list[str]
    flags: list[dict]
    captured_at: dt.datetime | None
    underweight_class: str  # weight for age: bajo_peso_severo, bajo_peso, normal, "" (no plausible z)


@router.post("/tamizajes", response={201: ScreeningOut, 422: ImplausibleOut},
             summary="Registrar peso y talla (calcula puntajes z OMS)",
             description="Una medida fuera de los límites de plausibilidad de la OMS (z de peso/edad < -6 o > +5, "
                         "talla/edad fuera de ±6, peso/talla e IMC/edad fuera de ±5) no se guarda: responde 422 con "
                         "los puntajes z. Si la medida es correcta, envíela de nuevo con \"confirmar\": true.",
             url_name="childcare_screen")
def screen(request, payload: ScreeningIn, response: HttpResponse, idempotency_key: IdempotencyKeyHeader = None):
    enrolment = enrolment_get(user=request.auth, pk=payload.enrolment_id)
    data = payload.dict(exclude={"enrolment_id", "confirmar", "confirmed"})
    try:
        return Status(201, once(
            request, response, key=idempotency_key, operation="childcare.screening", payload=payload,
            create=lambda: screening_record(person=enrolment.person, center=enrolment.center, acting_user=request.auth,
                                            confirmed=payload.confirmar or payload.confirmed, **data),
            load=lambda pk: NutritionScreening.objects.get(pk=pk, person=enrolment.person)))
    except ImplausibleMeasure as error:  # nothing saved; the key stays free for the confirmed resend
        hint = _('Si la medida es correcta, envíela de nuevo con "confirmar": true.')
        return Status(422, {"detail": f"{error.message} {hint}", "field": error.field, "z": error.z,
                            "implausible": list(error.implausible)})



@router.get("/tamizajes", response=list[ScreeningOut], summary="Tamizajes (en su territorio)")
@paginate(CappedPagination)
def screenings(request, persona: Id | None = None, desde: dt.date | None = None, hasta: dt.date | None = None):
    qs = restrict(NutritionScreening.objects.all(), request.auth, department="department_id", center="center_id",
                  personal=True)
    if persona:
        qs = qs.filter(person_id=persona)
    if desde:
        qs = qs.filter(measured_on__gte=desde)
    if hasta:
        qs = qs.filter(measured_on__lte=hasta)
    return qs


@router.get("/tamizajes/{screening_id}", response=ScreeningOut, summary="Un tamizaje")
def screening(request, screening_id: Id):
    return get_for_user(NutritionScreening.objects.all(), screening_id, request.auth, department="department_id",
                        center="center_id", personal=True)


@router.get("/cifras", summary="Cifras del programa para un periodo (cuadros 1, 5 y 7 de la Memoria)")
def program_figures(request, desde: dt.date, hasta: dt.date):
    return {
        "children_by_department": figures.children_by_department(user=request.auth, start=desde, end=hasta),
        "nutrition_status": figures.nutrition_status(user=request.auth, start=desde, end=hasta),
        "teacher_posts_by_office": {k: v for k, v in figures.teacher_posts_by_office(user=request.auth, on=hasta)
                                    .items() if k != "sources"},
    }
