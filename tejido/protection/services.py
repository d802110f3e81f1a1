"""The only writers of protection cases. Each checks the role first, then the rules, and saves
inside one transaction with its history row: a rejected input leaves nothing behind."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.centers.models import Center
from tejido.childcare.selectors import DAYCARE_KINDS
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.programs.models import Enrolment
from tejido.registry.models import Person

from .access import require_protection_officer
from .models import (
    ActionKind,
    Authority,
    CaseAction,
    CaseStatus,
    ProtectionCase,
    ReporterRole,
    Suspicion,
)

ADULT_AGE = 18


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _check_day(day: dt.date, field: str, *, child: Person, not_before: dt.date | None = None,
               not_before_label: str = "") -> None:
    if day > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field=field)
    if day < child.birth_date:
        raise ApplicationError(_("La fecha es anterior al nacimiento de la niña o el niño (%(date)s).")
                               % {"date": _fmt(child.birth_date)}, field=field)
    if not_before is not None and day < not_before:
        raise ApplicationError(_("La fecha no puede ser anterior a %(what)s (%(date)s).")
                               % {"what": not_before_label, "date": _fmt(not_before)}, field=field)


def _required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(message, field=field)
    return value


def _center_for(child: Person, center: Center | None, on: dt.date) -> Center:
    """The center named, or else the one where the child was enrolled on the report date."""
    if center is None:
        enrolment = (Enrolment.objects.filter(person=child, program=Program.CHILDCARE, start__lte=on)
                     .exclude(end__lt=on).select_related("center").first())
        if enrolment is None:
            raise ApplicationError(_("La niña o el niño no estaba inscrito en un Hogar Comunitario o CADI en esa "
                                     "fecha; indique el centro."), field="center")
        center = enrolment.center
    if center.kind not in DAYCARE_KINDS:
        raise ApplicationError(_("Los casos se reportan en un Hogar Comunitario o un CADI; ese centro es %(kind)s.")
                               % {"kind": center.get_kind_display()}, field="center")
    return center


def _locked(case: ProtectionCase) -> ProtectionCase:
    """Re-read the case under a row lock so two officers cannot close and act at once."""
    return ProtectionCase.objects.select_for_update().select_related("child").get(pk=case.pk)


@transaction.atomic
def case_report(*, child: Person, reported_on: dt.date, reporter_role: str, suspicion: str, description: str,
                acting_user, center: Center | None = None, reporter_name: str = "") -> ProtectionCase:
    require_protection_officer(acting_user)
    if reporter_role not in ReporterRole.values:
        raise ApplicationError(_("Indique quién reporta el caso."), field="reporter_role")
    if suspicion not in Suspicion.values:
        raise ApplicationError(_("Elija el tipo de sospecha."), field="suspicion")
    description = _required_text(description, "description", _("Describa lo observado o reportado."))
    _check_day(reported_on, "reported_on", child=child)
    if child.age_on(reported_on) >= ADULT_AGE:
        raise ApplicationError(_("%(name)s tenía %(age)s años en esa fecha; los casos de protección son de niñas y "
                                 "niños.") % {"name": child.full_name, "age": child.age_on(reported_on)},
                               field="child")
    center = _center_for(child, center, reported_on)
    case = ProtectionCase(child=child, center=center, department_id=center.department_id, reported_on=reported_on,
                          reporter_role=reporter_role, reporter_name=(reporter_name or "").strip(),
                          suspicion=suspicion, description=description, created_by=acting_user)
    save_with_history(case, acting_user=acting_user, reason=_("Reporte del caso"))
    return case


@transaction.atomic
def case_action_add(*, case: ProtectionCase, date: dt.date, kind: str, done_by: str, acting_user, notes: str = "",
                    authority: str = "") -> CaseAction:
    """Record a follow-up step. The first one puts an open case in follow-up; a referral marks
    the case as referred (it stays open: SOSEP keeps following it)."""
    require_protection_officer(acting_user)
    case = _locked(case)
    if case.is_closed:
        raise ApplicationError(_("El caso está cerrado desde el %(date)s; no admite nuevas acciones.")
                               % {"date": _fmt(case.closed_on)})
    if kind not in ActionKind.values:
        raise ApplicationError(_("Elija el tipo de acción."), field="kind")
    if kind == ActionKind.REFERRAL and authority not in Authority.values:
        raise ApplicationError(_("Indique a qué autoridad se refirió el caso."), field="authority")
    _check_day(date, "date", child=case.child, not_before=case.reported_on, not_before_label=_("la fecha del reporte"))
    done_by = _required_text(done_by, "done_by", _("Indique quién realizó la acción."))
    action = CaseAction(case=case, date=date, kind=kind, done_by=done_by, notes=(notes or "").strip(),
                        authority=authority if kind == ActionKind.REFERRAL else "", created_by=acting_user)
    save_with_history(action, acting_user=acting_user)
    changed = []
    if kind == ActionKind.REFERRAL:
        if case.status != CaseStatus.REFERRED:
            case.status = CaseStatus.REFERRED
            changed.append("status")
        if case.referred_on is None or date < case.referred_on:
            case.referred_on = date
            changed.append("referred_on")
    elif case.status == CaseStatus.OPEN:
        case.status = CaseStatus.FOLLOW_UP
        changed.append("status")
    if changed:
        save_with_history(case, acting_user=acting_user, reason=action.get_kind_display(),
                          update_fields=changed + ["updated_at"])
    return action


def case_refer(*, case: ProtectionCase, date: dt.date, authority: str, done_by: str, acting_user,
               notes: str = "") -> CaseAction:
    """Refer the case to the PGN, the MP, a court or the PNC (an action of its own kind)."""
    return case_action_add(case=case, date=date, kind=ActionKind.REFERRAL, authority=authority, done_by=done_by,
                           notes=notes, acting_user=acting_user)


@transaction.atomic
def case_close(*, case: ProtectionCase, closed_on: dt.date, summary: str, acting_user) -> ProtectionCase:
    require_protection_officer(acting_user)
    case = _locked(case)
    if case.is_closed:
        raise ApplicationError(_("El caso ya está cerrado desde el %(date)s.") % {"date": _fmt(case.closed_on)})
    summary = _required_text(summary, "closing_summary", _("Escriba un resumen del seguimiento y de la conclusión."))
    last_action = case.actions.order_by("-date").values_list("date", flat=True).first()
    floor, floor_label = case.reported_on, _("la fecha del reporte")
    if last_action and last_action > floor:
        floor, floor_label = last_action, _("la última acción del caso")
    _check_day(closed_on, "closed_on", child=case.child, not_before=floor, not_before_label=floor_label)
    case.status, case.closed_on, case.closing_summary = CaseStatus.CLOSED, closed_on, summary
    save_with_history(case, acting_user=acting_user, reason=_("Cierre del caso"),
                      update_fields=["status", "closed_on", "closing_summary", "updated_at"])
    return case


def case_follow_merge(*, case: ProtectionCase, acting_user, keep: bool = False):
    """The child's record was merged into another one (duplicate review): move the case to the
    record kept, or (`keep`) leave it on the record merged away. The merge itself never moves a
    case. Recorded with the merge for its undo (dedup.ConfidentialMove), plus a history row on a
    moved case."""
    from tejido.dedup.services import follow_merge

    require_protection_officer(acting_user)
    return follow_merge(row=case, acting_user=acting_user, keep=keep)
