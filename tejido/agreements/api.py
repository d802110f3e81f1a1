"""/api/v1/convenios: agreements (list, create, one, status), counts by counterparty kind,
alerts, and center compliance documents (sanitary licences). Files are uploaded through the
pages; the API lists which documents carry one."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id
from tejido.centers.models import Center
from tejido.centers.selectors import center_get, center_list
from tejido.common.errors import ApplicationError
from tejido.territory.models import Municipality

from . import figures, selectors, services
from .alerts import alert_days, alerts

router = Router()


class AgreementIn(Schema):
    counterparty_name: str = Field(max_length=200)
    counterparty_kind: str = Field(description="municipalidad, ong, gubernamental, cooperacion, privada")
    municipality_id: Id | None = None
    program: str = Field(description="childcare, women, social_service, elderly")
    center_ids: list[Id] = []
    number: str = Field("", max_length=40)
    subject: str = Field("", max_length=300)
    start_date: dt.date
    end_date: dt.date
    status: str = Field("vigente", description="borrador, vigente o rescindido")
    terminated_on: dt.date | None = None


class AgreementOut(Versioned):
    id: int
    number: str
    counterparty_name: str
    counterparty_kind: str
    municipality_id: int | None
    program: str
    subject: str
    start_date: dt.date
    end_date: dt.date
    status: str = Field(description="Estado efectivo hoy (vencido se calcula con las fechas).")
    terminated_on: dt.date | None
    center_ids: list[int]
    documents: int

    @staticmethod
    def resolve_status(obj):
        return obj.status_on(timezone.localdate())

    @staticmethod
    def resolve_center_ids(obj):
        return sorted(c.pk for c in obj.centers.all())

    @staticmethod
    def resolve_documents(obj):
        return obj.documents.count()


class StatusIn(Schema):
    status: str
    terminated_on: dt.date | None = None


class CenterDocumentIn(Schema):
    kind: str = Field(description="licencia_sanitaria, habitabilidad, otro")
    description: str = Field("", max_length=150)
    number: str = Field("", max_length=60)
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    issuer: str = Field("", max_length=150)
    status: str = Field("vigente", description="vigente, en_tramite, vencida")


class CenterDocumentOut(Schema):
    id: int
    center_id: int
    kind: str
    description: str
    number: str
    issued_on: dt.date | None
    expires_on: dt.date | None
    issuer: str
    status: str = Field(description="Estado efectivo hoy.")
    has_file: bool

    @staticmethod
    def resolve_status(obj):
        return obj.status_on(timezone.localdate())

    @staticmethod
    def resolve_has_file(obj):
        return bool(obj.file)


class CenterLicenceOut(Schema):
    id: int
    name: str
    kind: str
    department_id: int
    municipality_id: int
    licence: str = Field(description="in_process, expired, missing (o valid si está por vencer)")


def _centers(user, ids):
    found = list(center_list(user=user).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ApplicationError(_("Hay centros que no existen o están fuera de su territorio."), field="center_ids")
    return found


@router.get("", response=list[AgreementOut], summary="Convenios en su territorio")
@paginate(CappedPagination)
def agreement_list(request, programa: str = "", tipo: str = "", estado: str = "", q: str = ""):
    return selectors.agreement_list(user=request.auth, program=programa, counterparty_kind=tipo, status=estado,
                                    q=q, today=timezone.localdate()).prefetch_related("centers")


@router.post("", response={201: AgreementOut}, summary="Registrar convenio")
def agreement_create(request, payload: AgreementIn):
    data = payload.dict()
    municipality_id = data.pop("municipality_id")
    municipality = None
    if municipality_id is not None:
        municipality = Municipality.objects.filter(pk=municipality_id).first()
        if municipality is None:
            raise ApplicationError(_("Municipio desconocido."), field="municipality_id")
    centers = _centers(request.auth, data.pop("center_ids"))
    return Status(201, services.agreement_create(acting_user=request.auth, municipality=municipality,
                                                 centers=centers, **data))


@router.get("/cifras", summary="Convenios vigentes en una fecha por tipo de contraparte (cuadros 9 y 17)")
def agreement_figures(request, fecha: dt.date | None = None, programa: str = ""):
    data = figures.agreements_by_counterparty(user=request.auth, day=fecha or timezone.localdate(), program=programa)
    return {"day": data["day"], "total": data["total"],
            "programs": [{"program": p["program"], "total": p["total"],
                          "rows": [{"counterparty_kind": k, "label": str(label), "count": n}
                                   for k, label, n in p["rows"]]}
                         for p in data["programs"]]}


@router.get("/alertas", summary="Pendientes: convenios y licencias por vencer o vencidos")
def agreement_alerts(request):
    return {"days": alert_days(), "alerts": alerts(request.auth)}


@router.get("/licencias", response=list[CenterLicenceOut], summary="Centros en funcionamiento sin licencia vigente")
@paginate(CappedPagination)
def centers_without_licence(request, programa: str = "", departamento: Id | None = None, estado: str = ""):
    today = timezone.localdate()
    if estado == "por_vencer":
        return selectors.centers_licence_expiring(user=request.auth, today=today, days=alert_days(),
                                                  program=programa, department_id=departamento)
    return selectors.centers_without_licence(user=request.auth, program=programa, department_id=departamento,
                                             day=today)


@router.get("/licencias/cifras", summary="Licencias sanitarias por programa: vigentes, en trámite, vencidas, faltantes")
def licence_figures(request, fecha: dt.date | None = None, programa: str = "", departamento: Id | None = None):
    return figures.licences_by_program(user=request.auth, day=fecha or timezone.localdate(), program=programa,
                                       department_id=departamento)


@router.get("/licencias/centros/{center_id}", response=list[CenterDocumentOut], summary="Documentos de un centro")
def center_documents(request, center_id: Id):
    center = center_get(user=request.auth, pk=center_id)
    return list(selectors.center_documents(user=request.auth, center=center))


@router.post("/licencias/centros/{center_id}", response={201: CenterDocumentOut},
             summary="Registrar licencia, certificado u otro documento de un centro (sin archivo)")
def center_document_create(request, center_id: Id, payload: CenterDocumentIn):
    center: Center = center_get(user=request.auth, pk=center_id)
    return Status(201, services.center_document_create(center=center, acting_user=request.auth, **payload.dict()))


@router.get("/{agreement_id}", response=AgreementOut, summary="Un convenio")
def agreement_get(request, agreement_id: Id):
    return selectors.agreement_get(user=request.auth, pk=agreement_id)


@router.post("/{agreement_id}/estado", response={200: AgreementOut, 409: ConflictOut},
             summary="Suscribir o rescindir un convenio")
def agreement_status(request, agreement_id: Id, payload: StatusIn, if_match: IfMatch = None):
    agreement = selectors.agreement_get(user=request.auth, pk=agreement_id)
    return services.agreement_set_status(agreement=agreement, acting_user=request.auth, version=if_match,
                                         **payload.dict())
