"""The only writers of people and households. Each function checks the acting user's
rights and scope, validates everything before writing, and records history in the same
transaction, so nothing is ever half-saved."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.audit import save_with_history, stored_values
from tejido.common.errors import ApplicationError
from tejido.reliability.locking import check_version
from tejido.territory.models import Municipality
from tejido.territory.scope import require_department_in_scope, require_write, restrict, scope_of

from .choices import (
    Disability,
    HouseholdKind,
    LanguageCommunity,
    PovertyStatus,
    Pueblo,
    Relationship,
    Sex,
)
from .cui import validate_cui
from .models import Household, HouseholdMember, Person
from .selectors import PERSON_RECORD_SCOPE

MAX_AGE_YEARS = 120
PERSON_FIELDS = ["given_names", "first_surname", "second_surname", "married_surname", "sex", "birth_date",
                 "birth_date_estimated", "cui", "pueblo", "language_community", "disability", "poverty_status",
                 "municipality", "place", "address", "phone", "registered_center"]
TEXT_LIMITS = {"given_names": 80, "first_surname": 50, "second_surname": 50, "married_surname": 50,
               "address": 250, "phone": 20}
CHOICE_FIELDS = {"sex": Sex, "pueblo": Pueblo, "language_community": LanguageCommunity,
                 "disability": Disability, "poverty_status": PovertyStatus}


def _clean_text(person: Person) -> None:
    for name, limit in TEXT_LIMITS.items():
        value = " ".join(str(getattr(person, name) or "").split())
        if len(value) > limit:
            label = Person._meta.get_field(name).verbose_name
            raise ApplicationError(_("«%(label)s» no puede pasar de %(limit)s caracteres.")
                                   % {"label": label, "limit": limit}, field=name)
        setattr(person, name, value)


def cui_taken_elsewhere() -> str:
    """A CUI taken by someone the user may not see: the clash is stated, nothing about that person (not
    the name, not whether the typed name matches, not the department), and the way forward is the
    duplicate review, where central staff see both records (issue 15, item 8)."""
    return _("Este CUI ya está registrado en Tejido. Si es la misma persona, no la registre de nuevo: pida "
             "una revisión de duplicados al personal central (Duplicados, /duplicados/).")


def _check_cui_free(person: Person, acting_user) -> None:
    clash = Person.all_objects.filter(cui=person.cui).exclude(pk=person.pk)
    if not clash.exists():
        return
    if acting_user is not None and restrict(clash, acting_user, **PERSON_RECORD_SCOPE).exists():
        # Someone the user can open (search the CUI): saying so helps and reveals nothing new.
        raise ApplicationError(_("Ese CUI ya pertenece a otra persona registrada."), field="cui")
    raise ApplicationError(cui_taken_elsewhere(), field="cui")


def _validate_person(person: Person, acting_user=None) -> None:
    _clean_text(person)
    if not person.given_names:
        raise ApplicationError(_("Escriba al menos un nombre."), field="given_names")
    if not person.first_surname:
        raise ApplicationError(_("Escriba el primer apellido."), field="first_surname")
    for name, choices in CHOICE_FIELDS.items():
        if getattr(person, name) not in choices.values:
            label = Person._meta.get_field(name).verbose_name
            raise ApplicationError(_("Valor no válido para «%(label)s».") % {"label": label}, field=name)
    if person.married_surname and person.sex != Sex.FEMALE:
        raise ApplicationError(_("El apellido de casada solo aplica a mujeres."), field="married_surname")
    _validate_birth_date(person.birth_date)
    if person.phone and not person.phone.replace(" ", "").replace("-", "").lstrip("+").isdigit():
        raise ApplicationError(_("El teléfono solo puede tener números, espacios y guiones."), field="phone")
    if person.cui:
        person.cui = validate_cui(person.cui)
        _check_cui_free(person, acting_user)
    else:
        person.cui = None
    if person.place_id and person.place.municipality_id != person.municipality_id:
        raise ApplicationError(_("El lugar poblado no pertenece al municipio elegido."), field="place")


def _validate_birth_date(birth_date) -> None:
    if not isinstance(birth_date, dt.date):
        raise ApplicationError(_("Escriba la fecha de nacimiento (dd/mm/aaaa)."), field="birth_date")
    today = timezone.localdate()
    if birth_date > today:
        raise ApplicationError(_("La fecha de nacimiento no puede estar en el futuro."), field="birth_date")
    if birth_date < today.replace(year=today.year - MAX_AGE_YEARS):
        raise ApplicationError(_("Edad imposible: más de %(years)s años.") % {"years": MAX_AGE_YEARS},
                               field="birth_date")


def _check_person_scope(acting_user, person: Person) -> None:
    """Writers place people only in their territory; center clerks only at their centers."""
    scope = require_write(acting_user)
    if scope.national:
        return
    if scope.department_ids:
        if person.registered_center_id and person.registered_center.department_id not in scope.department_ids:
            raise ApplicationError(_("Ese centro está fuera de su territorio."), field="registered_center")
        # Registered at one of their centers (a returned migrant received at La Aurora, a child
        # from across the border at a CADI): the person may live in another department.
        if not person.registered_center_id:
            require_department_in_scope(acting_user, person.municipality.department_id)
        return
    if not person.registered_center_id or person.registered_center_id not in scope.center_ids:
        raise ApplicationError(_("Elija uno de los centros que usted atiende."), field="registered_center")


def _save_person(person: Person, acting_user, reason: str = "", before: dict | None = None) -> Person:
    """`before`: the stored values of an existing person (`stored_values`); equal after the checks,
    nothing is written."""
    if not isinstance(person.municipality, Municipality):
        raise ApplicationError(_("Elija un municipio existente."), field="municipality")
    _check_person_scope(acting_user, person)
    _validate_person(person, acting_user)
    person.refresh_derived()
    if before is not None and stored_values(person) == before:
        return person
    try:
        with transaction.atomic():
            save_with_history(person, acting_user=acting_user, reason=reason)
    except IntegrityError:
        # A concurrent registration took the same CUI between our check and our insert (whose, unknown).
        raise ApplicationError(cui_taken_elsewhere(), field="cui") from None
    return person


@transaction.atomic
def person_create(*, acting_user, municipality: Municipality, given_names: str, first_surname: str, sex: str,
                  birth_date: dt.date, **fields) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ApplicationError(_("Campos desconocidos: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    person = Person(municipality=municipality, given_names=given_names, first_surname=first_surname, sex=sex,
                    birth_date=birth_date, created_by=acting_user, **fields)
    return _save_person(person, acting_user)


@transaction.atomic
def person_update(*, person: Person, acting_user, version: str | None = None, **changes) -> Person:
    _check_person_scope(acting_user, person)  # may the user touch this person where it is now?
    check_version(person, version)  # refuses a save based on a stale copy (tejido/reliability/locking.py)
    before = stored_values(person)
    for name, value in changes.items():
        if name not in PERSON_FIELDS:
            raise ApplicationError(_("El campo %(field)s no se puede modificar.") % {"field": name})
        setattr(person, name, value)
    return _save_person(person, acting_user, before=before)


@transaction.atomic
def person_soft_delete(*, person: Person, reason: str, acting_user) -> Person:
    _check_person_scope(acting_user, person)
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise ApplicationError(_("Explique el motivo de la eliminación (al menos 5 caracteres)."), field="reason")
    person.deleted_at = timezone.now()
    person.deleted_by = acting_user
    person.deletion_reason = reason[:300]
    save_with_history(person, acting_user=acting_user, reason=f"Eliminado: {reason}")
    return person


# --- Households -------------------------------------------------------------------------


def _check_household(acting_user, *, name: str, municipality: Municipality, kind: str, place) -> str:
    """The rules of a household's own fields, for registering and for changing it: the clean name."""
    require_department_in_scope(acting_user, municipality.department_id)
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Escriba un nombre para el hogar."), field="name")
    if len(name) > 120:
        raise ApplicationError(_("El nombre no puede pasar de 120 caracteres."), field="name")
    if kind not in HouseholdKind.values:
        raise ApplicationError(_("Tipo de hogar desconocido."), field="kind")
    if place is not None and place.municipality_id != municipality.id:
        raise ApplicationError(_("El lugar poblado no pertenece al municipio elegido."), field="place")
    return name


def _require_household_writer(acting_user) -> None:
    require_write(acting_user)
    scope = scope_of(acting_user)
    if not scope.national and not scope.department_ids:
        raise ApplicationError(_("Su rol no permite registrar hogares."))


@transaction.atomic
def household_create(*, acting_user, name: str, municipality: Municipality, kind: str = HouseholdKind.HOUSEHOLD,
                     place=None, address: str = "") -> Household:
    _require_household_writer(acting_user)
    name = _check_household(acting_user, name=name, municipality=municipality, kind=kind, place=place)
    household = Household(name=name, municipality=municipality, department_id=municipality.department_id,
                          kind=kind, place=place, address=(address or "")[:250], created_by=acting_user)
    save_with_history(household, acting_user=acting_user)
    return household


@transaction.atomic
def household_update(*, household: Household, acting_user, name: str, municipality: Municipality, kind: str,
                     address: str = "", version: str | None = None) -> Household:
    """Name, kind, municipality and address. Moving it to another municipality needs the new one in
    scope too, and drops a populated place of the old one."""
    _require_household_writer(acting_user)
    require_department_in_scope(acting_user, household.department_id)  # where it is now
    check_version(household, version)  # refuses a save based on a stale copy (tejido/reliability/locking.py)
    before = stored_values(household)
    place = household.place if household.place_id and household.place.municipality_id == municipality.id else None
    household.name = _check_household(acting_user, name=name, municipality=municipality, kind=kind, place=place)
    household.kind, household.municipality, household.place = kind, municipality, place
    household.department_id, household.address = municipality.department_id, (address or "")[:250]
    if stored_values(household) != before:  # nothing changed (an empty PATCH): nothing written
        save_with_history(household, acting_user=acting_user, reason=_("Datos del hogar modificados"))
    return household


@transaction.atomic
def household_add_member(*, household: Household, person: Person, relationship: str, acting_user,
                         joined_on=None) -> HouseholdMember:
    require_write(acting_user)
    require_department_in_scope(acting_user, household.department_id, field="person")
    if relationship not in Relationship.values:
        raise ApplicationError(_("Parentesco desconocido."), field="relationship")
    if HouseholdMember.objects.filter(household=household, person=person).exists():
        raise ApplicationError(_("%(name)s ya es miembro de este hogar.") % {"name": person.full_name}, field="person")
    if relationship == Relationship.HEAD and HouseholdMember.objects.filter(
        household=household, relationship=Relationship.HEAD, left_on__isnull=True
    ).exists():
        raise ApplicationError(_("Este hogar ya tiene jefe/a de hogar."), field="relationship")
    member = HouseholdMember(household=household, person=person, relationship=relationship,
                             joined_on=joined_on, created_by=acting_user)
    save_with_history(member, acting_user=acting_user)
    return member


@transaction.atomic
def household_remove_member(*, member: HouseholdMember, reason: str, acting_user) -> None:
    require_write(acting_user)
    require_department_in_scope(acting_user, member.household.department_id, field="person")
    if len((reason or "").strip()) < 5:
        raise ApplicationError(_("Explique el motivo (al menos 5 caracteres)."), field="reason")
    member.deleted_at = timezone.now()
    member.deleted_by = acting_user
    member.deletion_reason = reason.strip()[:300]
    save_with_history(member, acting_user=acting_user, reason=reason)
