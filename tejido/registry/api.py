"""/api/v1/personas and /api/v1/hogares, through the same selectors and services as the pages."""

import datetime as dt
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tejido.api.conflicts import ConflictOut, IfMatch
from tejido.api.pagination import CappedPagination
from tejido.api.types import Id
from tejido.centers.models import Center
from tejido.common.errors import ApplicationError
from tejido.reliability.locking import version_of
from tejido.territory.models import Municipality, Place

from . import selectors, services
from .choices import (
    Disability,
    HouseholdKind,
    LanguageCommunity,
    PovertyStatus,
    Pueblo,
    Relationship,
    Sex,
)

router = Router()

SexCode = Literal[tuple(Sex.values)]
PuebloCode = Literal[tuple(Pueblo.values)]
LanguageCode = Literal[tuple(LanguageCommunity.values)]
DisabilityCode = Literal[tuple(Disability.values)]
PovertyCode = Literal[tuple(PovertyStatus.values)]


class PersonOut(Schema):
    id: int
    given_names: str
    first_surname: str
    second_surname: str
    married_surname: str
    sex: str
    birth_date: dt.date
    birth_date_estimated: bool
    cui: str | None
    pueblo: str
    language_community: str
    disability: str
    poverty_status: str
    municipality_id: int
    department_id: int
    place_id: int | None
    address: str
    phone: str
    registered_center_id: int | None
    version: str  # send it back as If-Match when updating (docs/reliability.md)

    @staticmethod
    def resolve_version(obj) -> str:
        return version_of(obj)


class PersonIn(Schema):
    given_names: str = Field(max_length=80)
    first_surname: str = Field(max_length=50)
    second_surname: str = Field("", max_length=50)
    married_surname: str = Field("", max_length=50)
    sex: SexCode
    birth_date: dt.date
    birth_date_estimated: bool = False
    cui: str | None = Field(None, max_length=20)
    pueblo: PuebloCode = Pueblo.NOT_STATED.value
    language_community: LanguageCode = LanguageCommunity.NOT_STATED.value
    disability: DisabilityCode = Disability.NOT_STATED.value
    poverty_status: PovertyCode = PovertyStatus.NOT_ASSESSED.value
    municipality_id: Id
    place_id: Id | None = None
    address: str = Field("", max_length=250)
    phone: str = Field("", max_length=20)
    registered_center_id: Id | None = None
    confirm_distinct: bool = Field(False, description="Registrar aunque haya posibles coincidencias (409).")


class PersonPatch(Schema):
    given_names: str | None = Field(None, max_length=80)
    first_surname: str | None = Field(None, max_length=50)
    second_surname: str | None = Field(None, max_length=50)
    married_surname: str | None = Field(None, max_length=50)
    sex: SexCode | None = None
    birth_date: dt.date | None = None
    birth_date_estimated: bool | None = None
    cui: str | None = Field(None, max_length=20)
    pueblo: PuebloCode | None = None
    language_community: LanguageCode | None = None
    disability: DisabilityCode | None = None
    poverty_status: PovertyCode | None = None
    municipality_id: Id | None = None
    address: str | None = Field(None, max_length=250)
    phone: str | None = Field(None, max_length=20)


class MemberOut(Schema):
    person_id: int
    relationship: str


class HouseholdOut(Schema):
    id: int
    kind: str
    name: str
    municipality_id: int
    department_id: int
    address: str
    version: str  # send it back as If-Match when updating (docs/reliability.md)

    @staticmethod
    def resolve_version(obj) -> str:
        return version_of(obj)


class HouseholdDetailOut(HouseholdOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj):
        return [{"person_id": m.person_id, "relationship": m.relationship} for m in obj.memberships.all()]


class HouseholdIn(Schema):
    name: str = Field(max_length=120)
    kind: Literal[tuple(HouseholdKind.values)] = HouseholdKind.HOUSEHOLD.value
    municipality_id: Id
    address: str = Field("", max_length=250)


class HouseholdPatch(Schema):
    name: str | None = Field(None, max_length=120)
    kind: Literal[tuple(HouseholdKind.values)] | None = None
    municipality_id: Id | None = None
    address: str | None = Field(None, max_length=250)


class MemberIn(Schema):
    person_id: Id
    relationship: Literal[tuple(Relationship.values)]


def _resolve_refs(data: dict) -> dict:
    """Turn *_id inputs into objects, with a Spanish error naming the field."""
    if "municipality_id" in data:
        municipality = Municipality.objects.filter(pk=data.pop("municipality_id")).first()
        if municipality is None:
            raise ApplicationError(_("Municipio desconocido."), field="municipality_id")
        data["municipality"] = municipality
    if "place_id" in data:
        place_id = data.pop("place_id")
        data["place"] = Place.objects.filter(pk=place_id).first() if place_id else None
        if place_id and data["place"] is None:
            raise ApplicationError(_("Lugar poblado desconocido."), field="place_id")
    if "registered_center_id" in data:
        center_id = data.pop("registered_center_id")
        data["registered_center"] = Center.objects.filter(pk=center_id).first() if center_id else None
        if center_id and data["registered_center"] is None:
            raise ApplicationError(_("Centro desconocido."), field="registered_center_id")
    return data


@router.get("/personas", response=list[PersonOut], summary="Buscar personas (en su territorio)")
@paginate(CappedPagination)
def person_list(request, q: str = "", departamento: Id | None = None, municipio: Id | None = None,
                sexo: str = "", pueblo: str = "", registrado_desde: dt.date | None = None,
                registrado_hasta: dt.date | None = None):
    qs = selectors.person_list(user=request.auth, q=q, department_id=departamento, municipality_id=municipio,
                               sex=sexo, pueblo=pueblo)
    if registrado_desde:
        qs = qs.filter(created_at__date__gte=registrado_desde)
    if registrado_hasta:
        qs = qs.filter(created_at__date__lte=registrado_hasta)
    return qs


@router.get("/personas/{person_id}", response=PersonOut, summary="Una persona")
def person_get(request, person_id: Id):
    return selectors.person_get(user=request.auth, pk=person_id)


@router.post("/personas", response={201: PersonOut, 409: dict}, summary="Registrar persona")
def person_create(request, payload: PersonIn):
    data = _resolve_refs(payload.dict())
    if not data.pop("confirm_distinct"):
        from tejido.dedup.matches import matches_payload, registration_matches

        matches = registration_matches(request.auth, data)
        if matches:
            return Status(409, matches_payload(matches))
    return Status(201, services.person_create(acting_user=request.auth, **data))


@router.patch("/personas/{person_id}", response={200: PersonOut, 409: ConflictOut}, summary="Modificar persona")
def person_update(request, person_id: Id, payload: PersonPatch, if_match: IfMatch = None):
    person = selectors.person_get(user=request.auth, pk=person_id, log=False)
    data = _resolve_refs(payload.dict(exclude_unset=True))
    # If-Match: the version read before; a stale one is refused with 409 (tejido/reliability/locking.py).
    return services.person_update(person=person, acting_user=request.auth, version=if_match, **data)


@router.get("/hogares", response=list[HouseholdOut], summary="Hogares (en su territorio)")
@paginate(CappedPagination)
def household_list(request, q: str = "", departamento: Id | None = None, municipio: Id | None = None,
                   tipo: str = ""):
    return selectors.household_list(user=request.auth, q=q, department_id=departamento,
                                    municipality_id=municipio, kind=tipo)


@router.get("/hogares/{household_id}", response=HouseholdDetailOut, summary="Un hogar con sus miembros")
def household_get(request, household_id: Id):
    return selectors.household_get(user=request.auth, pk=household_id)


@router.post("/hogares", response={201: HouseholdOut}, summary="Registrar hogar")
def household_create(request, payload: HouseholdIn):
    data = _resolve_refs(payload.dict())
    return Status(201, services.household_create(acting_user=request.auth, **data))


@router.patch("/hogares/{household_id}", response={200: HouseholdOut, 409: ConflictOut}, summary="Modificar hogar")
def household_update(request, household_id: Id, payload: HouseholdPatch, if_match: IfMatch = None):
    household = selectors.household_get(user=request.auth, pk=household_id, log=False)
    current = {"name": household.name, "kind": household.kind, "municipality": household.municipality,
               "address": household.address}
    changes = _resolve_refs({k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None})
    # If-Match: the version read before; a stale one is refused with 409 (tejido/reliability/locking.py).
    return services.household_update(household=household, acting_user=request.auth,
                                      version=if_match, **{**current, **changes})


@router.post("/hogares/{household_id}/miembros", response={201: MemberOut}, summary="Agregar miembro")
def household_add_member(request, household_id: Id, payload: MemberIn):
    household = selectors.household_get(user=request.auth, pk=household_id, log=False)
    person = selectors.person_get(user=request.auth, pk=payload.person_id, log=False)
    member = services.household_add_member(household=household, person=person,
                                           relationship=payload.relationship, acting_user=request.auth)
    return Status(201, {"person_id": member.person_id, "relationship": member.relationship})


