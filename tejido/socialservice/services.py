"""The only writers of the social service: requests through their path (study, decision,
delivery) and outreach days with their deliveries. A product delivery is a stock exit from
the office plus a programs.Delivery, in one transaction: both or neither."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.programs.deliveries import delivery_create
from tejido.programs.models import Event
from tejido.programs.services import event_create
from tejido.registry.choices import PovertyStatus
from tejido.registry.models import Person
from tejido.registry.services import person_update
from tejido.reliability.locking import check_version
from tejido.stock import services as stock
from tejido.stock.models import Product
from tejido.territory.models import Office
from tejido.territory.scope import scope_of

from .models import OutreachDay, Service, SupportRequest

PROGRAM = Program.SOCIAL_SERVICE
Status = SupportRequest.Status


def _check_date(day, field: str, *, not_before: dt.date | None = None, before_label: str = "") -> None:
    if not isinstance(day, dt.date):
        raise ApplicationError(_("Escriba la fecha."), field=field)
    if day > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field=field)
    if not_before is not None and day < not_before:
        raise ApplicationError(_("La fecha no puede ser anterior a %(what)s (%(date)s).")
                               % {"what": before_label, "date": not_before.strftime("%d/%m/%Y")}, field=field)


def _text(value, limit: int, field: str) -> str:
    value = " ".join(str(value or "").split())
    if len(value) > limit:
        raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).") % {"n": limit}, field=field)
    return value


def _require_status(request: SupportRequest, allowed: set, message: str) -> None:
    if request.status not in allowed:
        raise ApplicationError(message % {"status": request.get_status_display().lower()}, field="status")


@transaction.atomic
def request_create(*, person: Person, office: Office, date: dt.date, kind: str, acting_user,
                   product: Product | None = None, quantity: int = 1, service: str = "",
                   description: str = "") -> SupportRequest:
    stock.check_office_in_scope(acting_user, office)
    _check_date(date, "date")
    if date < person.birth_date:
        raise ApplicationError(_("La fecha es anterior al nacimiento de la persona."), field="date")
    if kind == SupportRequest.Kind.PRODUCT:
        if not isinstance(product, Product) or not product.active:
            raise ApplicationError(_("Elija el producto solicitado."), field="product")
        if not isinstance(quantity, int) or quantity < 1 or quantity > 100:
            raise ApplicationError(_("La cantidad debe estar entre 1 y 100."), field="quantity")
        service = ""
    elif kind == SupportRequest.Kind.SERVICE:
        if service not in Service.values:
            raise ApplicationError(_("Elija el servicio solicitado."), field="service")
        product, quantity = None, 1
    else:
        raise ApplicationError(_("Indique si solicita un producto o un servicio."), field="kind")
    request = SupportRequest(person=person, office=office, department_id=office.department_id, date=date, kind=kind,
                             product=product, quantity=quantity, service=service,
                             description=_text(description, 500, "description"), created_by=acting_user)
    save_with_history(request, acting_user=acting_user)
    return request


@transaction.atomic
def request_study(*, request: SupportRequest, visit_date: dt.date, poverty_status: str, social_worker: str,
                  acting_user, notes: str = "", version: str | None = None) -> SupportRequest:
    """The socioeconomic study and home visit. It can be corrected until the decision.
    The person's poverty status in the registry is updated when the writer may edit them."""
    stock.check_office_in_scope(acting_user, request.office)
    check_version(request, version, refresh=True)  # locked; a stale If-Match is refused
    _require_status(request, {Status.REQUESTED, Status.STUDIED},
                    _("La solicitud ya está %(status)s: el estudio no se puede cambiar."))
    _check_date(visit_date, "visit_date", not_before=request.date, before_label=_("la solicitud"))
    if poverty_status not in PovertyStatus.values or poverty_status == PovertyStatus.NOT_ASSESSED:
        raise ApplicationError(_("Elija la clasificación de pobreza que resultó del estudio."),
                               field="poverty_status")
    social_worker = _text(social_worker, 120, "social_worker")
    if not social_worker:
        raise ApplicationError(_("Escriba el nombre de quien hizo el estudio."), field="social_worker")
    request.visit_date, request.poverty_status = visit_date, poverty_status
    request.social_worker, request.study_notes = social_worker, _text(notes, 1000, "notes")
    request.status = Status.STUDIED
    save_with_history(request, acting_user=acting_user, reason=_("Estudio socioeconómico"))
    person = request.person
    scope = scope_of(acting_user)
    # A person served here but living in another department keeps their registry record as
    # it is: only writers of their residence may change it.
    if person.poverty_status != poverty_status and (scope.national or person.department_id in scope.department_ids):
        person_update(person=person, acting_user=acting_user, poverty_status=poverty_status)
    return request


@transaction.atomic
def request_decide(*, request: SupportRequest, approved: bool, date: dt.date, acting_user,
                   reason: str = "", version: str | None = None) -> SupportRequest:
    stock.check_office_in_scope(acting_user, request.office)
    check_version(request, version, refresh=True)  # locked; a stale If-Match is refused
    if request.status == Status.REQUESTED:
        raise ApplicationError(_("Primero registre el estudio socioeconómico; sin estudio no se puede resolver."),
                               field="status")
    _require_status(request, {Status.STUDIED}, _("La solicitud ya está %(status)s."))
    _check_date(date, "date", not_before=request.visit_date, before_label=_("la visita domiciliaria"))
    reason = _text(reason, 500, "reason")
    if not approved and not reason:
        raise ApplicationError(_("Escriba el motivo de la denegación."), field="reason")
    request.status = Status.APPROVED if approved else Status.DENIED
    request.decided_on, request.decision_reason = date, reason
    save_with_history(request, acting_user=acting_user, reason=_("Aprobación") if approved else _("Denegación"))
    return request


def receipt_number(request: SupportRequest, day: dt.date) -> str:
    """SS-<year>-<request number>: unique without a counter to lock."""
    return f"SS-{day.year}-{request.pk:06d}"


@transaction.atomic
def request_deliver(*, request: SupportRequest, date: dt.date, acting_user, note: str = "",
                    version: str | None = None) -> SupportRequest:
    """Hand over what was approved. A product leaves the office's stock (refused if short);
    a service is recorded as delivered. Either way the receipt number is issued."""
    stock.check_office_in_scope(acting_user, request.office)
    # Lock the request row alone: PostgreSQL refuses FOR UPDATE across the nullable product join.
    check_version(request, version, refresh=True)  # and refuses a stale If-Match
    if request.status in {Status.REQUESTED, Status.STUDIED}:
        raise ApplicationError(_("La solicitud aún no está aprobada: no se puede entregar."), field="status")
    _require_status(request, {Status.APPROVED}, _("La solicitud ya está %(status)s: no se puede entregar."))
    _check_date(date, "date", not_before=request.decided_on, before_label=_("la aprobación"))
    office = request.office
    delivery = delivery_create(program=PROGRAM, item=request.item, quantity=request.quantity, date=date,
                               municipality=office.municipality, person=request.person,
                               receipt=receipt_number(request, date), note=note, acting_user=acting_user)
    if request.kind == SupportRequest.Kind.PRODUCT:
        stock.issue(office=office, product=request.product, quantity=request.quantity, date=date,
                    reference=delivery.receipt, delivery=delivery, acting_user=acting_user)
    request.delivery, request.status = delivery, Status.DELIVERED
    save_with_history(request, acting_user=acting_user, reason=_("Entrega"))
    return request


@transaction.atomic
def outreach_create(*, office: Office, category: str, municipality, date: dt.date, acting_user, partner: str = "",
                    topic: str = "", men: int = 0, women: int = 0, participants=()) -> OutreachDay:
    """An outreach day: the shared Event plus the people counted by sex."""
    stock.check_office_in_scope(acting_user, office)
    if category not in OutreachDay.Category.values:
        raise ApplicationError(_("Elija el tipo de jornada."), field="category")
    for field, value in (("men", men), ("women", women)):
        if not isinstance(value, int) or value < 0 or value > 50_000:
            raise ApplicationError(_("Número de personas fuera de rango."), field=field)
    topic = topic or f"{OutreachDay.Category(category).label}, {municipality.name}"
    event = event_create(program=PROGRAM, kind=Event.Kind.OUTREACH, category=category, topic=topic,
                         audience=Event.Audience.BENEFICIARIES, date=date, municipality=municipality,
                         partner=partner, unnamed_participants=men + women, participants=participants,
                         acting_user=acting_user)
    outreach = OutreachDay(event=event, office=office, men=men, women=women)
    outreach.save()
    return outreach


@transaction.atomic
def outreach_deliver(*, outreach: OutreachDay, product: Product, quantity: int, acting_user,
                     person: Person | None = None, note: str = ""):
    """A product handed out during the day: an exit from the supplying office's stock and a
    delivery linked to the event."""
    event = outreach.event
    stock.check_office_in_scope(acting_user, outreach.office)
    if not isinstance(product, Product):
        raise ApplicationError(_("Elija un producto del catálogo."), field="product")
    delivery = delivery_create(program=PROGRAM, item=product.code, quantity=quantity, date=event.date,
                               municipality=event.municipality, person=person, event=event, note=note,
                               acting_user=acting_user)
    delivery.receipt = f"SS-J{event.pk:05d}-{delivery.pk:06d}"
    save_with_history(delivery, acting_user=acting_user, update_fields=["receipt"])
    stock.issue(office=outreach.office, product=product, quantity=quantity, date=event.date,
                reference=delivery.receipt, delivery=delivery, acting_user=acting_user)
    if person is not None and not event.participants.filter(pk=person.pk).exists():
        event.participants.add(person)
    return delivery


@transaction.atomic
def outreach_add_participant(*, outreach: OutreachDay, person: Person, acting_user) -> None:
    """A registered person attended the day (named; counted attendees are men/women)."""
    stock.check_office_in_scope(acting_user, outreach.office)
    event = outreach.event
    if person.birth_date > event.date:
        raise ApplicationError(_("La fecha es anterior al nacimiento de la persona."), field="person")
    if event.participants.filter(pk=person.pk).exists():
        raise ApplicationError(_("%(name)s ya está registrada en esta jornada.") % {"name": person.full_name},
                               field="person")
    event.participants.add(person)
