"""/api/v1/primera-infancia: enrolments, rolls, screenings and figures, through the same
services and scoped selectors as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.pagination import CappedPagination
from tejido.programs import services as program_services
from tejido.programs.selectors import enrolment_get, enrolment_list
from tejido.registry.selectors import person_get
from tejido.territory.scope import get_for_user, require_personal_data, restrict

from . import figures
from .models import NutritionScreening
from .rules import PROGRAM
from .screening import screening_record
from .selectors import daycare_center_get

router = Router()


class EnrolmentOut(Schema):
    id: int
    person_id: int
    center_id: int
    start: dt.date
    end: dt.date | None
    exit_reason: str
    attended_by_teacher: bool | None


class EnrolmentIn(Schema):
    person_id: int
    center_id: int
    start: dt.date
    attended_by_teacher: bool | None = None


class ExitIn(Schema):
    end: dt.date
    exit_reason: str = Field(max_length=16)


class RollIn(Schema):
    center_id: int
    date: dt.date
    present_enrolment_ids: list[int]


class ScreeningIn(Schema):
    enrolment_id: int
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


@router.get("/inscripciones", response=list[EnrolmentOut], summary="Inscripciones (en su territorio)")
@paginate(CappedPagination)
def enrolments(request, centro: int | None = None, activas: bool | None = None):
    return enrolment_list(user=request.auth, program=PROGRAM, center_id=centro, active=activas)


@router.post("/inscripciones", response={201: EnrolmentOut}, summary="Inscribir a una niña o niño")
def enrol(request, payload: EnrolmentIn):
    require_personal_data(request.auth)
    person = person_get(user=request.auth, pk=payload.person_id, log=False)
    center = daycare_center_get(user=request.auth, pk=payload.center_id)
    return Status(201, program_services.enrolment_create(
        person=person, center=center, program=PROGRAM, start=payload.start, acting_user=request.auth,
        attended_by_teacher=payload.attended_by_teacher))


@router.post("/inscripciones/{enrolment_id}/egreso", response=EnrolmentOut, summary="Registrar egreso")
def exit_(request, enrolment_id: int, payload: ExitIn):
    enrolment = enrolment_get(user=request.auth, pk=enrolment_id)
    return program_services.enrolment_exit(enrolment=enrolment, end=payload.end, reason=payload.exit_reason,
                                           acting_user=request.auth)


@router.post("/asistencia", response={201: dict}, summary="Guardar la lista de un día")
def roll(request, payload: RollIn):
    require_personal_data(request.auth)
    center = daycare_center_get(user=request.auth, pk=payload.center_id)
    saved = program_services.roll_call_save(center=center, program=PROGRAM, day=payload.date,
                                            present_ids=set(payload.present_enrolment_ids), acting_user=request.auth)
    return Status(201, {"roll_id": saved.pk, "marks": saved.marks.count(),
                        "present": saved.marks.filter(present=True).count()})


@router.post("/tamizajes", response={201: ScreeningOut}, summary="Registrar peso y talla (calcula puntajes z OMS)")
def screen(request, payload: ScreeningIn):
    enrolment = enrolment_get(user=request.auth, pk=payload.enrolment_id)
    data = payload.dict(exclude={"enrolment_id"})
    return Status(201, screening_record(person=enrolment.person, center=enrolment.center, acting_user=request.auth,
                                        **data))


@router.get("/tamizajes", response=list[ScreeningOut], summary="Tamizajes (en su territorio)")
@paginate(CappedPagination)
def screenings(request, persona: int | None = None, desde: dt.date | None = None, hasta: dt.date | None = None):
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
def screening(request, screening_id: int):
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
