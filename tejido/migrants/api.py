"""/api/v1/migrantes: receptions of returned migrant family units (scoped), creating a family
with its members in one call, referrals with answers and follow-up, and the figures."""

import datetime as dt

from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.idempotency import IdempotencyKeyHeader, once
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id, StrictCount
from tejido.centers.models import CenterKind
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.programs.referrals import referral_decide, referral_follow_up, referral_get
from tejido.programs.selectors import program_center_get
from tejido.registry.choices import Relationship
from tejido.territory.models import Municipality
from tejido.territory.scope import require_personal_data

from . import duplicates, figures, services
from .selectors import migrant_referrals, reception_get, reception_id_of, reception_list

router = Router()


class MemberIn(Schema):
    given_names: str = Field(max_length=80)
    first_surname: str = Field(max_length=50)
    second_surname: str = Field("", max_length=50)
    sex: str = Field(description="M (hombre) o F (mujer)", max_length=1)
    age_years: StrictCount | None = Field(None, description="Años cumplidos, si no se conoce la fecha de nacimiento.")
    birth_date: dt.date | None = None
    relationship: str = Field(Relationship.CHILD, description="jefe, conyuge, hijo, nieto, padre, ...",
                              max_length=16)
    cui: str | None = Field(None, max_length=20)
    person_id: Id | None = Field(None, description="Persona ya registrada (una de las coincidencias del 409): "
                                 "se usa ella y no se crea otra.")


class ReceptionIn(Schema):
    date: dt.date
    center_id: Id
    arrival_mode: str = Field(description="aerea o terrestre", max_length=10)
    returned_from: str = Field(description="mexico, estados_unidos u otro", max_length=16)
    returned_from_other: str = Field("", max_length=60)
    destination_municipality_id: Id
    care: list[str] = Field([], description="kit_higiene, llamada, transporte, alimentacion, medica, psicosocial")
    vulnerabilities: list[str] = []
    vulnerability_other: str = Field("", max_length=150)
    notes: str = Field("", max_length=500)
    members: list[MemberIn]
    captured_at: dt.datetime | None = Field(None, description="Cuándo se tomó en el dispositivo (captura sin "
                                            "conexión enviada después); vacío = al guardar.")
    confirm_distinct: bool = Field(False, description="Registrar como personas nuevas los integrantes sin person_id "
                                   "aunque se parezcan a personas ya registradas (409).")


class MemberOut(Schema):
    person_id: int
    full_name: str
    sex: str
    age_years: int
    minor: bool
    relationship: str
    birth_date_estimated: bool


class ReceptionOut(Schema):
    id: int
    date: dt.date
    center_id: int
    center: str
    department_id: int
    arrival_mode: str
    returned_from: str
    destination_municipality_id: int
    destination_department_id: int
    care: list[str]
    vulnerabilities: list[str]
    members: list[MemberOut]
    captured_at: dt.datetime | None

    @staticmethod
    def resolve_center(obj):
        return obj.center.name

    @staticmethod
    def resolve_care(obj):
        return [c.code for c in obj.care.all()]

    @staticmethod
    def resolve_vulnerabilities(obj):
        return [v.code for v in obj.vulnerabilities.all()]

    @staticmethod
    def resolve_members(obj):
        return [{"person_id": m.person_id, "full_name": m.person.full_name, "sex": m.person.sex,
                 "age_years": m.age_years, "minor": m.is_minor, "relationship": m.relationship,
                 "birth_date_estimated": m.person.birth_date_estimated} for m in obj.members.all()]


class ReferralIn(Schema):
    person_id: Id = Field(description="Un integrante de la unidad familiar.")
    date: dt.date
    reason: str = Field(max_length=250)
    destination_program: str = Field("", max_length=20)
    destination_institution: str = Field("", max_length=150)


class ReferralOut(Versioned):
    id: int
    person_id: int
    reception_id: int | None
    date: dt.date
    destination_program: str
    destination_institution: str
    reason: str
    status: str
    decided_on: dt.date | None
    decision_reason: str

    @staticmethod
    def resolve_reception_id(obj):
        return reception_id_of(obj)


class DecisionIn(Schema):
    accepted: bool
    date: dt.date
    reason: str = Field("", max_length=250)


class FollowUpIn(Schema):
    date: dt.date
    kind: str = Field("visita", max_length=10)
    notes: str = Field(max_length=500)


class FollowUpOut(Schema):
    id: int
    referral_id: int
    date: dt.date
    kind: str
    notes: str


@router.get("/recepciones", response=list[ReceptionOut], summary="Unidades familiares recibidas (en su territorio)")
@paginate(CappedPagination)
def receptions(request, desde: dt.date | None = None, hasta: dt.date | None = None, centro: Id | None = None,
               departamento_destino: Id | None = None):
    require_personal_data(request.auth)
    log_access(request.auth, AccessEvent.Action.API, model="migrants.Reception", list=True)
    qs = reception_list(user=request.auth, start=desde, end=hasta, center_id=centro,
                        destination_department_id=departamento_destino)
    return qs


@router.get("/recepciones/{reception_id}", response=ReceptionOut, summary="Una unidad familiar recibida")
def reception(request, reception_id: Id):
    require_personal_data(request.auth)
    found = reception_get(user=request.auth, pk=reception_id, log=False)
    log_access(request.auth, AccessEvent.Action.API, model="migrants.Reception", object_id=found.pk)
    return found


class FamilyMatchOut(Schema):
    id: int
    full_name: str
    birth_date: dt.date
    sex: str
    municipality: str
    score: float
    reasons: list[str]


class FamilyRowOut(Schema):
    row: int = Field(description="Posición del integrante en `members` (desde 0).")
    matches: list[FamilyMatchOut]


class FamilyMatchesOut(Schema):
    """Integrantes que se parecen a personas ya registradas (409): nada se guardó."""

    detail: str
    field: str
    rows: list[FamilyRowOut]


@router.post("/recepciones", response={201: ReceptionOut, 409: FamilyMatchesOut},
             summary="Registrar una unidad familiar con sus integrantes", url_name="migrants_reception_create")
def reception_create(request, payload: ReceptionIn, response: HttpResponse,
                     idempotency_key: IdempotencyKeyHeader = None):
    """The same family twice (issue 16 item 6): members who look like people already registered in
    the officer's scope are answered with 409 and their matches, as on the page; the client sends
    again with `person_id` for each member who is one of them and `confirm_distinct` for the rest.
    The check runs inside `once`, so a repeated key replays the family created, not a warning."""
    require_personal_data(request.auth)
    center = program_center_get(user=request.auth, center_kinds=(CenterKind.MIGRANT_RECEPTION,),
                                pk=payload.center_id)
    municipality = Municipality.objects.filter(pk=payload.destination_municipality_id).first()
    if municipality is None:
        raise ApplicationError("Elija el municipio de destino.", field="destination_municipality_id")
    data = payload.dict(exclude={"center_id", "destination_municipality_id", "members", "confirm_distinct"})
    members = [services.MemberData(**m.dict(exclude={"person_id"}), person=_chosen_person(request.auth, i, m))
               for i, m in enumerate(payload.members)]

    def create():
        if not payload.confirm_distinct:
            duplicates.refuse_likely_duplicates(user=request.auth, date=payload.date, destination=municipality,
                                                members=members)
        return services.reception_create(acting_user=request.auth, center=center,
                                         destination_municipality=municipality, members=members, **data)

    try:
        created = once(request, response, key=idempotency_key, operation="migrants.reception", payload=payload,
                       create=create, load=lambda pk: reception_get(user=request.auth, pk=pk, log=False))
    except duplicates.FamilyMayBeRegistered as warning:
        log_access(request.auth, AccessEvent.Action.API, model="registry.Person", posibles_duplicados="recepcion",
                   shown=warning.shown())
        return Status(409, warning.payload())
    return Status(201, reception_get(user=request.auth, pk=created.pk, log=False))


def _chosen_person(user, index: int, member: MemberIn):
    """The registered person a member was said to be: one the officer may see, or a Spanish error."""
    if member.person_id is None:
        return None
    from tejido.registry.models import Person

    if not duplicates.person_may_be_used(user, member.person_id):
        raise ApplicationError("Esa persona no está en su territorio.", field=f"members.{index}.person_id")
    return Person.objects.get(pk=member.person_id)


@router.get("/derivaciones", response=list[ReferralOut], summary="Derivaciones de unidades familiares migrantes")
@paginate(CappedPagination)
def referrals(request, estado: str = "", desde: dt.date | None = None, hasta: dt.date | None = None):
    require_personal_data(request.auth)
    log_access(request.auth, AccessEvent.Action.API, model="programs.Referral", origin="migrants")
    return migrant_referrals(user=request.auth, status=estado, start=desde, end=hasta)


@router.post("/recepciones/{reception_id}/derivaciones", response={201: ReferralOut},
             summary="Derivar a un integrante a un programa o institución")
def refer(request, reception_id: Id, payload: ReferralIn):
    found = reception_get(user=request.auth, pk=reception_id, log=False)
    member = next((m for m in found.members.all() if m.person_id == payload.person_id), None)
    if member is None:
        raise ApplicationError("Esa persona no pertenece a esta unidad familiar.", field="person_id")
    return Status(201, services.reception_refer(
        reception=found, member=member, date=payload.date, reason=payload.reason, acting_user=request.auth,
        destination_program=payload.destination_program, destination_institution=payload.destination_institution))


def _migrant_referral(user, pk):
    referral = referral_get(user=user, pk=pk)
    if reception_id_of(referral) is None:
        raise NotFoundOrOutOfScope()
    return referral


@router.post("/derivaciones/{referral_id}/respuesta", response={200: ReferralOut, 409: ConflictOut},
             summary="Aceptar o rechazar")
def decide(request, referral_id: Id, payload: DecisionIn, if_match: IfMatch = None):
    referral = _migrant_referral(request.auth, referral_id)
    return referral_decide(referral=referral, accepted=payload.accepted, date=payload.date, reason=payload.reason,
                           acting_user=request.auth, version=if_match)


@router.post("/derivaciones/{referral_id}/seguimientos", response={201: FollowUpOut},
             summary="Registrar un seguimiento en la comunidad")
def follow_up(request, referral_id: Id, payload: FollowUpIn):
    referral = _migrant_referral(request.auth, referral_id)
    return Status(201, referral_follow_up(referral=referral, date=payload.date, kind=payload.kind,
                                          notes=payload.notes, acting_user=request.auth))


@router.get("/cifras", summary="Cifras de unidades familiares migrantes para un periodo (sin nombres)")
def program_figures(request, desde: dt.date, hasta: dt.date):
    data = figures.all_figures(user=request.auth, start=desde, end=hasta)
    return {key: value for key, value in data.items() if key not in ("start", "end")} | {
        "desde": desde, "hasta": hasta}
