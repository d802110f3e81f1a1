"""/api/v1/exportaciones/: the same exports as the pages (CSV or XLSX of a list, with the
list's own filters as query parameters), through the same scope and the same access log."""

from typing import Literal

from ninja import Query, Router, Schema

from tejido.api.types import Id

from .exports import all_exports, export_response, may_export

router = Router()


class ExportOut(Schema):
    slug: str
    title: str
    personal: bool


class FormatQuery(Schema):
    formato: Literal["csv", "xlsx"] = "csv"


@router.get("/exportaciones", response=list[ExportOut], summary="Listas que usted puede exportar")
def export_catalogue(request):
    return [ExportOut(slug=e.slug, title=str(e.title), personal=e.personal) for e in all_exports().values()
            if may_export(request.user, e)]


@router.get("/exportaciones/{slug}", summary="Exportar una lista (CSV o XLSX)",
            description="Los demás parámetros son los filtros de la página de la lista (p. ej. `q`, `sex`).")
def export_list(request, slug: str, query: Query[FormatQuery]):
    return export_response(request, slug, query.formato)


@router.get("/exportaciones/{slug}/{pk}", summary="Exportar la lista de un registro (p. ej. inscritos de un centro)")
def export_item_list(request, slug: str, pk: Id, query: Query[FormatQuery]):
    return export_response(request, slug, query.formato, pk=pk)


@router.get("/exportaciones/{slug}/{pk}/{code}", summary="Exportar la tarjeta de existencias de un producto")
def export_item_code_list(request, slug: str, pk: Id, code: str, query: Query[FormatQuery]):
    return export_response(request, slug, query.formato, pk=pk, code=code)
