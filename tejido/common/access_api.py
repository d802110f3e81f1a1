"""/api/v1/auditoria/accesos: the access log through the API, with the page's filters, scope and
readable rows (tejido.common.access_log). Auditors only (administrators through a session with
the second factor; a token cannot prove it): everyone else gets 403. Read-only."""

import datetime as dt
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tejido.api.pagination import CappedPagination
from tejido.api.types import Id

from .access_log import AccessFilters, access_events, describe, log_search, require_reader
from .access_records import KIND_SLUGS
from .models import AccessEvent

router = Router()


class AccessEventOut(Schema):
    id: int
    at: dt.datetime
    user_id: int | None
    username: str = Field(description="Usuario; vacío si no había sesión.")
    user_name: str = Field(description="Nombre completo del usuario.")
    action: str = Field(description="view, search, export, api o denied.")
    action_label: str = Field(description="El tipo de acceso en palabras (consulta, exportación…).")
    kind: str = Field(description="Tipo de registro (el valor del filtro `registro`); vacío si no tiene.")
    kind_label: str
    record_number: str = Field(description="Número del registro consultado; vacío en búsquedas y listas.")
    record_label: str = Field(description="El registro en palabras. Casos de protección: solo el número.")
    record_url: str | None = Field(description="Su página, si está dentro de su alcance.")
    department_id: int | None
    department: str
    ip_address: str | None = Field(description="Dirección del cliente; null en eventos anteriores a su registro.")
    channel: str = Field(description="web, api, export o system; vacío en eventos anteriores.")
    channel_label: str
    user_agent: str = Field(description="Familia del navegador o programa (p. ej. «Firefox 128 · Windows»).")
    api_token: str = Field(description="Nombre del token de API usado, si lo hubo.")
    detail: str = Field(description="Búsqueda, formato, filtros… en palabras.")


class AccessLogPagination(CappedPagination):
    """The shared capped pagination; the page's events become readable rows in one pass."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        answer = super().paginate_queryset(queryset, pagination, request, **params)
        answer["items"] = describe(answer["items"], request.user)
        # after the read, as on the page: the answer does not list its own search
        log_search(request.user, request.access_log_filters)
        return answer


class AccessQuery(Schema):
    persona: str = Field("", max_length=100, description="Nombre, CUI o número de registro de la persona.")
    usuario: str = Field("", max_length=150, description="Usuario (exacto) o palabras de su nombre.")
    accion: Literal[tuple(AccessEvent.Action.values)] | None = None
    registro: Literal[tuple(KIND_SLUGS)] | None = Field(None, description="Tipo de registro.")
    numero: str = Field("", max_length=40, description="Número del registro (con `registro`).")
    desde: dt.date | None = None
    hasta: dt.date | None = None
    departamento: Id | None = None
    canal: Literal[tuple(AccessEvent.Channel.values)] | None = None
    ip: str = Field("", max_length=45)

    def filters(self) -> AccessFilters:
        return AccessFilters(person=self.persona, user=self.usuario, action=self.accion or "", kind=self.registro or "",
                             number=self.numero, start=self.desde, end=self.hasta, department=self.departamento,
                             channel=self.canal or "", ip=self.ip)


@router.get("/accesos", response=list[AccessEventOut], summary="Bitácora de accesos (auditoría)",
            description="Quién consultó, buscó o exportó qué, cuándo y desde dónde; los mismos filtros que "
                        "/auditoria/accesos/. Solo auditoría (administración: sesión con segundo factor).")
@paginate(AccessLogPagination)
def access_log(request, query: Query[AccessQuery]):
    require_reader(request.user)
    request.access_log_filters = query.filters()
    return access_events(user=request.user, filters=request.access_log_filters).events
