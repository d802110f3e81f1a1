"""/api/v1/albergues: list and detail, open, register a family, check out, supplies, close,
the daily status of a shelter and national totals (COE). Same services and scope as the pages."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch, Versioned
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id, StrictCount
from tejido.centers.selectors import center_get
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.models import AccessEvent
from tejido.reliability.locking import version_of
from tejido.territory.models import Municipality
from tejido.territory.scope import scope_of

from . import figures, services
from .selectors import families_of, may_write, shelter_get, shelter_list, stays_of

router = Router()


class ShelterOut(Schema):
    id: int
    name: str
    event: str
    event_label: str
    center_id: int | None
    municipality_id: int
    department_id: int
    address: str
    opened_on: dt.date
    closed_on: dt.date | None
    capacity: int
    present: int | None = Field(None, description="Personas presentes hoy.")
    families_present: int | None = None


class MemberOut(Schema):
    stay_id: int
    person_id: int
    full_name: str
    sex: str
    relationship: str
    age_years: int
    check_in: dt.date
    check_out: dt.date | None


class FamilyOut(Schema):
    id: int
    check_in: dt.date
    members: list[MemberOut]


class ShelterDetailOut(ShelterOut):
    families: list[FamilyOut] | None = Field(None, description="Solo para roles que consultan datos personales.")
    version: str = Field(description="Versión (albergue y estadías): enviarla como If-Match en salidas y cierre.")


class ShelterVersionOut(Versioned, ShelterOut):
    pass


class CheckOutOut(Schema):
    checked_out: int
    version: str


class OpenIn(Schema):
    event: str = Field(max_length=12, description="frente_frio, tormenta, erupcion, caravana, otro")
    event_other: str = Field("", max_length=120)
    opened_on: dt.date
    capacity: StrictCount | None = Field(None, description="Obligatoria si no se elige centro.")
    center_id: Id | None = Field(None, description="Centro de tipo albergue temporal.")
    municipality_id: Id | None = Field(None, description="Lugar eventual: su municipio.")
    name: str = Field("", max_length=150)
    address: str = Field("", max_length=250)
    notes: str = Field("", max_length=500)


class MemberIn(Schema):
    given_names: str = Field(max_length=80)
    first_surname: str = Field(max_length=50)
    second_surname: str = Field("", max_length=50)
    sex: str = Field(max_length=1, description="M o F")
    age_years: StrictCount | None = Field(None, description="Edad declarada, si no se conoce la fecha de nacimiento.")
    birth_date: dt.date | None = None
    relationship: str = Field("hijo", max_length=16)
    cui: str | None = Field(None, max_length=20)


class FamilyIn(Schema):
    check_in: dt.date
    members: list[MemberIn]
    confirm_over_capacity: bool = Field(False, description="Confirma el ingreso aunque se supere la capacidad.")
    notes: str = Field("", max_length=250)


class CheckOutIn(Schema):
    stay_ids: list[Id]
    check_out: dt.date


class SupplyIn(Schema):
    item: str = Field(max_length=20, description="kit_higiene, racion_alimento, frazada, colchoneta, agua, ropa, otro")
    quantity: StrictCount
    date: dt.date
    family_id: Id | None = None
    note: str = Field("", max_length=250)


class SupplyOut(Schema):
    id: int
    item: str
    quantity: int
    date: dt.date
    family_id: int | None


class CloseIn(Schema):
    closed_on: dt.date
    notes: str = Field("", max_length=250)


def _writable(user, pk):
    shelter = shelter_get(user=user, pk=pk)
    if not may_write(user, shelter):
        raise NotFoundOrOutOfScope()
    return shelter


def _detail(user, shelter) -> dict:
    data = ShelterOut.from_orm(shelter).dict() | {"version": version_of(shelter)}
    if scope_of(user).sees_personal_data:
        families = families_of(user=user, shelter=shelter)
        log_access(user, AccessEvent.Action.API, model="shelters.Shelter", object_id=shelter.pk)
        data["families"] = [{"id": f.pk, "check_in": f.check_in, "members": [
            {"stay_id": s.pk, "person_id": s.person_id, "full_name": s.person.full_name, "sex": s.person.sex,
             "relationship": s.relationship, "age_years": s.age_years, "check_in": s.check_in,
             "check_out": s.check_out} for s in f.stays.all()]} for f in families]
    return data


@router.get("/", response=list[ShelterOut], summary="Albergues (en su territorio)")
@paginate(CappedPagination)
def shelters(request, estado: str = "", evento: str = "", desde: dt.date | None = None,
             hasta: dt.date | None = None):
    return shelter_list(user=request.auth, status=estado, event=evento, start=desde, end=hasta)


@router.post("/", response={201: ShelterOut}, summary="Abrir un albergue")
def open_shelter(request, payload: OpenIn):
    center = center_get(user=request.auth, pk=payload.center_id) if payload.center_id else None
    municipality = None
    if payload.municipality_id and center is None:
        municipality = Municipality.objects.filter(pk=payload.municipality_id).first()
        if municipality is None:
            raise ApplicationError("Elija un municipio existente.", field="municipality_id")
    data = payload.dict(exclude={"center_id", "municipality_id"})
    return Status(201, services.shelter_open(acting_user=request.auth, center=center, municipality=municipality,
                                             **data))


@router.get("/totales", summary="Totales para el COE: albergues abiertos y personas albergadas en una fecha")
def national(request, fecha: dt.date | None = None):
    data = figures.national_totals(user=request.auth, day=fecha or timezone.localdate())
    return {"date": data["day"], "total": data["total"], "capacity": data["capacity"],
            "by_department": [{"department": r["department__name"], "shelters": r["shelters"],
                               "families": r["families"], "persons": r["persons"]} for r in data["by_department"]],
            "by_event": [{"event": r["event"], "label": r["event_label"], "shelters": r["shelters"],
                          "families": r["families"], "persons": r["persons"]} for r in data["by_event"]],
            "over_capacity": [{"id": s.pk, "name": s.name, "present": s.present, "capacity": s.capacity}
                              for s in data["over_capacity"]]}


@router.get("/{shelter_id}", response=ShelterDetailOut, summary="Un albergue y sus familias")
def shelter_detail(request, shelter_id: Id):
    return _detail(request.auth, shelter_get(user=request.auth, pk=shelter_id))


@router.post("/{shelter_id}/familias", response={201: FamilyOut}, summary="Registrar una familia albergada")
def register_family(request, shelter_id: Id, payload: FamilyIn):
    shelter = _writable(request.auth, shelter_id)
    members = [services.MemberData(**m.dict()) for m in payload.members]
    family = services.family_register(shelter=shelter, acting_user=request.auth, check_in=payload.check_in,
                                      members=members, confirm_over_capacity=payload.confirm_over_capacity,
                                      notes=payload.notes)
    return Status(201, {"id": family.pk, "check_in": family.check_in, "members": [
        {"stay_id": s.pk, "person_id": s.person_id, "full_name": s.person.full_name, "sex": s.person.sex,
         "relationship": s.relationship, "age_years": s.age_years, "check_in": s.check_in, "check_out": s.check_out}
        for s in family.stays.select_related("person").order_by("position")]})


@router.post("/{shelter_id}/salidas", response={200: CheckOutOut, 409: ConflictOut},
             summary="Registrar la salida de personas")
def check_out(request, shelter_id: Id, payload: CheckOutIn, if_match: IfMatch = None):
    shelter = _writable(request.auth, shelter_id)
    stays = stays_of(shelter=shelter, ids=payload.stay_ids)
    if len(stays) != len(set(payload.stay_ids)):
        raise ApplicationError("Alguna de esas personas no está en este albergue.", field="stay_ids")
    n = services.stay_check_out(shelter=shelter, stays=stays, check_out=payload.check_out, acting_user=request.auth,
                                version=if_match)
    return {"checked_out": n, "version": version_of(shelter)}


@router.post("/{shelter_id}/insumos", response={201: SupplyOut}, summary="Registrar insumos entregados")
def supply(request, shelter_id: Id, payload: SupplyIn):
    shelter = _writable(request.auth, shelter_id)
    family = None
    if payload.family_id is not None:
        family = shelter.families.filter(pk=payload.family_id).first()
        if family is None:
            raise ApplicationError("Esa familia no está en este albergue.", field="family_id")
    return Status(201, services.supply_record(shelter=shelter, family=family, item=payload.item,
                                              quantity=payload.quantity, date=payload.date, note=payload.note,
                                              acting_user=request.auth))


@router.post("/{shelter_id}/cierre", response={200: ShelterVersionOut, 409: ConflictOut},
             summary="Cerrar el albergue")
def close(request, shelter_id: Id, payload: CloseIn, if_match: IfMatch = None):
    shelter = _writable(request.auth, shelter_id)
    return services.shelter_close(shelter=shelter, closed_on=payload.closed_on, notes=payload.notes,
                                  acting_user=request.auth, version=if_match)


@router.get("/{shelter_id}/estado", summary="Estado diario de un albergue (cifras, sin nombres)")
def daily_status(request, shelter_id: Id, fecha: dt.date | None = None):
    shelter = shelter_get(user=request.auth, pk=shelter_id)
    data = figures.daily_status(shelter=shelter, day=fecha or timezone.localdate())
    data.pop("shelter")
    return {"shelter_id": shelter.pk, **data}
