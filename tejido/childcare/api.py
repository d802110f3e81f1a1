"""/api/v1/primera-infancia: enrolments, rolls, screenings and figures, through the same
services and scoped selectors as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.pagination import CappedPagination
from tejido.api.types import Id
from tejido.programs.api import add_program_endpoints
from tejido.programs.selectors import enrolment_get
from tejido.territory.scope import get_for_user, restrict

from . import figures
from .models import NutritionScreening
from .screening import screening_record
from .site import SITE

router = add_program_endpoints(Router(), SITE)


class ScreeningIn(Schema):
    enrolment_id: Id
    measured_on: dt.date
    weight_kg: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    height_cm: Decimal | None = Field(None, max_digits=5, decimal_places=1)
    measured: Literal["", "L", "H"] = ""
    oedema: bool = False


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


@router.post("/tamizajes", response={201: ScreeningOut}, summary="Registrar peso y talla (calcula puntajes z OMS)")
def screen(request, payload: ScreeningIn):
    enrolment = enrolment_get(user=request.auth, pk=payload.enrolment_id)
    data = payload.dict(exclude={"enrolment_id"})
    return Status(201, screening_record(person=enrolment.person, center=enrolment.center, acting_user=request.auth,
                                        **data))


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
