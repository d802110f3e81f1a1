"""Scoped reads. An agreement is seen by the departments of the centers it covers and of its
counterparty municipality; compliance documents by the department of their center."""

import datetime as dt

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When

from tejido.centers.models import PROGRAM_OF_KIND, Center, CenterKind
from tejido.centers.selectors import center_list
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.common.query import filter_given
from tejido.territory.scope import get_for_user, restrict, scope_of

from .models import Agreement, AgreementDocument, CenterDocument, DocumentKind

# Centers that need a sanitary licence to operate: those where children or elders are cared for.
LICENSED_KINDS = [CenterKind.COMMUNITY_HOME, CenterKind.CADI, CenterKind.ELDERLY_DAY_CENTER,
                  CenterKind.ELDERLY_RESIDENTIAL]
DOCUMENT_SCOPE = {"department": "center__department_id", "center": "center_id"}


def _by_municipality(scope):
    return Q(municipality__department_id__in=scope.department_ids) if scope.department_ids else Q(pk__in=[])


def agreements_for(user) -> QuerySet:
    """Agreements in the user's scope, without duplicate rows from the centers join."""
    base = Agreement.objects.select_related("municipality__department")
    if scope_of(user).national:
        return base
    ids = restrict(Agreement.objects.all(), user, department="centers__department_id", center="centers__id",
                   served_via=_by_municipality).values("pk")
    return base.filter(pk__in=ids)


def in_force_on(qs: QuerySet, day: dt.date) -> QuerySet:
    """Signed, started, not ended and not yet rescinded on `day`."""
    return qs.exclude(status=Agreement.Status.DRAFT).filter(start_date__lte=day, end_date__gte=day).filter(
        Q(terminated_on__isnull=True) | Q(terminated_on__gt=day))


def signed_between(qs: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    """Signed in the period (seed 001 §4.3.2 «se suscribieron 166 convenios»): not a draft, and its
    start date, which is when a signed agreement takes effect, within the period. Rescinded or
    expired since then, it was still signed then."""
    return qs.exclude(status=Agreement.Status.DRAFT).filter(start_date__gte=start, start_date__lte=end)


def agreement_list(*, user, program="", counterparty_kind="", status="", q="", today=None) -> QuerySet:
    today = today or dt.date.today()
    qs = filter_given(agreements_for(user), program=program, counterparty_kind=counterparty_kind)
    if status == Agreement.Status.IN_FORCE:
        qs = in_force_on(qs, today)
    elif status == Agreement.Status.EXPIRED:
        qs = qs.exclude(status=Agreement.Status.DRAFT).filter(end_date__lt=today).filter(
            Q(terminated_on__isnull=True) | Q(terminated_on__gte=today))
    elif status == Agreement.Status.TERMINATED:
        qs = qs.filter(status=Agreement.Status.TERMINATED, terminated_on__lte=today)
    elif status == Agreement.Status.DRAFT:
        qs = qs.filter(status=Agreement.Status.DRAFT)
    if q:
        qs = qs.filter(Q(counterparty_name__icontains=q) | Q(number__icontains=q) | Q(subject__icontains=q))
    return qs


def agreement_get(*, user, pk) -> Agreement:
    """Missing and out of scope answer alike."""
    try:
        return agreements_for(user).get(pk=pk)
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise NotFoundOrOutOfScope() from None


def agreement_document_get(*, user, agreement, pk) -> AgreementDocument:
    try:
        return agreement.documents.get(pk=pk)
    except (AgreementDocument.DoesNotExist, ValueError, TypeError):
        raise NotFoundOrOutOfScope() from None


# --- center compliance -------------------------------------------------------------------

def licensed_centers(*, user, program="", department_id=None, day: dt.date) -> QuerySet:
    """Operating centers (status active, opened by `day`) of the kinds that need a licence."""
    kinds = [k for k in LICENSED_KINDS if not program or PROGRAM_OF_KIND[k] == program]
    return (center_list(user=user, department_id=department_id, status=Center.Status.ACTIVE)
            .filter(kind__in=kinds).filter(Q(opened_on__isnull=True) | Q(opened_on__lte=day)))


def licence_state(day: dt.date):
    """valid / in_process / expired / missing for each center, computed in SQL."""
    # A licence issued after `day` did not exist yet on that day.
    licences = CenterDocument.objects.filter(center=OuterRef("pk"), kind=DocumentKind.SANITARY_LICENCE).filter(
        Q(issued_on__isnull=True) | Q(issued_on__lte=day))
    valid = licences.filter(status=CenterDocument.Status.VALID, expires_on__gte=day)
    return Case(
        When(Exists(valid), then=Value("valid")),
        When(Exists(licences.filter(status=CenterDocument.Status.IN_PROCESS)), then=Value("in_process")),
        When(Exists(licences), then=Value("expired")),
        default=Value("missing"),
    )


def centers_without_licence(*, user, program="", department_id=None, day: dt.date) -> QuerySet:
    return (licensed_centers(user=user, program=program, department_id=department_id, day=day)
            .annotate(licence=licence_state(day)).exclude(licence="valid")
            .order_by("department__name", "name"))


def center_documents(*, user, center) -> QuerySet:
    return restrict(CenterDocument.objects.filter(center=center), user, **DOCUMENT_SCOPE).order_by(
        "kind", "-expires_on", "-id")


def center_document_get(*, user, pk) -> CenterDocument:
    return get_for_user(CenterDocument.objects.select_related("center"), pk, user, **DOCUMENT_SCOPE)


# --- what needs action (alerts and the matching list filters) ----------------------------

def expiring(qs: QuerySet, today: dt.date, days: int) -> QuerySet:
    """In force today and ending within `days`."""
    return in_force_on(qs, today).filter(end_date__lte=today + dt.timedelta(days=days))


def expired_with_active_centers(qs: QuerySet, today: dt.date) -> QuerySet:
    """Signed, past their end, covering an operating center that no agreement in force covers."""
    covered = Center.objects.filter(agreements__in=in_force_on(Agreement.objects.all(), today)).values("pk")
    uncovered = Center.objects.filter(status=Center.Status.ACTIVE).exclude(pk__in=covered).values("pk")
    ids = qs.filter(status=Agreement.Status.IN_FORCE, end_date__lt=today, centers__in=uncovered).values("pk")
    return qs.filter(pk__in=ids)


def centers_licence_expiring(*, user, today: dt.date, days: int, program="", department_id=None) -> QuerySet:
    """Operating centers whose licence is valid today but none is valid after `days`."""
    later = today + dt.timedelta(days=days)
    licences = CenterDocument.objects.filter(center=OuterRef("pk"), kind=DocumentKind.SANITARY_LICENCE,
                                             status=CenterDocument.Status.VALID)
    return (licensed_centers(user=user, program=program, department_id=department_id, day=today)
            .annotate(licence=licence_state(today)).filter(licence="valid")
            .exclude(Exists(licences.filter(expires_on__gt=later))).order_by("department__name", "name"))


def documents_issued_between(*, user, start: dt.date, end: dt.date) -> QuerySet:
    """Licences and certificates of the centers in scope issued in the period (seed 001 §4.5:
    «se obtuvieron 32 licencias sanitarias»), whatever their state since."""
    return restrict(CenterDocument.objects.filter(issued_on__gte=start, issued_on__lte=end), user,
                    department="center__department_id", center="center_id")
