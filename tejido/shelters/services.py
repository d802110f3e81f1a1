"""The only writers of shelters: open, register a family (all its members at once), check
people out, hand out supplies, close. Each validates everything first; nothing half-saved."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.models import Center, CenterKind
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.migrants.services import MemberData, age_on, birth_date_from_age
from tejido.programs.services import check_center_in_scope
from tejido.registry.choices import Relationship, Sex
from tejido.registry.services import person_create
from tejido.reliability.locking import check_version
from tejido.territory.models import Municipality
from tejido.territory.scope import require_department_in_scope, require_write

from .models import EventKind, Shelter, ShelterFamily, Stay, Supply, SupplyItem

MAX_CAPACITY = 100_000
MAX_MEMBERS = 30
MAX_AGE = 119
MAX_SUPPLY = 100_000

__all__ = ["MemberData", "shelter_open", "family_register", "stay_check_out", "supply_record", "shelter_close",
           "occupancy_on", "present_on"]


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _clean(text: str, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def present_on(day: dt.date, prefix: str = "") -> Q:
    """Stays present on `day` (the night of that day). `prefix` for lookups through a relation."""
    p = prefix
    return (Q(**{f"{p}check_in__lte": day})
            & (Q(**{f"{p}check_out__isnull": True}) | Q(**{f"{p}check_out__gt": day})
               | Q(**{f"{p}check_in": day, f"{p}check_out": day})))


def occupancy_on(shelter: Shelter, day: dt.date) -> int:
    return Stay.objects.filter(present_on(day), shelter=shelter).count()


def _check_shelter_scope(acting_user, shelter: Shelter) -> None:
    if shelter.center_id:
        check_center_in_scope(acting_user, shelter.center, field="shelter")
    else:
        require_write(acting_user)
        require_department_in_scope(acting_user, shelter.department_id, field="shelter")


def _check_day(day, field: str, label: str) -> None:
    if not isinstance(day, dt.date):
        raise ApplicationError(_("Escriba la %(label)s (dd/mm/aaaa).") % {"label": label}, field=field)
    if day > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field=field)


def _check_open_on(shelter: Shelter, day: dt.date, field: str) -> None:
    """`day` falls inside the shelter's coverage."""
    if day < shelter.opened_on:
        raise ApplicationError(_("El albergue abrió el %(date)s; la fecha no puede ser anterior.")
                               % {"date": _fmt(shelter.opened_on)}, field=field)
    if shelter.closed_on and day > shelter.closed_on:
        raise ApplicationError(_("El albergue cerró el %(date)s; la fecha no puede ser posterior.")
                               % {"date": _fmt(shelter.closed_on)}, field=field)


# --- Open -------------------------------------------------------------------------------


@transaction.atomic
def shelter_open(*, acting_user, event: str, opened_on: dt.date, capacity: int, center: Center | None = None,
                 municipality: Municipality | None = None, name: str = "", address: str = "",
                 event_other: str = "", notes: str = "") -> Shelter:
    """Open a shelter at a shelter center (its name, place and capacity by default) or at an
    ad-hoc place (a school, a sports hall) named here with its municipality."""
    require_write(acting_user)
    name, address, event_other = _clean(name, 150), _clean(address, 250), _clean(event_other, 120)
    if center is not None:
        if not isinstance(center, Center) or center.kind != CenterKind.SHELTER:
            raise ApplicationError(_("Elija un centro de tipo albergue temporal."), field="center")
        check_center_in_scope(acting_user, center)
        if center.status != Center.Status.ACTIVE:
            raise ApplicationError(_("El centro no está en funcionamiento."), field="center")
        if Shelter.objects.filter(center=center, closed_on__isnull=True).exists():
            raise ApplicationError(_("Ese centro ya tiene un albergue abierto; ciérrelo antes de abrir otro."),
                                   field="center")
        municipality = center.municipality
        name = name or center.name
        address = address or center.address
        if capacity is None:
            capacity = center.capacity
    else:
        if not isinstance(municipality, Municipality):
            raise ApplicationError(_("Elija un centro de albergue o escriba el lugar y su municipio."),
                                   field="municipality")
        require_department_in_scope(acting_user, municipality.department_id)
        if not name:
            raise ApplicationError(_("Escriba el nombre del lugar donde funciona el albergue."), field="name")
    if event not in EventKind.values:
        raise ApplicationError(_("Elija el evento que motiva el albergue."), field="event")
    if event == EventKind.OTHER and not event_other:
        raise ApplicationError(_("Describa el evento."), field="event_other")
    _check_day(opened_on, "opened_on", _("fecha de apertura"))
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise ApplicationError(_("Escriba la capacidad en personas (un número entero de 1 a 100,000)."),
                               field="capacity")
    shelter = Shelter(name=name, event=event, event_other=event_other if event == EventKind.OTHER else "",
                      center=center, municipality=municipality, department_id=municipality.department_id,
                      address=address, opened_on=opened_on, capacity=capacity, notes=_clean(notes, 500),
                      created_by=acting_user)
    save_with_history(shelter, acting_user=acting_user)
    return shelter


# --- Families ---------------------------------------------------------------------------


def _member_error(index: int, field: str, message: str) -> ApplicationError:
    return ApplicationError(message, field=f"members.{index}.{field}")


def _check_member(index: int, member: MemberData, on: dt.date) -> tuple[dt.date, bool]:
    """Partial identity is enough: names, sex and a stated age (estimated birth date, no CUI)."""
    if not _clean(member.given_names, 80):
        raise _member_error(index, "given_names", _("Escriba al menos un nombre."))
    if not _clean(member.first_surname, 50):
        raise _member_error(index, "first_surname", _("Escriba el primer apellido."))
    if member.sex not in Sex.values:
        raise _member_error(index, "sex", _("Indique el sexo."))
    if member.relationship not in Relationship.values:
        raise _member_error(index, "relationship", _("Elija el parentesco de la lista."))
    if member.birth_date is not None:
        if member.birth_date > on:
            raise _member_error(index, "birth_date", _("La fecha de nacimiento es posterior al ingreso."))
        if age_on(member.birth_date, on) > MAX_AGE:
            raise _member_error(index, "birth_date", _("Edad imposible: más de %(n)s años.") % {"n": MAX_AGE})
        return member.birth_date, False
    age = member.age_years
    if age is None:
        raise _member_error(index, "age_years", _("Escriba la edad en años o la fecha de nacimiento."))
    if isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= MAX_AGE:
        raise _member_error(index, "age_years",
                            _("Edad no válida: escriba los años cumplidos, de 0 a %(n)s.") % {"n": MAX_AGE})
    return birth_date_from_age(age, on), True


def peak_occupancy_from(shelter: Shelter, day: dt.date, *, adding: int = 0) -> tuple[int, dt.date]:
    """The highest occupancy from `day` on, with `adding` more people present from `day`.
    Occupancy only rises on a check-in day, so those days are the only ones to look at."""
    days = {day} | set(Stay.objects.filter(shelter=shelter, check_in__gt=day).values_list("check_in", flat=True))
    best = (-1, day)
    for d in sorted(days):
        n = occupancy_on(shelter, d) + adding
        if n > best[0]:
            best = (n, d)
    return best


@transaction.atomic
def family_register(*, shelter: Shelter, acting_user, check_in: dt.date, members: list[MemberData],
                    confirm_over_capacity: bool = False, notes: str = "") -> ShelterFamily:
    """Register a family and each member (a registry Person with partial identity allowed),
    all present from `check_in`. Going over capacity needs `confirm_over_capacity`: in an
    emergency nobody is turned away, but the officer must know and say so."""
    shelter = Shelter.objects.select_for_update().get(pk=shelter.pk)
    _check_shelter_scope(acting_user, shelter)
    if shelter.closed_on is not None:
        raise ApplicationError(_("El albergue está cerrado desde el %(date)s; no admite ingresos.")
                               % {"date": _fmt(shelter.closed_on)}, field="check_in")
    _check_day(check_in, "check_in", _("fecha de ingreso"))
    _check_open_on(shelter, check_in, "check_in")
    members = list(members or [])
    if not members:
        raise ApplicationError(_("Registre al menos una persona de la familia."), field="members")
    if len(members) > MAX_MEMBERS:
        raise ApplicationError(_("Una familia no puede tener más de %(n)s integrantes.") % {"n": MAX_MEMBERS},
                               field="members")
    births = [_check_member(i, m, check_in) for i, m in enumerate(members)]
    heads = [i for i, m in enumerate(members) if m.relationship == Relationship.HEAD]
    if len(heads) > 1:
        raise ApplicationError(_("Indique una sola persona como jefe o jefa de familia."),
                               field=f"members.{heads[1]}.relationship")
    peak, peak_day = peak_occupancy_from(shelter, check_in, adding=len(members))
    if peak > shelter.capacity and not confirm_over_capacity:
        raise ApplicationError(
            _("Con esta familia el albergue tendría %(n)s personas el %(date)s y su capacidad es de %(cap)s. "
              "Si aun así debe recibirla, marque «Confirmo que se supera la capacidad».")
            % {"n": peak, "date": _fmt(peak_day), "cap": shelter.capacity}, field="confirm_over_capacity")
    family = ShelterFamily(shelter=shelter, check_in=check_in, notes=_clean(notes, 250), created_by=acting_user)
    save_with_history(family, acting_user=acting_user)
    center = shelter.center if shelter.center_id else None
    for index, (member, (birth, estimated)) in enumerate(zip(members, births, strict=True)):
        try:
            # Where they come from is often unknown in an emergency: registered where sheltered.
            person = person_create(acting_user=acting_user, municipality=shelter.municipality,
                                   given_names=member.given_names, first_surname=member.first_surname,
                                   second_surname=member.second_surname or "", sex=member.sex, birth_date=birth,
                                   birth_date_estimated=estimated, cui=member.cui or None, registered_center=center)
        except ApplicationError as error:
            raise _member_error(index, error.field or "given_names", error.message) from None
        stay = Stay(shelter=shelter, family=family, person=person, age_years=age_on(birth, check_in),
                    relationship=member.relationship, check_in=check_in, position=index)
        save_with_history(stay, acting_user=acting_user)
    return family


@transaction.atomic
def stay_check_out(*, shelter: Shelter, stays: Iterable[Stay], check_out: dt.date, acting_user,
                   version: str | None = None) -> int:
    """Check out people (a whole family or one person) on a date; returns how many."""
    _check_shelter_scope(acting_user, shelter)
    # Locks the shelter (its version covers the stays) and refuses a stale If-Match; the stays are
    # read again after the lock, so two simultaneous check-outs of the same person cannot both pass.
    check_version(shelter, version, refresh=True)
    stays = list(Stay.objects.filter(pk__in=[s.pk for s in stays]).order_by("pk"))
    if not stays:
        raise ApplicationError(_("Elija a quién registrar la salida."), field="stays")
    if any(s.shelter_id != shelter.pk for s in stays):
        raise ApplicationError(_("Esa persona no está en este albergue."), field="stays")
    if any(s.check_out is not None for s in stays):
        raise ApplicationError(_("Alguna de esas personas ya tiene salida registrada."), field="stays")
    _check_day(check_out, "check_out", _("fecha de salida"))
    _check_open_on(shelter, check_out, "check_out")
    latest = max(s.check_in for s in stays)
    if check_out < latest:
        raise ApplicationError(_("La salida no puede ser anterior al ingreso (%(date)s).") % {"date": _fmt(latest)},
                               field="check_out")
    for stay in stays:
        stay.check_out = check_out
        save_with_history(stay, acting_user=acting_user, reason=_("Salida del albergue"))
    return len(stays)


# --- Supplies ---------------------------------------------------------------------------


@transaction.atomic
def supply_record(*, shelter: Shelter, item: str, quantity: int, date: dt.date, acting_user,
                  family: ShelterFamily | None = None, note: str = "") -> Supply:
    _check_shelter_scope(acting_user, shelter)
    if item not in SupplyItem.values:
        raise ApplicationError(_("Elija qué se entregó."), field="item")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not 1 <= quantity <= MAX_SUPPLY:
        raise ApplicationError(_("La cantidad debe ser un número entero entre 1 y 100,000."), field="quantity")
    _check_day(date, "date", _("fecha"))
    _check_open_on(shelter, date, "date")
    if family is not None:
        if family.shelter_id != shelter.pk:
            raise ApplicationError(_("Esa familia no está en este albergue."), field="family")
        if date < family.check_in:
            raise ApplicationError(_("La familia ingresó el %(date)s; la entrega no puede ser anterior.")
                                   % {"date": _fmt(family.check_in)}, field="date")
    if item == SupplyItem.OTHER and not _clean(note, 250):
        raise ApplicationError(_("Describa el insumo en la observación."), field="note")
    supply = Supply(shelter=shelter, family=family, item=item, quantity=quantity, date=date, note=_clean(note, 250),
                    created_by=acting_user)
    save_with_history(supply, acting_user=acting_user)
    return supply


# --- Close ------------------------------------------------------------------------------


@transaction.atomic
def shelter_close(*, shelter: Shelter, closed_on: dt.date, acting_user, notes: str = "",
                  version: str | None = None) -> Shelter:
    """Close the shelter on a date: everyone still present leaves that day."""
    check_version(shelter, version, refresh=True)  # locked; a stale If-Match is refused
    _check_shelter_scope(acting_user, shelter)
    if shelter.closed_on is not None:
        raise ApplicationError(_("El albergue ya está cerrado desde el %(date)s.") % {"date": _fmt(shelter.closed_on)},
                               field="closed_on")
    _check_day(closed_on, "closed_on", _("fecha de cierre"))
    if closed_on < shelter.opened_on:
        raise ApplicationError(_("Un albergue no puede cerrarse antes de abrir: abrió el %(date)s.")
                               % {"date": _fmt(shelter.opened_on)}, field="closed_on")
    last = Stay.objects.filter(shelter=shelter).aggregate(check_in=Max("check_in"), check_out=Max("check_out"))
    if last["check_in"] and closed_on < last["check_in"]:
        raise ApplicationError(_("Hay personas que ingresaron el %(date)s; el cierre no puede ser anterior.")
                               % {"date": _fmt(last["check_in"])}, field="closed_on")
    if last["check_out"] and closed_on < last["check_out"]:
        raise ApplicationError(_("Hay salidas registradas el %(date)s; el cierre no puede ser anterior.")
                               % {"date": _fmt(last["check_out"])}, field="closed_on")
    last_supply = Supply.objects.filter(shelter=shelter).aggregate(d=Max("date"))["d"]
    if last_supply and closed_on < last_supply:
        raise ApplicationError(_("Hay entregas de insumos el %(date)s; el cierre no puede ser anterior.")
                               % {"date": _fmt(last_supply)}, field="closed_on")
    for stay in Stay.objects.filter(shelter=shelter, check_out__isnull=True):
        stay.check_out = closed_on
        save_with_history(stay, acting_user=acting_user, reason=_("Cierre del albergue"))
    shelter.closed_on = closed_on
    if notes:
        shelter.notes = _clean(f"{shelter.notes} {notes}", 500)
    save_with_history(shelter, acting_user=acting_user, reason=_("Cierre del albergue"))
    return shelter
