"""/api/v1/duplicados: the review queue (scoped like the pages), decide (reject or merge), undo a
merge, and searches for central staff. Every read that returns people is logged."""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError
from tejido.common.models import AccessEvent
from tejido.territory.models import Department
from tejido.territory.scope import require_personal_data

from . import services
from .models import DedupRun, DuplicateCandidate
from .selectors import candidate_get, candidate_list, merge_get, merge_list, merge_moves, related_counts

router = Router()


class PersonBrief(Schema):
    id: int
    full_name: str
    given_names: str
    first_surname: str
    second_surname: str
    sex: str
    birth_date: dt.date
    birth_date_estimated: bool
    cui: str | None
    municipality_id: int
    department_id: int


class CandidateOut(Versioned):
    id: int
    probability: float
    matched_on: list[str]
    status: str
    person_a: PersonBrief
    person_b: PersonBrief
    found_at: dt.datetime
    reviewed_at: dt.datetime | None
    reason: str


class CountOut(Schema):
    kind: str
    count: int


class CandidateDetailOut(CandidateOut):
    related_a: list[CountOut]
    related_b: list[CountOut]


class RejectIn(Schema):
    reason: str = Field(max_length=300)


class MergeIn(Schema):
    keep: Literal["a", "b"] = Field(description="El registro que se conserva (su número queda).")
    take_from_other: list[str] = Field(default_factory=list,
                                       description="Campos cuyo valor se toma del registro que se fusiona.")


class MergeOut(Versioned):
    id: int
    survivor_id: int
    duplicate_id: int
    candidate_id: int | None
    moves: list[dict]
    field_changes: dict
    merged_at: dt.datetime
    undone_at: dt.datetime | None

    @staticmethod
    def resolve_moves(obj, context) -> list[dict]:
        # Rows of confidential models only for their readers (tejido.common.confidential).
        return merge_moves(obj, context["request"].auth)


class RunIn(Schema):
    department_id: Id | None = None
    threshold: float | None = Field(None, description="Probabilidad mínima, 0.5 a 0.99 (0.9 si se omite).")


class RunOut(Schema):
    id: int
    status: str
    department_id: int | None
    threshold: float
    people: int
    pairs_found: int
    pairs_new: int
    seconds: float
    error: str


def _log(user, model: str, **detail) -> None:
    log_access(user, AccessEvent.Action.API, model=model, **detail)


@router.get("/", response=list[CandidateOut], summary="Pares por revisar (dentro del alcance)")
@paginate(CappedPagination)
def candidates(request, status: str = DuplicateCandidate.Status.PENDING):
    require_personal_data(request.auth)
    if status not in DuplicateCandidate.Status.values:
        raise ApplicationError(_("Estado desconocido: pending, confirmed o rejected."), field="status")
    _log(request.auth, "dedup.DuplicateCandidate", status=status)
    return candidate_list(user=request.auth, status=status)


@router.get("/fusiones", response=list[MergeOut], summary="Fusiones (dentro del alcance)")
@paginate(CappedPagination)
def merges(request):
    require_personal_data(request.auth)
    _log(request.auth, "dedup.PersonMerge")
    return merge_list(user=request.auth)


@router.get("/fusiones/{merge_id}", response=MergeOut, summary="Una fusión: qué se movió")
def merge_detail(request, merge_id: Id):
    return merge_get(user=request.auth, pk=merge_id)


@router.post("/fusiones/{merge_id}/deshacer", response={200: MergeOut, 409: ConflictOut}, summary="Deshacer una fusión")
def merge_undo(request, merge_id: Id, if_match: IfMatch = None):
    return services.merge_undo(merge=merge_get(user=request.auth, pk=merge_id, log=False), acting_user=request.auth,
                               if_match=if_match)


@router.post("/busquedas", response={201: RunOut}, summary="Buscar duplicados (personal central)")
def run_start(request, payload: RunIn):
    department = None
    if payload.department_id is not None:
        department = Department.objects.filter(pk=payload.department_id).first()
        if department is None:
            raise ApplicationError(_("Departamento desconocido."), field="department_id")
    run = services.run_start(acting_user=request.auth, department=department, threshold=payload.threshold)
    return Status(201, run)


@router.get("/busquedas/{run_id}", response=RunOut, summary="Estado de una búsqueda")
def run_status(request, run_id: Id):
    from .permissions import may_run

    run = DedupRun.objects.filter(pk=run_id).first()
    if run is None or not may_run(request.auth):
        from tejido.common.errors import NotFoundOrOutOfScope

        raise NotFoundOrOutOfScope()
    return run


@router.get("/{candidate_id}", response=CandidateDetailOut, summary="Un par, con lo asociado a cada persona")
def candidate_detail(request, candidate_id: Id):
    candidate = candidate_get(user=request.auth, pk=candidate_id)
    candidate.related_a = [{"kind": k, "count": n} for k, n in related_counts(candidate.person_a, user=request.auth)]
    candidate.related_b = [{"kind": k, "count": n} for k, n in related_counts(candidate.person_b, user=request.auth)]
    return candidate


@router.post("/{candidate_id}/rechazar", response={200: CandidateOut, 409: ConflictOut},
             summary="No son la misma persona")
def candidate_reject(request, candidate_id: Id, payload: RejectIn, if_match: IfMatch = None):
    candidate = candidate_get(user=request.auth, pk=candidate_id, log=False)
    return services.candidate_reject(candidate=candidate, reason=payload.reason, acting_user=request.auth,
                                     if_match=if_match)


@router.post("/{candidate_id}/fusionar", response={201: MergeOut, 409: ConflictOut},
             summary="Son la misma persona: fusionar")
def candidate_merge(request, candidate_id: Id, payload: MergeIn, if_match: IfMatch = None):
    candidate = candidate_get(user=request.auth, pk=candidate_id, log=False)
    merge = services.person_merge(candidate=candidate, keep=payload.keep, take_from_other=payload.take_from_other,
                                  acting_user=request.auth, if_match=if_match)
    return Status(201, merge)
