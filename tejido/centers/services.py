"""The only writers of Center rows."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.reliability.locking import check_version
from tejido.territory.models import Municipality
from tejido.territory.scope import require_department_in_scope, require_write, scope_of

from .models import Center, CenterKind

EDITABLE_FIELDS = ["code", "name", "kind", "municipality", "place", "address", "office", "operating_partner",
                   "opened_on", "closed_on", "opens_at", "closes_at", "capacity", "status"]


def _validate(center: Center) -> None:
    if not center.name.strip():
        raise ApplicationError(_("Escriba el nombre del centro."), field="name")
    if center.kind not in CenterKind.values:
        raise ApplicationError(_("Tipo de centro desconocido."), field="kind")
    today = timezone.localdate()
    if center.opened_on and center.opened_on > today:
        raise ApplicationError(_("La fecha de apertura no puede estar en el futuro."), field="opened_on")
    if center.opened_on and center.closed_on and center.closed_on < center.opened_on:
        raise ApplicationError(_("La fecha de cierre no puede ser anterior a la de apertura."), field="closed_on")
    if center.closed_on and center.status != Center.Status.CLOSED:
        raise ApplicationError(_("Un centro con fecha de cierre debe tener estado «Cerrado»."), field="status")
    if center.opens_at and center.closes_at and center.closes_at <= center.opens_at:
        raise ApplicationError(_("La hora de cierre debe ser posterior a la de apertura."), field="closes_at")
    if center.place_id and center.place.municipality_id != center.municipality_id:
        raise ApplicationError(_("El lugar poblado no pertenece al municipio elegido."), field="place")
    if center.code:
        clash = Center.objects.filter(code=center.code).exclude(pk=center.pk)
        if clash.exists():
            raise ApplicationError(_("Ya existe un centro con el código %(code)s.") % {"code": center.code},
                                   field="code")


def _check_scope(acting_user, municipality: Municipality) -> None:
    require_write(acting_user)
    scope = scope_of(acting_user)
    if scope.center_ids and not scope.department_ids and not scope.national:
        raise ApplicationError(_("Los digitadores de centro no pueden crear ni modificar centros."))
    require_department_in_scope(acting_user, municipality.department_id)


@transaction.atomic
def center_create(*, acting_user, municipality: Municipality, name: str, kind: str, **fields) -> Center:
    _check_scope(acting_user, municipality)
    center = Center(municipality=municipality, department_id=municipality.department_id, name=name.strip(),
                    kind=kind, created_by=acting_user, **fields)
    _validate(center)
    save_with_history(center, acting_user=acting_user)
    return center


@transaction.atomic
def center_update(*, center: Center, acting_user, version: str | None = None, **changes) -> Center:
    _check_scope(acting_user, center.municipality)
    # refuses a save based on a stale copy (tejido/reliability/locking.py); the stored territory is
    # read from the locked row, the one the copies below were made from
    stored = check_version(center, version)
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise ApplicationError(_("El campo %(field)s no se puede modificar.") % {"field": name})
        setattr(center, name, value)
    center.department_id = center.municipality.department_id
    _check_scope(acting_user, center.municipality)
    _validate(center)
    save_with_history(center, acting_user=acting_user)
    if center.municipality_id != stored.municipality_id:
        _move_copies(center, old_municipality_id=stored.municipality_id)
    return center


def _move_copies(center: Center, *, old_municipality_id: int) -> None:
    """The center moved to another municipality: the rows that copy its territory follow it, in the
    same transaction and in bulk (a few UPDATEs, not one save per row), so scoped lists and reports
    see them where the center now is. Soft-deleted rows too (`_base_manager`), so an undelete is
    consistent. A row's own municipality is only moved where it was the center's (a delivery or
    an event may name another place)."""
    from django.apps import apps

    department_id = center.department_id
    # `department` is the center's department (where the service is given)
    for label in ("programs.Enrolment", "programs.AttendanceMonth", "programs.RollMonth",
                  "childcare.NutritionScreening", "childcare.ChildEvaluation", "childcare.MaterialDelivery",
                  "protection.ProtectionCase", "women.IncomeReport", "migrants.Reception"):
        apps.get_model(label)._base_manager.filter(center=center).update(department_id=department_id)
    # municipality and department copied from the center when the row was made at it
    for label in ("programs.Event", "programs.Delivery", "shelters.Shelter"):
        apps.get_model(label)._base_manager.filter(center=center, municipality_id=old_municipality_id).update(
            municipality_id=center.municipality_id, department_id=department_id)
    # Enrolment.lives_elsewhere compares the person's department with the enrolment's
    enrolments = apps.get_model("programs.Enrolment")._base_manager.filter(center=center)
    enrolments.exclude(person__department_id=department_id).update(lives_elsewhere=True)
    enrolments.filter(person__department_id=department_id).update(lives_elsewhere=False)


@transaction.atomic
def center_close(*, center: Center, closed_on: dt.date, acting_user) -> Center:
    return center_update(center=center, acting_user=acting_user, closed_on=closed_on, status=Center.Status.CLOSED)
