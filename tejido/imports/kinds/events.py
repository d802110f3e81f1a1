"""Capacitaciones y eventos: one row per named participant, or one row with the number of
participants without a registry record. Rows with the same program, date, place (center, or
municipality without a center) and topic are one event: its first row creates it with
programs.services.event_create, the next ones go through event_add_participants (scope, not
twice, not before birth). Rehearsed in pass 1 like enrolments."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.accounts.models import Program
from tejido.centers.models import Center
from tejido.centers.selectors import center_list
from tejido.common.text import normalize_text
from tejido.programs.models import Event
from tejido.programs.services import event_add_participants, event_create
from tejido.registry.models import Person
from tejido.registry.selectors import person_list
from tejido.territory.models import Municipality

from ..fields import Coded, Column, MunicipalityLookup, parse_count, parse_date, text
from .base import RowErrors
from .enrolments import CENTER, EnrolmentsKind, PersonLookup
from .people import CenterLookup

PROGRAM, KIND, TOPIC, AUDIENCE, DAY = "Programa", "Tipo", "Tema", "Dirigido a", "Fecha"
MUNICIPALITY, COUNT, PARTICIPANT = "Municipio", "Participantes sin registro", "Participante (CUI o número de registro)"


def _labels(choices) -> list[str]:
    return [str(label) for _v, label in choices.choices]


@dataclass
class EventContext:
    user: object
    people: object
    events: dict = field(default_factory=dict)  # event key -> event id (this import)
    counts: dict = field(default_factory=dict)  # event key -> count given in this file


class EventsKind(EnrolmentsKind):
    slug = "eventos"
    label = gettext_lazy("Capacitaciones y eventos con participantes")
    key_help = gettext_lazy("Programa + fecha + centro (o municipio) + tema, + participante.")
    service_fields = {"program": PROGRAM, "kind": KIND, "topic": TOPIC, "audience": AUDIENCE, "date": DAY,
                      "municipality": MUNICIPALITY, "center": CENTER, "unnamed_participants": COUNT,
                      "person": PARTICIPANT, "partner": "Institución aliada", "modality": "Modalidad"}

    def __init__(self):
        self.person = Column("person_id", PARTICIPANT, False, PersonLookup(),
                             gettext_lazy("CUI o número de registro; una fila por participante con registro"))
        self.center = Column("center_id", CENTER, False, None,
                             gettext_lazy("Opcional: número del centro («número - nombre» de la lista)"))
        self.municipality = Column("municipality_id", MUNICIPALITY, True, None,
                                   gettext_lazy("Código INE o «código - municipio (departamento)» de la lista"))
        self.columns = [
            Column("program", PROGRAM, True, Coded(Program), gettext_lazy("De la lista"), _labels(Program)),
            Column("kind", KIND, True, Coded(Event.Kind), gettext_lazy("De la lista"), _labels(Event.Kind)),
            Column("topic", TOPIC, True, text(250), gettext_lazy("El mismo texto en todas las filas del evento")),
            Column("audience", AUDIENCE, True, Coded(Event.Audience), gettext_lazy("De la lista"),
                   _labels(Event.Audience)),
            Column("date", DAY, True, parse_date, gettext_lazy("dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa")),
            self.municipality, self.center,
            Column("modality", "Modalidad", False, Coded(Event.Modality, default=Event.Modality.IN_PERSON),
                   gettext_lazy("De la lista; vacío = Presencial"), _labels(Event.Modality)),
            Column("partner", "Institución aliada", False, text(150), gettext_lazy("Opcional")),
            Column("unnamed_participants", COUNT, False, parse_count,
                   gettext_lazy("Número de asistentes sin registro en Tejido (el mismo en las filas del evento)")),
            self.person,
        ]

    def context(self, user) -> EventContext:
        ctx = EventContext(user=user, people=person_list(user=user))
        self.person.parse.people = ctx.people
        self.center.parse = CenterLookup(dict(center_list(user=user).values_list("id", "department_id")))
        self.municipality.parse = MunicipalityLookup()
        return ctx

    def after_rehearsal(self, ctx) -> None:
        ctx.events.clear()
        ctx.counts.clear()

    def validate(self, values, positions, ctx) -> dict:
        clean, problems = self.cells(values, positions)
        if not problems and clean["person_id"] is None and clean["unnamed_participants"] is None:
            problems.append((PARTICIPANT, _("Escriba el participante o el número de participantes sin registro.")))
        if problems:
            raise RowErrors(problems)
        place = f"c{clean['center_id']}" if clean["center_id"] else f"m{clean['municipality_id']}"
        clean["event"] = f"{clean['program']}|{clean['date']:%Y-%m-%d}|{place}|{normalize_text(clean['topic'])}"
        return clean

    def key(self, clean: dict) -> str:
        who = f"p{clean['person_id']}" if clean["person_id"] else "n"
        return f"{clean['event']}|{who}"[:255]

    def apply(self, clean: dict, ctx) -> int:
        group, count = clean["event"], clean["unnamed_participants"]
        if count is not None and ctx.counts.setdefault(group, count) != count:
            raise RowErrors([(COUNT, _("Otra fila del mismo evento tiene otro número de participantes sin "
                                       "registro (%(n)s).") % {"n": ctx.counts[group]})])
        person = Person.objects.get(pk=clean["person_id"]) if clean["person_id"] else None
        event = self._stored(clean, ctx)
        if event is None:
            event = event_create(program=clean["program"], kind=clean["kind"], topic=clean["topic"],
                                 audience=clean["audience"], date=clean["date"], modality=clean["modality"],
                                 municipality=Municipality.objects.get(pk=clean["municipality_id"]),
                                 center=Center.objects.get(pk=clean["center_id"]) if clean["center_id"] else None,
                                 partner=clean["partner"], unnamed_participants=count or 0,
                                 participants=[person] if person else (), acting_user=ctx.user)
        else:
            event_add_participants(event=event, person=person, unnamed_participants=count, acting_user=ctx.user)
        ctx.events[group] = event.pk  # only now: a failed row rolled its new event back
        return event.pk

    def _stored(self, clean, ctx) -> Event | None:
        """The event of these rows created earlier in this import, or recorded before (same key)."""
        if clean["event"] in ctx.events:
            return Event.objects.get(pk=ctx.events[clean["event"]])
        same = Event.objects.filter(program=clean["program"], date=clean["date"], topic__iexact=clean["topic"])
        if clean["center_id"]:
            same = same.filter(center_id=clean["center_id"])
        else:
            same = same.filter(center__isnull=True, municipality_id=clean["municipality_id"])
        return same.first()
