"""Referrals of a person from one program to another program or a partner institution:
create, accept or reject with a reason, follow up, count by destination. Migrant families
(tejido.migrants) and the elderly program (to MINTRAB's PAM) use it; issue 6 widens it."""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.common.query import filter_given
from tejido.reliability.locking import check_version
from tejido.territory.scope import get_for_user, require_write, restrict

from .models import Referral, ReferralFollowUp
from .services import _check_date

# Referrals name a person: personal data, scoped by the department where they are followed.
REFERRAL_SCOPE = {"department": "department_id", "personal": True}


def _check_municipality(acting_user, municipality, field="municipality"):
    scope = require_write(acting_user)
    if not scope.national and municipality.department_id not in scope.department_ids:
        raise ApplicationError(_("Ese municipio está fuera de los departamentos que usted atiende."), field=field)


@transaction.atomic
def referral_create(*, person, origin_program: str, reason: str, date: dt.date, municipality, acting_user,
                    destination_program: str = "", destination_institution: str = "", source: str = "") -> Referral:
    _check_municipality(acting_user, municipality)
    destination_institution = " ".join((destination_institution or "").split())
    if not destination_program and not destination_institution:
        raise ApplicationError(_("Elija el programa o escriba la institución a la que se deriva."),
                               field="destination_program")
    if destination_program and destination_program not in Program.values:
        raise ApplicationError(_("Elija un programa de la lista."), field="destination_program")
    if destination_program and destination_program == origin_program:
        raise ApplicationError(_("No se puede derivar al mismo programa que deriva."), field="destination_program")
    if len(destination_institution) > 150:
        raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).") % {"n": 150},
                               field="destination_institution")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ApplicationError(_("Escriba el motivo de la derivación."), field="reason")
    _check_date(date, "date", person)
    referral = Referral(person=person, origin_program=origin_program, destination_program=destination_program,
                        destination_institution=destination_institution, reason=reason[:250], date=date,
                        municipality=municipality, department_id=municipality.department_id, source=source[:60],
                        created_by=acting_user)
    save_with_history(referral, acting_user=acting_user)
    return referral


@transaction.atomic
def referral_create_for_household(*, household, acting_user, **fields) -> list[Referral]:
    """Refer a whole household: one referral per current member (each is answered and followed
    up on its own), all or none."""
    members = [m.person for m in household.memberships.filter(left_on__isnull=True, deleted_at__isnull=True)
               .select_related("person").order_by("id")]
    if not members:
        raise ApplicationError(_("El hogar no tiene miembros que derivar."), field="household")
    return [referral_create(person=person, acting_user=acting_user, source=f"registry.Household:{household.pk}",
                            **fields) for person in members]


@transaction.atomic
def referral_decide(*, referral: Referral, accepted: bool, date: dt.date, acting_user, reason: str = "",
                    version: str | None = None) -> Referral:
    _check_municipality(acting_user, referral.municipality)
    check_version(referral, version, refresh=True)  # locked; a stale If-Match is refused
    if referral.status != Referral.Status.PENDING:
        raise ApplicationError(_("Esta derivación ya fue respondida."), field="status")
    reason = " ".join((reason or "").split())
    if not accepted and not reason:
        raise ApplicationError(_("Escriba el motivo del rechazo."), field="decision_reason")
    _check_date(date, "decided_on")
    if date < referral.date:
        raise ApplicationError(_("La respuesta no puede ser anterior a la derivación."), field="decided_on")
    referral.status = Referral.Status.ACCEPTED if accepted else Referral.Status.REJECTED
    referral.decided_on, referral.decision_reason = date, reason[:250]
    save_with_history(referral, acting_user=acting_user, reason=referral.get_status_display())
    return referral


@transaction.atomic
def referral_follow_up(*, referral: Referral, date: dt.date, notes: str, acting_user,
                       kind: str = ReferralFollowUp.Kind.VISIT) -> ReferralFollowUp:
    _check_municipality(acting_user, referral.municipality)
    notes = " ".join((notes or "").split())
    if not notes:
        raise ApplicationError(_("Escriba lo observado en el seguimiento."), field="notes")
    if kind not in ReferralFollowUp.Kind.values:
        raise ApplicationError(_("Elija un valor de la lista."), field="kind")
    _check_date(date, "date")
    if date < referral.date:
        raise ApplicationError(_("El seguimiento no puede ser anterior a la derivación."), field="date")
    follow_up = ReferralFollowUp(referral=referral, date=date, kind=kind, notes=notes[:500], recorded_by=acting_user)
    follow_up._history_user = acting_user
    follow_up.save()
    return follow_up


def referral_list(*, user, origin_program: str = "", destination_program: str = "", status: str = "",
                  start=None, end=None, source_prefix: str = "") -> QuerySet:
    qs = restrict(Referral.objects.select_related("person", "municipality", "department"), user, **REFERRAL_SCOPE)
    qs = filter_given(qs, origin_program=origin_program, destination_program=destination_program, status=status,
                      date__gte=start, date__lte=end)
    if source_prefix:
        qs = qs.filter(source__startswith=source_prefix)
    return qs


def referral_get(*, user, pk) -> Referral:
    return get_for_user(Referral.objects.select_related("person", "municipality"), pk, user, **REFERRAL_SCOPE)


def referrals_by_destination(*, user, origin_program: str, start, end, source_prefix: str = "") -> list[dict]:
    """Referrals per destination and status. Counts are aggregates, so planners see them too:
    they are computed without the personal-data filter but inside the territorial scope."""
    qs = restrict(Referral.objects.all(), user, department="department_id")
    qs = filter_given(qs, origin_program=origin_program, date__gte=start, date__lte=end)
    if source_prefix:
        qs = qs.filter(source__startswith=source_prefix)
    rows = (qs.values("destination_program", "destination_institution")
            .annotate(total=Count("id"), accepted=Count("id", filter=Q(status="aceptada")),
                      rejected=Count("id", filter=Q(status="rechazada")),
                      pending=Count("id", filter=Q(status="pendiente")))
            .order_by("destination_program", "destination_institution"))
    labels = dict(Program.choices)
    return [{**r, "destination": str(labels.get(r["destination_program"], "")) or r["destination_institution"]}
            for r in rows]


def referrals_by_origin_and_destination(*, user, start, end) -> list[dict]:
    """Referral statistics by origin program and destination (program or institution), with the
    answers; counts only, inside the territorial scope."""
    qs = restrict(Referral.objects.all(), user, department="department_id")
    qs = filter_given(qs, date__gte=start, date__lte=end)
    rows = (qs.values("origin_program", "destination_program", "destination_institution")
            .annotate(total=Count("id"), accepted=Count("id", filter=Q(status="aceptada")),
                      rejected=Count("id", filter=Q(status="rechazada")),
                      pending=Count("id", filter=Q(status="pendiente")))
            .order_by("origin_program", "destination_program", "destination_institution"))
    labels = dict(Program.choices)
    return [{**r, "origin": str(labels.get(r["origin_program"], r["origin_program"])),
             "destination": str(labels.get(r["destination_program"], "")) or r["destination_institution"]}
            for r in rows]
