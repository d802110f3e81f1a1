"""The endpoints every program shares (enrolments, exit, daily roll), added to a program's
router with its ProgramSite: the same services and scoped selectors as the pages."""

import datetime as dt

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.idempotency import IdempotencyKeyHeader, once
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.registry.selectors import person_get
from tejido.reliability.locking import version_of
from tejido.territory.scope import require_personal_data

from . import services
from .models import RollCall
from .selectors import enrolment_get, enrolment_list, program_center_get, roll_for
from .sites import ProgramSite


class EnrolmentOut(Versioned):
    id: int
    person_id: int
    center_id: int
    start: dt.date
    end: dt.date | None
    exit_reason: str
    attended_by_teacher: bool | None


class EnrolmentIn(Schema):
    person_id: Id
    center_id: Id
    start: dt.date
    attended_by_teacher: bool | None = Field(None, description="Solo Hogares Comunitarios y CADI.")
    confirmed: bool = Field(False, description="Confirma una advertencia del programa (Mujer: niña menor de 13 años).")


class ExitIn(Schema):
    end: dt.date
    exit_reason: str = Field(max_length=16)


CAPTURED_AT_HELP = ("Cuándo se tomó en el dispositivo (captura sin conexión enviada después); vacío = al "
                    "guardar. No más de 30 días atrás.")


class RollIn(Schema):
    center_id: Id
    date: dt.date
    present_enrolment_ids: list[Id]
    captured_at: dt.datetime | None = Field(None, description=CAPTURED_AT_HELP)


class RollOut(Schema):
    roll_id: int
    marks: int
    present: int
    version: str = ""  # the day's list and its marks: If-Match of the next save of that day


class MarkOut(Schema):
    enrolment_id: int
    name: str
    present: bool


class RollListOut(Schema):
    """The day's list as saved (none yet: roll_id null, version "", no marks)."""

    roll_id: int | None
    date: dt.date
    version: str
    taken_by: str
    taken_at: dt.datetime | None
    captured_at: dt.datetime | None
    marks: list[MarkOut]


def roll_out(saved: RollCall) -> dict:
    return {"roll_id": saved.pk, "marks": saved.marks.count(), "present": saved.marks.filter(present=True).count(),
            "version": version_of(saved)}


def add_program_endpoints(router: Router, site: ProgramSite) -> Router:
    p = site.prefix

    def center_of(user, pk):
        return program_center_get(user=user, center_kinds=site.center_kinds, pk=pk)

    @router.get("/inscripciones", response=list[EnrolmentOut], summary="Inscripciones (en su territorio)",
                operation_id=f"{p}_enrolments")
    @paginate(CappedPagination)
    def enrolments(request, centro: Id | None = None, activas: bool | None = None):
        return enrolment_list(user=request.auth, program=site.program, center_id=centro, active=activas)

    @router.post("/inscripciones", response={201: EnrolmentOut}, summary="Inscribir", operation_id=f"{p}_enrol")
    def enrol(request, payload: EnrolmentIn):
        require_personal_data(request.auth)
        person = person_get(user=request.auth, pk=payload.person_id, log=False)
        center = center_of(request.auth, payload.center_id)
        if site.enrol_service:
            enrolment = site.enrol_service(person=person, center=center, program=site.program, start=payload.start,
                                           acting_user=request.auth, confirmed=payload.confirmed)
        else:
            enrolment = services.enrolment_create(
                person=person, center=center, program=site.program, start=payload.start, acting_user=request.auth,
                attended_by_teacher=payload.attended_by_teacher)
        return Status(201, enrolment)

    @router.post("/inscripciones/{enrolment_id}/egreso", response={200: EnrolmentOut, 409: ConflictOut},
                 summary="Registrar egreso", operation_id=f"{p}_exit")
    def exit_(request, enrolment_id: Id, payload: ExitIn, if_match: IfMatch = None):
        enrolment = enrolment_get(user=request.auth, pk=enrolment_id)
        if enrolment.program != site.program:
            raise NotFoundOrOutOfScope()
        return services.enrolment_exit(enrolment=enrolment, end=payload.end, reason=payload.exit_reason,
                                       acting_user=request.auth, version=if_match)

    @router.get("/asistencia", response=RollListOut, summary="La lista guardada de un día (con su versión)",
                operation_id=f"{p}_roll_get", url_name=f"{p}_roll")
    def roll_get(request, centro: Id, fecha: dt.date):
        require_personal_data(request.auth)
        center = center_of(request.auth, centro)
        saved = roll_for(center, site.program, fecha)
        if saved is None:
            return {"roll_id": None, "date": fecha, "version": "", "taken_by": "", "taken_at": None,
                    "captured_at": None, "marks": []}
        marks = saved.marks.select_related("enrolment__person").order_by(
            "enrolment__person__first_surname", "enrolment__person__given_names")
        return {"roll_id": saved.pk, "date": saved.date, "version": version_of(saved),
                "taken_by": saved.taken_by.get_full_name() or saved.taken_by.username, "taken_at": saved.taken_at,
                "captured_at": saved.captured_at,
                "marks": [{"enrolment_id": m.enrolment_id, "present": m.present,
                           "name": f"{m.enrolment.person.surnames}, {m.enrolment.person.given_names}"}
                          for m in marks]}

    @router.post("/asistencia", response={201: RollOut, 409: ConflictOut}, summary="Guardar la lista de un día",
                 operation_id=f"{p}_roll", url_name=f"{p}_roll")
    def roll(request, payload: RollIn, response: HttpResponse, if_match: IfMatch = None,
             idempotency_key: IdempotencyKeyHeader = None):
        require_personal_data(request.auth)
        center = center_of(request.auth, payload.center_id)
        saved = once(
            request, response, key=idempotency_key, operation=f"{p}.roll", payload=payload,
            create=lambda: services.roll_call_save(
                center=center, program=site.program, day=payload.date, present_ids=set(payload.present_enrolment_ids),
                acting_user=request.auth, version=if_match, captured_at=payload.captured_at),
            load=lambda pk: RollCall.objects.get(pk=pk, center=center))
        return Status(201, roll_out(saved))

    return router
