"""/api/v1/transparencia/: the public portal's protected figures, without a token (auth=None on
this router only). Same parameters as the page: programa, departamento (INE code), tipo, anio,
cuatrimestre, mes."""

from django.http import Http404, JsonResponse
from ninja import Router

from tejido.api.types import Id, Int
from tejido.common.errors import NotFoundOrOutOfScope

from .forms import PortalForm, default_query
from .publication import TooManyBuilds, national, select
from .views import client_address, table_of

router = Router(auth=None)


def _publication(request) -> dict:
    form = PortalForm({**default_query(), **request.GET.dict()})  # only what differs from this year
    if not form.is_valid() or "period" not in form.cleaned_data:
        raise form.first_error()
    data = form.cleaned_data
    return select(national(data["period"], client=client_address(request)), program=data["programa"],
                  department=data["departamento"])


def _too_many(error) -> JsonResponse:
    return JsonResponse({"detail": error.message}, status=429)


@router.get("/", summary="Cifras publicadas (con protección de celdas pequeñas) de un periodo")
def publication(request, tipo: str = "anio", anio: Int | None = None, cuatrimestre: Int | None = None,
                mes: Int | None = None, programa: str = "", departamento: Id | None = None):
    try:
        return _publication(request)
    except TooManyBuilds as error:
        return _too_many(error)


@router.get("/{cuadro}", summary="Un cuadro publicado, con el periodo y el ámbito")
def table(request, cuadro: str, tipo: str = "anio", anio: Int | None = None, cuatrimestre: Int | None = None,
          mes: Int | None = None, programa: str = "", departamento: Id | None = None):
    try:
        found = _publication(request)
    except TooManyBuilds as error:
        return _too_many(error)
    try:
        chosen = table_of(found, cuadro)
    except Http404:
        raise NotFoundOrOutOfScope() from None
    return {**{k: v for k, v in found.items() if k != "tables"}, "table": chosen}
