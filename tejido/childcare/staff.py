"""Caregivers (madres cuidadoras) and teacher posts of a daycare center."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.models import Center
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.programs.ages import completed_months
from tejido.programs.services import check_center_in_scope
from tejido.registry.models import Person

from .models import Caregiver, TeacherPost
from .selectors import DAYCARE_KINDS

MAX_MONTHLY_TRANSFER = Decimal("10000")


def _check(center: Center, start: dt.date, acting_user) -> None:
    check_center_in_scope(acting_user, center)
    if center.kind not in DAYCARE_KINDS:
        raise ApplicationError(_("Solo los hogares comunitarios y CADI tienen este personal."), field="center")
    if start > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field="start")


@transaction.atomic
def caregiver_add(*, center: Center, person: Person, payer: str, monthly_amount: Decimal | None, start: dt.date,
                  acting_user) -> Caregiver:
    _check(center, start, acting_user)
    if payer not in Caregiver.Payer.values:
        raise ApplicationError(_("Elija quién paga a la madre cuidadora."), field="payer")
    if completed_months(person.birth_date, start) < 18 * 12:
        raise ApplicationError(_("Una madre cuidadora debe ser mayor de edad."), field="person_id")
    if monthly_amount is not None and not Decimal("0") <= monthly_amount <= MAX_MONTHLY_TRANSFER:
        raise ApplicationError(_("Monto mensual fuera de rango (Q0 a Q10,000)."), field="monthly_amount")
    if Caregiver.objects.filter(person=person, center=center, end__isnull=True).exists():
        raise ApplicationError(_("%(name)s ya es madre cuidadora en este centro.") % {"name": person.full_name},
                               field="person_id")
    caregiver = Caregiver(center=center, person=person, payer=payer, monthly_amount=monthly_amount, start=start,
                          created_by=acting_user)
    save_with_history(caregiver, acting_user=acting_user)
    return caregiver


@transaction.atomic
def teacher_post_add(*, center: Center, source: str, start: dt.date, acting_user, teacher: Person | None = None
                     ) -> TeacherPost:
    _check(center, start, acting_user)
    if source not in TeacherPost.Source.values:
        raise ApplicationError(_("Elija quién asignó el puesto docente."), field="source")
    post = TeacherPost(center=center, source=source, start=start, teacher=teacher, created_by=acting_user)
    save_with_history(post, acting_user=acting_user)
    return post


@transaction.atomic
def staff_end(*, record: Caregiver | TeacherPost, end: dt.date, acting_user) -> None:
    check_center_in_scope(acting_user, record.center)
    if record.end is not None:
        raise ApplicationError(_("Ya tiene fecha de finalización."), field="end")
    if end < record.start or end > timezone.localdate():
        raise ApplicationError(_("La fecha de finalización debe estar entre el inicio y hoy."), field="end")
    record.end = end
    save_with_history(record, acting_user=acting_user, reason=_("Finalización"))


@transaction.atomic
def material_deliver(*, center: Center, date: dt.date, material: str, quantity: int, recipients: str,
                     acting_user):
    from .models import MaterialDelivery

    _check(center, date, acting_user)
    material = " ".join((material or "").split())
    if not material:
        raise ApplicationError(_("Escriba qué material se entregó."), field="material")
    if len(material) > 150:
        raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).") % {"n": 150}, field="material")
    if not 1 <= quantity <= 100_000:
        raise ApplicationError(_("La cantidad debe estar entre 1 y 100,000."), field="quantity")
    if recipients not in MaterialDelivery.Recipient.values:
        raise ApplicationError(_("Elija a quién se entregó."), field="recipients")
    delivery = MaterialDelivery(center=center, department_id=center.department_id, date=date, material=material,
                                quantity=quantity, recipients=recipients, created_by=acting_user)
    save_with_history(delivery, acting_user=acting_user)
    return delivery
