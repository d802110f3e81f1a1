"""The only writers of enrolments and attendance, shared by every program."""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.models import PROGRAM_OF_KIND, Center
from tejido.common.audit import save_with_history
from tejido.common.capture import check_captured_at
from tejido.common.errors import ApplicationError
from tejido.registry.models import Person
from tejido.reliability.locking import ConflictError, check_version, version_of
from tejido.territory.scope import require_write

from .ages import age_label, completed_months
from .attendance_summary import refresh_center_month
from .models import AgeRule, Attendance, Enrolment, Event, ExitReason, RollCall

# program -> function(person, day) -> level code; programs register theirs (childcare: by age).
LEVEL_RULES = {}


def check_center_in_scope(acting_user, center: Center, *, field: str = "center") -> None:
    """Writers record services only at centers of their territory (clerks: their centers)."""
    scope = require_write(acting_user)
    if scope.national:
        return
    if center.department_id in scope.department_ids or center.pk in scope.center_ids:
        return
    raise ApplicationError(_("Ese centro está fuera de su territorio."), field=field)


_LOOK_IT_UP = object()


def check_age(program: str, person: Person, on: dt.date, *, field: str = "person", rule=_LOOK_IT_UP) -> None:
    """`rule`: the program's AgeRule (or None) when the caller has it already (many rows at once)."""
    if rule is _LOOK_IT_UP:
        rule = AgeRule.objects.filter(program=program).first()
    if rule is None:
        return
    months = completed_months(person.birth_date, on)
    too_young = months < rule.min_months
    too_old = rule.max_months is not None and months >= rule.max_months
    if too_young or too_old:
        raise ApplicationError(
            _("%(name)s tiene %(age)s el %(date)s; el programa atiende %(rule)s.")
            % {"name": person.full_name, "age": age_label(person.birth_date, on), "date": on.strftime("%d/%m/%Y"),
               "rule": rule.describe()},
            field=field,
        )


def _check_date(day: dt.date, field: str, person: Person | None = None) -> None:
    if day > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field=field)
    if person is not None and day < person.birth_date:
        raise ApplicationError(_("La fecha es anterior al nacimiento de la persona."), field=field)


def check_enrolment(*, person: Person, center: Center, program: str, start: dt.date, acting_user,
                    active: Enrolment | None, rule=_LOOK_IT_UP) -> None:
    """The rules of a new enrolment, without writing: enrolment_create's and, for many rows at once,
    EnrolmentsAtOnce's. `active`: the person's open enrolment in the program, if any."""
    check_center_in_scope(acting_user, center)
    if PROGRAM_OF_KIND.get(center.kind) != program:
        raise ApplicationError(_("Ese centro no pertenece a este programa."), field="center")
    if center.status != Center.Status.ACTIVE:
        raise ApplicationError(_("El centro no está en funcionamiento."), field="center")
    _check_date(start, "start", person)
    if center.opened_on and start < center.opened_on:
        raise ApplicationError(_("El centro aún no había abierto en esa fecha."), field="start")
    check_age(program, person, start, rule=rule)
    if active is not None:
        message = (_("%(name)s ya está inscrita en %(center)s desde el %(date)s. Registre su egreso antes de "
                     "inscribirla en otro centro.") if person.sex == "F" else
                   _("%(name)s ya está inscrito en %(center)s desde el %(date)s. Registre su egreso antes de "
                     "inscribirlo en otro centro."))
        raise ApplicationError(
            message % {"name": person.full_name, "center": active.center, "date": active.start.strftime("%d/%m/%Y")},
            field="person",
        )


@transaction.atomic
def enrolment_create(*, person: Person, center: Center, program: str, start: dt.date, acting_user,
                     attended_by_teacher: bool | None = None) -> Enrolment:
    active = Enrolment.objects.filter(person=person, program=program, end__isnull=True).select_related("center").first()
    check_enrolment(person=person, center=center, program=program, start=start, acting_user=acting_user,
                    active=active)
    enrolment = Enrolment(person=person, center=center, department_id=center.department_id, program=program,
                          start=start, attended_by_teacher=attended_by_teacher, created_by=acting_user)
    try:
        with transaction.atomic():
            save_with_history(enrolment, acting_user=acting_user)
    except IntegrityError:  # a concurrent enrolment won the race
        raise ApplicationError(_("%(name)s ya tiene una inscripción activa.") % {"name": person.full_name},
                               field="person") from None
    return enrolment


@dataclass(frozen=True)
class EnrolmentRequest:
    person_id: int
    center_id: int
    program: str
    start: dt.date
    attended_by_teacher: bool | None = None
    confirmed: bool = False  # a program's own confirmation (women's program: a girl under 13)


class EnrolmentsAtOnce:
    """Many new enrolments (an import) with the rules of the form's service — the program's own
    (`ProgramSite.enrol_check`) then `check_enrolment` — against what is loaded once per call (the
    people, centers and open enrolments of the rows, the age rules), and written with one bulk insert
    and its «+» history rows (who, when, which import). One instance follows a whole file: a row
    enrolling a person an earlier row enrolled in the same program is refused as if it were saved."""

    def __init__(self, acting_user):
        self.user = acting_user
        self.rules = {rule.program: rule for rule in AgeRule.objects.all()}
        self.accepted: dict[tuple[int, str], Enrolment] = {}  # (person, program) -> the enrolment a row makes

    def check(self, requests: list[EnrolmentRequest]) -> dict[int, ApplicationError]:
        """Position in `requests` -> why that row is refused; the others are accepted."""
        from .sites import SITES

        people = Person.objects.in_bulk({r.person_id for r in requests})
        centers = Center.objects.in_bulk({r.center_id for r in requests})
        open_ = {(e.person_id, e.program): e for e in Enrolment.objects.filter(
            person_id__in=people, end__isnull=True).select_related("center")}
        refused = {}
        for position, request in enumerate(requests):
            person, center, key = people[request.person_id], centers[request.center_id], (request.person_id,
                                                                                          request.program)
            site = SITES.get(request.program)
            try:
                if site is not None and site.enrol_check:
                    site.enrol_check(person=person, start=request.start, confirmed=request.confirmed)
                check_enrolment(person=person, center=center, program=request.program, start=request.start,
                                acting_user=self.user, active=self.accepted.get(key) or open_.get(key),
                                rule=self.rules.get(request.program))
            except ApplicationError as error:
                refused[position] = error
                continue
            self.accepted[key] = Enrolment(
                person=person, center=center, department_id=center.department_id, program=request.program,
                start=request.start, attended_by_teacher=request.attended_by_teacher, created_by=self.user)
        return refused

    @transaction.atomic
    def create(self, requests: list[EnrolmentRequest], *, reason: str) -> list[Enrolment]:
        """Check, then write every request or none (the first refusal is raised)."""
        from simple_history.utils import bulk_create_with_history

        refused = self.check(requests)
        if refused:
            raise refused[min(refused)]
        enrolments = [self.accepted[(r.person_id, r.program)] for r in requests]
        try:
            with transaction.atomic():
                return bulk_create_with_history(enrolments, Enrolment, default_user=self.user,
                                                default_change_reason=reason)
        except IntegrityError:  # an enrolment saved meanwhile by someone else
            raise ApplicationError(_("Alguien inscribió a una de estas personas mientras tanto; vuelva a importar "
                                     "el archivo.")) from None


@transaction.atomic
def enrolment_exit(*, enrolment: Enrolment, end: dt.date, reason: str, acting_user,
                   version: str | None = None) -> Enrolment:
    check_center_in_scope(acting_user, enrolment.center)
    check_version(enrolment, version, refresh=True)  # locked; a stale If-Match is refused
    if enrolment.end is not None:
        raise ApplicationError(_("Esta inscripción ya tiene egreso."), field="end")
    _check_date(end, "end")
    if end < enrolment.start:
        raise ApplicationError(_("El egreso no puede ser anterior al ingreso."), field="end")
    if reason not in ExitReason.values:
        raise ApplicationError(_("Elija el motivo de egreso."), field="exit_reason")
    enrolment.end, enrolment.exit_reason = end, reason
    save_with_history(enrolment, acting_user=acting_user, reason=_("Egreso"))
    return enrolment


def enrolments_active_on(center: Center, program: str, day: dt.date):
    return (Enrolment.objects.filter(center=center, program=program, start__lte=day)
            .exclude(end__lt=day).select_related("person"))


@transaction.atomic
def roll_call_save(*, center: Center, program: str, day: dt.date, present_ids: set[int], acting_user,
                   version: str | None = None, captured_at: dt.datetime | None = None) -> RollCall:
    """Save a center's roll for a day: every active enrolment gets present or absent.
    Saving again the same day replaces the marks (a correction). `version`: the day's list as the
    form showed it (`version_of` the roll and its marks, "" = no list yet); another officer's list
    saved since is not replaced (ConflictError). None (the API): no check. `captured_at`: when it
    was taken on the device (offline capture)."""
    check_center_in_scope(acting_user, center)
    _check_date(day, "date")
    captured_at = check_captured_at(captured_at)
    if day.weekday() >= 5:
        raise ApplicationError(_("Los centros no atienden sábados ni domingos."), field="date")
    enrolments = list(enrolments_active_on(center, program, day))
    unknown = set(present_ids) - {e.pk for e in enrolments}
    if unknown:
        raise ApplicationError(_("Hay personas marcadas que no estaban inscritas ese día en este centro."))
    if version is not None:
        # The center's row is the lock for its lists: two first saves of a day (no list to lock yet)
        # queue here too, and the second finds the first's list.
        Center.objects.select_for_update().filter(pk=center.pk).first()
        stored = RollCall.objects.select_for_update().filter(center=center, program=program, date=day).first()
        if version_of(stored) != version.strip().strip('"'):
            raise ConflictError(stored, version_of(stored))
    roll, _created = RollCall.objects.update_or_create(center=center, program=program, date=day,
                                                       defaults={"taken_by": acting_user, "captured_at": captured_at})
    roll.marks.all().delete()
    level_of = LEVEL_RULES.get(program, lambda person, day: "")
    Attendance.objects.bulk_create(
        [Attendance(roll=roll, enrolment=e, present=e.pk in present_ids, level=level_of(e.person, day))
         for e in enrolments]
    )
    refresh_center_month(center=center, program=program, day=day)
    return roll


EVENT_TEXT_LIMITS = {"topic": 250, "partner": 150}


@transaction.atomic
def event_create(*, program: str, kind: str, topic: str, audience: str, date: dt.date, municipality,
                 acting_user, modality: str = Event.Modality.IN_PERSON, center: Center | None = None,
                 partner: str = "", unnamed_participants: int = 0, participants=(), category: str = "",
                 diplomas: int = 0, code: str = "") -> Event:
    """An event of a program at a center or a place; participants named, counted, or both;
    `diplomas`: how many of them received a diploma (trainings); `code`: the office's own code."""
    if center is not None:
        check_center_in_scope(acting_user, center)
        if center.municipality_id != municipality.pk:
            raise ApplicationError(_("El centro no está en el municipio elegido."), field="center")
    else:
        scope = require_write(acting_user)
        if not scope.national and municipality.department_id not in scope.department_ids:
            raise ApplicationError(_("Ese municipio está fuera de los departamentos que usted atiende."),
                                   field="municipality")
    topic, partner = " ".join((topic or "").split()), " ".join((partner or "").split())
    if not topic:
        raise ApplicationError(_("Escriba el tema."), field="topic")
    for name, value in (("topic", topic), ("partner", partner)):
        if len(value) > EVENT_TEXT_LIMITS[name]:
            raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).")
                                   % {"n": EVENT_TEXT_LIMITS[name]}, field=name)
    for name, choices, value in (("kind", Event.Kind, kind), ("modality", Event.Modality, modality),
                                 ("audience", Event.Audience, audience)):
        if value not in choices.values:
            raise ApplicationError(_("Elija un valor de la lista."), field=name)
    _check_date(date, "date")
    if unnamed_participants < 0 or unnamed_participants > 100_000:
        raise ApplicationError(_("Número de participantes fuera de rango."), field="unnamed_participants")
    if not participants and not unnamed_participants:
        raise ApplicationError(_("Registre al menos un participante (con nombre o como número)."),
                               field="unnamed_participants")
    code = " ".join((code or "").split())
    if len(code) > 40:
        raise ApplicationError(_("Texto demasiado largo (máximo %(n)s caracteres).") % {"n": 40}, field="code")
    if code and Event.objects.filter(program=program, code=code).exists():
        raise ApplicationError(_("Ya hay un evento con el código «%(code)s» en este programa.") % {"code": code},
                               field="code")
    diplomas = diplomas or 0
    if diplomas < 0 or diplomas > len(participants) + unnamed_participants:
        raise ApplicationError(_("Las personas con diploma no pueden ser más que las participantes."), field="diplomas")
    if diplomas and kind != Event.Kind.TRAINING:
        raise ApplicationError(_("Solo una capacitación entrega diplomas."), field="diplomas")
    event = Event(program=program, kind=kind, topic=topic, modality=modality, audience=audience, date=date,
                  center=center, municipality=municipality, department_id=municipality.department_id,
                  partner=partner, unnamed_participants=unnamed_participants, category=category[:40],
                  diplomas=diplomas, code=code, created_by=acting_user)
    save_with_history(event, acting_user=acting_user)
    if participants:
        event.participants.set(participants)
    return event


@transaction.atomic
def event_add_participants(*, event: Event, acting_user, person: Person | None = None,
                           unnamed_participants: int | None = None) -> Event:
    """A named participant joins an event already recorded, and/or its count of participants
    without a registry record is corrected (bulk import of an event's list, row by row)."""
    if event.center_id:
        check_center_in_scope(acting_user, event.center)
    else:
        scope = require_write(acting_user)
        if not scope.national and event.department_id not in scope.department_ids:
            raise ApplicationError(_("Ese municipio está fuera de los departamentos que usted atiende."),
                                   field="municipality")
    if person is not None:
        if person.birth_date > event.date:
            raise ApplicationError(_("La fecha es anterior al nacimiento de la persona."), field="person")
        if event.participants.filter(pk=person.pk).exists():
            raise ApplicationError(_("%(name)s ya es participante de este evento.") % {"name": person.full_name},
                                   field="person")
        event.participants.add(person)
    if unnamed_participants is not None and unnamed_participants != event.unnamed_participants:
        if unnamed_participants < 0 or unnamed_participants > 100_000:
            raise ApplicationError(_("Número de participantes fuera de rango."), field="unnamed_participants")
        event.unnamed_participants = unnamed_participants
        save_with_history(event, acting_user=acting_user, update_fields=["unnamed_participants", "updated_at"])
    return event
