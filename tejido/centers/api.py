import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.pagination import CappedPagination
from tejido.api.types import Id, LocalTime
from tejido.common.errors import ApplicationError
from tejido.territory.models import Municipality

from . import selectors, services
from .models import Center, CenterKind

router = Router()


class CenterOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    municipality_id: int
    department_id: int
    address: str
    operating_partner: str
    opened_on: dt.date | None
    closed_on: dt.date | None
    opens_at: dt.time | None
    closes_at: dt.time | None
    capacity: int | None
    status: str


class CenterIn(Schema):
    code: str = Field("", max_length=20)
    name: str = Field(max_length=150)
    kind: Literal[tuple(CenterKind.values)]
    municipality_id: Id
    address: str = Field("", max_length=250)
    operating_partner: str = Field("", max_length=150)
    opened_on: dt.date | None = None
    opens_at: LocalTime | None = None
    closes_at: LocalTime | None = None
    capacity: int | None = Field(None, ge=0, le=100000)
    status: Literal[tuple(Center.Status.values)] = Center.Status.ACTIVE.value


@router.get("/centros", response=list[CenterOut], summary="Centros (en su territorio)")
@paginate(CappedPagination)
def center_list(request, q: str = "", departamento: Id | None = None, municipio: Id | None = None,
                tipo: str = "", estado: str = ""):
    return selectors.center_list(user=request.auth, q=q, department_id=departamento, municipality_id=municipio,
                                 kind=tipo, status=estado)


@router.get("/centros/{center_id}", response=CenterOut, summary="Un centro")
def center_get(request, center_id: Id):
    return selectors.center_get(user=request.auth, pk=center_id)


@router.post("/centros", response={201: CenterOut}, summary="Registrar centro")
def center_create(request, payload: CenterIn):
    data = payload.dict()
    municipality = Municipality.objects.filter(pk=data.pop("municipality_id")).first()
    if municipality is None:
        raise ApplicationError(_("Municipio desconocido."), field="municipality_id")
    return Status(201, services.center_create(acting_user=request.auth, municipality=municipality, **data))
