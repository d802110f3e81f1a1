from ninja import Router, Schema
from ninja.pagination import paginate

from tejido.api.pagination import CappedPagination
from tejido.api.types import Id

from .selectors import department_list, municipality_list, place_list

router = Router()


class DepartmentOut(Schema):
    id: int
    name: str
    municipality_count: int


class MunicipalityOut(Schema):
    id: int
    name: str
    department_id: int


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    municipality_id: int


@router.get("/departamentos", response=list[DepartmentOut], summary="Departamentos (código INE)")
def departments(request):
    return department_list()


@router.get("/municipios", response=list[MunicipalityOut], summary="Municipios (código INE)")
def municipalities(request, departamento: Id | None = None, q: str = ""):
    return municipality_list(department_id=departamento, q=q)


@router.get("/lugares", response=list[PlaceOut], summary="Lugares poblados de su territorio")
@paginate(CappedPagination)
def places(request, municipio: Id | None = None):
    return place_list(user=request.auth, municipality_id=municipio)
