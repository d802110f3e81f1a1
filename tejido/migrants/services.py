"""The only writers of receptions: a family unit and all its members in one transaction
(nothing half-saved), and referrals of a member to a program or partner institution."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.centers.models import Center, CenterKind
from tejido.common.audit import save_with_history
from tejido.common.capture import check_captured_at
from tejido.common.errors import ApplicationError
from tejido.programs.referrals import referral_create
from tejido.programs.services import check_center_in_scope
from tejido.registry.choices import Relationship, Sex
from tejido.registry.services import person_create
from tejido.territory.models import Municipality

from .models import (
    ArrivalMode,
    Care,
    Reception,
    ReceptionCare,
    ReceptionMember,
    ReceptionVulnerability,
    ReturnedFrom,
    Vulnerability,
)

# The Departamento de Atención a Unidades Familiares Migrantes belongs to Servicio Social.
ORIGIN_PROGRAM = Program.SOCIAL_SERVICE
SOURCE_PREFIX = "migrants.Reception:"
MAX_MEMBERS = 30
MAX_AGE = 119
# Partner institutions named in seed 001 §6.4; any other may be typed.
PARTNER_INSTITUTIONS = ["Refugio de la Niñez", "Organización Internacional para las Migraciones (OIM)", "Cristosal",
                        "Coordinación de Sedes Departamentales de la SOSEP"]


@dataclass
class MemberData:
    given_names: str
    first_surname: str
    sex: str
    second_surname: str = ""
    age_years: int | None = None
    birth_date: dt.date | None = None
    relationship: str = Relationship.CHILD
    cui: str | None = None
    # An already registered person (the officer chose them in the duplicate warning): no new Person.
    person: object | None = None


def birth_date_from_age(age_years: int, on: dt.date) -> dt.date:
    """A stated age as a birth date in the middle of the possible year, so the person is
    exactly `age_years` old on `on`."""
    try:
        anniversary = on.replace(year=on.year - age_years)
    except ValueError:  # 29 February
        anniversary = on.replace(year=on.year - age_years, day=28)
    return anniversary - dt.timedelta(days=182)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _member_error(index: int, field: str, message: str) -> ApplicationError:
    return ApplicationError(message, field=f"members.{index}.{field}")


def _check_member(index: int, member: MemberData, on: dt.date) -> tuple[dt.date, bool]:
    """Validate one member; returns (birth date, estimated?)."""
    if not " ".join((member.given_names or "").split()):
        raise _member_error(index, "given_names", _("Escriba al menos un nombre."))
    if not " ".join((member.first_surname or "").split()):
        raise _member_error(index, "first_surname", _("Escriba el primer apellido."))
    if member.sex not in Sex.values:
        raise _member_error(index, "sex", _("Indique el sexo."))
    if member.relationship not in Relationship.values:
        raise _member_error(index, "relationship", _("Elija el parentesco de la lista."))
    if member.birth_date is not None:
        if not isinstance(member.birth_date, dt.date):
            raise _member_error(index, "birth_date", _("Fecha no válida; use dd/mm/aaaa."))
        if member.birth_date > on:
            raise _member_error(index, "birth_date", _("La fecha de nacimiento es posterior a la recepción."))
        if age_on(member.birth_date, on) > MAX_AGE:
            raise _member_error(index, "birth_date", _("Edad imposible: más de %(n)s años.") % {"n": MAX_AGE})
        if member.age_years is not None and member.age_years != age_on(member.birth_date, on):
            raise _member_error(index, "age_years",
                                _("La edad no coincide con la fecha de nacimiento; escriba solo una de las dos."))
        return member.birth_date, False
    if member.age_years is None:
        raise _member_error(index, "age_years", _("Escriba la edad en años o la fecha de nacimiento."))
    if not isinstance(member.age_years, int) or isinstance(member.age_years, bool) \
            or not 0 <= member.age_years <= MAX_AGE:
        raise _member_error(index, "age_years", _("Edad no válida: escriba los años cumplidos, de 0 a %(n)s.")
                            % {"n": MAX_AGE})
    return birth_date_from_age(member.age_years, on), True


def _check_existing_people(acting_user, members: list[MemberData], on: dt.date) -> None:
    """Members given as existing people: each one the officer may see, and at most once."""
    from tejido.registry.models import Person

    from .duplicates import person_may_be_used

    seen = set()
    for index, member in enumerate(members):
        if member.person is None:
            continue
        if not isinstance(member.person, Person) or not person_may_be_used(acting_user, member.person.pk):
            raise _member_error(index, "given_names", _("Esa persona no está en su territorio."))
        if member.person.pk in seen:
            raise _member_error(index, "given_names", _("La misma persona está en dos filas."))
        if member.person.birth_date > on:
            raise _member_error(index, "given_names", _("La fecha de nacimiento es posterior a la recepción."))
        seen.add(member.person.pk)


def _codes(values: Iterable[str], allowed, field: str) -> list[str]:
    codes = list(dict.fromkeys(values or []))
    if any(code not in allowed.values for code in codes):
        raise ApplicationError(_("Elija valores de la lista."), field=field)
    return codes


def _check_reception(*, acting_user, date, center, arrival_mode, returned_from, returned_from_other,
                     destination_municipality, vulnerabilities, vulnerability_other) -> None:
    if not isinstance(center, Center) or center.kind != CenterKind.MIGRANT_RECEPTION:
        raise ApplicationError(_("Elija un centro de recepción de migrantes."), field="center")
    check_center_in_scope(acting_user, center)
    if center.status != Center.Status.ACTIVE:
        raise ApplicationError(_("El centro no está en funcionamiento."), field="center")
    if not isinstance(date, dt.date):
        raise ApplicationError(_("Escriba la fecha de recepción."), field="date")
    if date > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field="date")
    if arrival_mode not in ArrivalMode.values:
        raise ApplicationError(_("Indique la vía de ingreso (aérea o terrestre)."), field="arrival_mode")
    if returned_from not in ReturnedFrom.values:
        raise ApplicationError(_("Indique el país del que retorna."), field="returned_from")
    if returned_from == ReturnedFrom.OTHER and not returned_from_other:
        raise ApplicationError(_("Escriba de qué país retorna."), field="returned_from_other")
    if not isinstance(destination_municipality, Municipality):
        raise ApplicationError(_("Elija el municipio de destino."), field="destination_municipality")
    if Vulnerability.OTHER in vulnerabilities and not vulnerability_other:
        raise ApplicationError(_("Describa la otra causa de vulnerabilidad."), field="vulnerability_other")


@transaction.atomic
def reception_create(*, acting_user, date: dt.date, center: Center, arrival_mode: str, returned_from: str,
                     destination_municipality: Municipality, members: list[MemberData], care: Iterable[str] = (),
                     vulnerabilities: Iterable[str] = (), returned_from_other: str = "",
                     vulnerability_other: str = "", notes: str = "",
                     captured_at: dt.datetime | None = None) -> Reception:
    """Register a family unit and its members (each a registry Person) all at once. `captured_at`:
    when it was taken on the device (offline capture)."""
    captured_at = check_captured_at(captured_at)
    returned_from_other = " ".join((returned_from_other or "").split())[:60]
    vulnerability_other = " ".join((vulnerability_other or "").split())[:150]
    care = _codes(care, Care, "care")
    vulnerabilities = _codes(vulnerabilities, Vulnerability, "vulnerabilities")
    _check_reception(acting_user=acting_user, date=date, center=center, arrival_mode=arrival_mode,
                     returned_from=returned_from, returned_from_other=returned_from_other,
                     destination_municipality=destination_municipality, vulnerabilities=vulnerabilities,
                     vulnerability_other=vulnerability_other)
    members = list(members or [])
    if not members:
        raise ApplicationError(_("Registre al menos un integrante de la unidad familiar."), field="members")
    if len(members) > MAX_MEMBERS:
        raise ApplicationError(_("Una unidad familiar no puede tener más de %(n)s integrantes.") % {"n": MAX_MEMBERS},
                               field="members")
    births = [_check_member(i, m, date) for i, m in enumerate(members)]
    _check_existing_people(acting_user, members, date)
    heads = [i for i, m in enumerate(members) if m.relationship == Relationship.HEAD]
    if len(heads) != 1:
        raise ApplicationError(_("Indique una sola persona como jefe o jefa de la unidad familiar."),
                               field=f"members.{heads[1] if heads else 0}.relationship")
    reception = Reception(date=date, center=center, department_id=center.department_id, arrival_mode=arrival_mode,
                          returned_from=returned_from,
                          returned_from_other=returned_from_other if returned_from == ReturnedFrom.OTHER else "",
                          destination_municipality=destination_municipality,
                          destination_department_id=destination_municipality.department_id,
                          vulnerability_other=vulnerability_other if Vulnerability.OTHER in vulnerabilities else "",
                          notes=" ".join((notes or "").split())[:500], created_by=acting_user,
                          captured_at=captured_at)
    save_with_history(reception, acting_user=acting_user)
    for index, (member, (birth, estimated)) in enumerate(zip(members, births, strict=True)):
        if member.person is not None:  # the same person again: a new reception, no new record
            ReceptionMember.objects.create(reception=reception, person=member.person, relationship=member.relationship,
                                           age_years=age_on(member.person.birth_date, date), position=index)
            continue
        try:
            # Residence is the destination: the family is followed up there.
            person = person_create(
                acting_user=acting_user, municipality=destination_municipality, given_names=member.given_names,
                first_surname=member.first_surname, second_surname=member.second_surname or "", sex=member.sex,
                birth_date=birth, birth_date_estimated=estimated, cui=member.cui or None, registered_center=center)
        except ApplicationError as error:
            if error.field == "municipality":
                raise ApplicationError(error.message, field="destination_municipality") from None
            raise _member_error(index, error.field or "given_names", error.message) from None
        ReceptionMember.objects.create(reception=reception, person=person, relationship=member.relationship,
                                       age_years=age_on(birth, date), position=index)
    ReceptionCare.objects.bulk_create([ReceptionCare(reception=reception, code=c) for c in care])
    ReceptionVulnerability.objects.bulk_create(
        [ReceptionVulnerability(reception=reception, code=c) for c in vulnerabilities])
    return reception


@transaction.atomic
def reception_refer(*, reception: Reception, member: ReceptionMember, date: dt.date, reason: str, acting_user,
                    destination_program: str = "", destination_institution: str = ""):
    """Refer a member of the family to a program or partner, followed up where the family lives."""
    if member.reception_id != reception.pk:
        raise ApplicationError(_("Esa persona no pertenece a esta unidad familiar."), field="member")
    if isinstance(date, dt.date) and date < reception.date:
        raise ApplicationError(_("La derivación no puede ser anterior a la recepción."), field="date")
    return referral_create(person=member.person, origin_program=ORIGIN_PROGRAM, reason=reason, date=date,
                           municipality=reception.destination_municipality, acting_user=acting_user,
                           destination_program=destination_program,
                           destination_institution=destination_institution,
                           source=f"{SOURCE_PREFIX}{reception.pk}")
