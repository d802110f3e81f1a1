"""The only writers of the women's program: productive units, enrolment of women (with the
confirmation for girls under 13), trainings, commercial events with sales, monthly income."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program
from tejido.centers.models import Center, CenterKind
from tejido.centers.services import center_create
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.programs.models import Enrolment, Event
from tejido.programs.services import check_center_in_scope, enrolment_create, event_add_participants, event_create
from tejido.registry.models import Person
from tejido.reliability.locking import Replace, existing_notice
from tejido.territory.models import Municipality

from .choices import ProductLine, TrainingKind
from .models import Fair, FairSale, IncomeReport, Training

PROGRAM = Program.WOMEN
# Girls younger than this (completed years on the enrolment date) need an explicit confirmation.
CONFIRM_BELOW_AGE = 13
MAX_AMOUNT = Decimal("9999999999.99")


@transaction.atomic
def unit_create(*, acting_user, municipality: Municipality, name: str, product_line: str,
                opened_on: dt.date | None = None, **fields) -> Center:
    """A productive unit: a named group of women in a municipality with a product line; `fields`:
    any other center field (its code, address, office... from the centers import)."""
    if product_line not in ProductLine.values:
        raise ApplicationError(_("Elija la línea productiva."), field="product_line")
    return center_create(acting_user=acting_user, municipality=municipality, name=name or "",
                         kind=CenterKind.PRODUCTIVE_UNIT, product_line=product_line, opened_on=opened_on, **fields)


@transaction.atomic
def woman_enrol(*, person: Person, center: Center, start: dt.date, acting_user, program: str = PROGRAM,
                confirmed: bool = False, attended_by_teacher=None) -> Enrolment:
    """Enrol a woman in a productive unit. Men are refused; a girl under 13 only with `confirmed`."""
    if program != PROGRAM:
        raise ApplicationError(_("Ese centro no pertenece a este programa."), field="center")
    check_woman_enrolment(person=person, start=start, confirmed=confirmed)
    return enrolment_create(person=person, center=center, program=PROGRAM, start=start, acting_user=acting_user)


def check_woman_enrolment(*, person: Person, start: dt.date, confirmed: bool = False) -> None:
    """The program's own rules (the site's enrol_check): women only; a girl under 13 only confirmed."""
    if person.sex != "F":
        raise ApplicationError(_("%(name)s no es mujer: el programa atiende solo a mujeres.")
                               % {"name": person.full_name}, field="person")
    if start >= person.birth_date and person.age_on(start) < CONFIRM_BELOW_AGE and not confirmed:
        raise ApplicationError(
            _("%(name)s tiene %(age)s años el %(date)s. Solo se inscribe si participa en la unidad productiva: "
              "marque la confirmación.")
            % {"name": person.full_name, "age": person.age_on(start), "date": start.strftime("%d/%m/%Y")},
            field="confirmed")


def _check_unit(center: Center | None, field: str = "center") -> None:
    if center is not None and center.kind != CenterKind.PRODUCTIVE_UNIT:
        raise ApplicationError(_("Elija una unidad productiva."), field=field)


def _check_enrolled(people, day: dt.date, *, center: Center | None = None, field: str = "participants") -> None:
    """Named participants must be women of the program, enrolled on that day (at that unit if given)."""
    people = list(people)
    enrolled = Enrolment.objects.filter(program=PROGRAM, person__in=people, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day))
    if center is not None:
        enrolled = enrolled.filter(center=center)
    ok = set(enrolled.values_list("person_id", flat=True))
    missing = [p.full_name for p in people if p.pk not in ok]
    if missing:
        where = _("en esa unidad productiva") if center is not None else _("en el programa")
        raise ApplicationError(_("No estaban inscritas %(where)s ese día: %(names)s.")
                               % {"where": where, "names": ", ".join(missing)}, field=field)


@transaction.atomic
def training_create(*, acting_user, training_kind: str, date: dt.date, municipality: Municipality,
                    product_line: str = "", topic: str = "", partner: str = "", center: Center | None = None,
                    participants=(), unnamed_participants: int = 0, code: str = "") -> Event:
    if training_kind not in TrainingKind.values:
        raise ApplicationError(_("Elija el tipo de capacitación."), field="training_kind")
    if training_kind == TrainingKind.PRODUCTIVE:
        if product_line not in ProductLine.values:
            raise ApplicationError(_("Elija la línea productiva de la capacitación."), field="product_line")
    elif product_line and product_line not in ProductLine.values:
        raise ApplicationError(_("Elija un valor de la lista."), field="product_line")
    _check_unit(center)
    if participants:
        _check_enrolled(participants, date, center=center)
    if not (topic or "").strip():
        topic = TrainingKind(training_kind).label
        if product_line:
            topic += f": {ProductLine(product_line).label}"
    event = event_create(program=PROGRAM, kind=Event.Kind.TRAINING, topic=topic,
                         audience=Event.Audience.BENEFICIARIES, date=date,
                         municipality=municipality, center=center, partner=partner,
                         unnamed_participants=unnamed_participants, participants=participants,
                         code=code, acting_user=acting_user)
    # with its author in the history row, also outside a web request (an import)
    save_with_history(Training(event=event, training_kind=training_kind, product_line=product_line or ""),
                      acting_user=acting_user)
    return event


@transaction.atomic
def training_add_participant(*, event: Event, acting_user, person: Person | None = None,
                             unnamed_participants: int | None = None) -> Event:
    """A woman joins a training already recorded (an imported list, row by row): the training's
    rule, enrolled in the program (at its unit, if it has one) on its day, then the shared one."""
    if person is not None:
        _check_enrolled([person], event.date, center=event.center, field="person")
    return event_add_participants(event=event, person=person, unnamed_participants=unnamed_participants,
                                  acting_user=acting_user)


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        raise ApplicationError(_("Escriba un monto en quetzales."), field=field) from None
    if not amount.is_finite() or amount < 0:
        raise ApplicationError(_("El monto no puede ser negativo."), field=field)
    if amount > MAX_AMOUNT:
        raise ApplicationError(_("Monto fuera de rango."), field=field)
    return amount


@transaction.atomic
def fair_create(*, acting_user, topic: str, municipality: Municipality, start: dt.date, end: dt.date,
                partner: str = "", unnamed_participants: int = 0, sales=()) -> Fair:
    """A commercial event from `start` to `end` at a place; `sales` = [(woman, amount), ...]."""
    if end < start:
        raise ApplicationError(_("La fecha de finalización no puede ser anterior a la de inicio."), field="end")
    if end > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field="end")
    sales = [(person, _amount(amount, "amount")) for person, amount in sales]
    people = [person for person, _a in sales]
    if len({p.pk for p in people}) != len(people):
        raise ApplicationError(_("Una mujer aparece dos veces en las ventas."), field="person_id")
    if people:
        _check_enrolled(people, start, field="person_id")
    event = event_create(program=PROGRAM, kind=Event.Kind.COMMERCIAL, topic=topic,
                         audience=Event.Audience.BENEFICIARIES, date=start, municipality=municipality, partner=partner,
                         unnamed_participants=unnamed_participants, participants=people, acting_user=acting_user)
    fair = Fair(event=event, end=end)
    save_with_history(fair, acting_user=acting_user)
    for person, amount in sales:
        save_with_history(FairSale(fair=fair, person=person, amount=amount, created_by=acting_user),
                          acting_user=acting_user)
    return fair


def _check_fair_writer(acting_user, fair: Fair) -> None:
    from tejido.territory.scope import require_department_in_scope, require_write

    require_write(acting_user)
    require_department_in_scope(acting_user, fair.event.department_id, field="person_id")


def _q(amount) -> str:
    from tejido.web.templatetags.tejido import quetzales

    return quetzales(amount)


def _sale_notice(sale: FairSale) -> str:
    return existing_notice(_("una venta de %(name)s en este evento") % {"name": sale.person.full_name}, sale,
                           _q(sale.amount))


@transaction.atomic
def fair_sale_save(*, acting_user, fair: Fair, person: Person, amount, replace: Replace | None = None) -> FairSale:
    """Record what a woman sold at a fair; saving again for the same woman replaces the amount.
    `replace` (the web form): an existing sale is replaced only when the user confirmed it at its
    current version (reliability.locking.Replace); the API replaces, as documented."""
    _check_fair_writer(acting_user, fair)
    amount = _amount(amount, "amount")
    _check_enrolled([person], fair.event.date, field="person_id")
    if replace is not None:  # the fair's row queues two first sales of her at once (no sale to lock yet)
        Fair.objects.select_for_update().filter(pk=fair.pk).first()
    sale = FairSale.objects.select_for_update().filter(fair=fair, person=person).first()
    if replace is not None:
        replace.check(sale, _sale_notice, field="person_id")
    if sale is None:
        sale = FairSale(fair=fair, person=person, amount=amount, created_by=acting_user)
        save_with_history(sale, acting_user=acting_user)
        fair.event.participants.add(person)
    else:
        sale.amount = amount
        save_with_history(sale, acting_user=acting_user, reason=_("Corrección"))
    return sale


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def fair_sales_in_month(person: Person, month: dt.date) -> Decimal:
    """What she sold at fairs that started in that month (the default for her monthly report)."""
    total = FairSale.objects.filter(person=person, fair__event__date__gte=month_start(month),
                                    fair__event__date__lte=month_end(month),
                                    fair__event__deleted_at__isnull=True).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")


def _income_notice(report: IncomeReport) -> str:
    what = _("un reporte de ingresos de %(name)s para %(month)s") % {
        "name": report.person.full_name, "month": dateformat.format(report.month, r"F \d\e Y")}
    value = _("%(total)s (ventas propias %(own)s, eventos comerciales %(fair)s)") % {
        "total": _q(report.total), "own": _q(report.own_sales), "fair": _q(report.fair_sales)}
    return existing_notice(what, report, value)


@transaction.atomic
def income_report_save(*, acting_user, person: Person, month: dt.date, own_sales, fair_sales=None,
                       replace: Replace | None = None) -> IncomeReport:
    """A woman's income for a month. `fair_sales` None: the sum of her fair sales that month.
    A second report for the same woman and month replaces the first (kept in history); from the web
    form (`replace`) only once the user confirmed it at the report's current version (an import or
    the API replaces, as documented)."""
    month = month_start(month)
    if month > timezone.localdate():
        raise ApplicationError(_("El mes no puede estar en el futuro."), field="month")
    own = _amount(own_sales, "own_sales")
    fair = fair_sales_in_month(person, month) if fair_sales in (None, "") else _amount(fair_sales, "fair_sales")
    enrolment = (Enrolment.objects.filter(program=PROGRAM, person=person, start__lte=month_end(month))
                 .filter(Q(end__isnull=True) | Q(end__gte=month)).select_related("center").order_by("-start").first())
    if enrolment is None:
        raise ApplicationError(_("%(name)s no estaba inscrita en una unidad productiva ese mes.")
                               % {"name": person.full_name}, field="person_id")
    check_center_in_scope(acting_user, enrolment.center, field="person_id")
    if replace is not None:  # her row queues two first reports of a month at once (no report to lock yet)
        Person.all_objects.select_for_update().filter(pk=person.pk).first()
    report = IncomeReport.objects.select_for_update().filter(person=person, month=month).first()
    if replace is not None:
        replace.check(report, _income_notice, field="month")
    if report is None:
        report = IncomeReport(person=person, month=month, created_by=acting_user)
        reason = ""
    else:
        reason = _("Reemplaza el reporte anterior del mes")
    report.own_sales, report.fair_sales = own, fair
    report.center, report.department_id = enrolment.center, enrolment.center.department_id
    save_with_history(report, acting_user=acting_user, reason=reason)
    return report
