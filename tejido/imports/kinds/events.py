"""Capacitaciones y eventos: one row per named participant, or one row with the number of
participants without a registry record. Rows with the same «Código del evento» are one event; rows
without a code, those with the same program, date, place (center, or municipality without a
center) and topic. Its first row creates it with the program's own service — the women's program's
trainings with women.services.training_create (training type and product line, participants
enrolled women), every other event with programs.services.event_create — and the next rows add
their participant the same way (training_add_participant, or event_add_participants: scope, not
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
from tejido.women.choices import ProductLine, TrainingKind
from tejido.women.services import training_add_participant, training_create

from ..fields import Coded, Column, MunicipalityLookup, parse_count, parse_date, text
from .base import RowErrors
from .enrolments import CENTER, PersonAtCenterKind, PersonLookup
from .people import CenterLookup

PROGRAM, KIND, TOPIC, AUDIENCE, DAY = "Programa", "Tipo", "Tema", "Dirigido a", "Fecha"
CODE, TRAINING_KIND, PRODUCT_LINE = "Código del evento", "Tipo de capacitación", "Línea productiva"
MUNICIPALITY, COUNT, PARTICIPANT = "Municipio", "Participantes sin registro", "Participante (CUI o número de registro)"


def _labels(choices) -> list[str]:
    return [str(label) for _v, label in choices.choices]


@dataclass
class EventContext:
    user: object
    people: object
    events: dict = field(default_factory=dict)  # event key -> event id (this import)
    counts: dict = field(default_factory=dict)  # event key -> count given in this file


class EventsKind(PersonAtCenterKind):
    slug = "eventos"
    label = gettext_lazy("Capacitaciones y eventos con participantes")
    key_help = gettext_lazy("Programa + fecha + centro (o municipio) + tema, + participante.")
    service_fields = {"program": PROGRAM, "kind": KIND, "topic": TOPIC, "audience": AUDIENCE, "date": DAY,
                      "municipality": MUNICIPALITY, "center": CENTER, "unnamed_participants": COUNT,
                      "person": PARTICIPANT, "participants": PARTICIPANT, "partner": "Institución aliada",
                      "modality": "Modalidad", "code": CODE, "training_kind": TRAINING_KIND,
                      "product_line": PRODUCT_LINE}

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
            Column("code", CODE, False, text(40),
                   gettext_lazy("Opcional: el código de la oficina; las filas con el mismo código son un evento "
                                "(aunque sean del mismo día, lugar y tema que otro)")),
            Column("training_kind", TRAINING_KIND, False, Coded(TrainingKind),
                   gettext_lazy("Capacitaciones de la Mujer: obligatorio, de la lista"), _labels(TrainingKind)),
            Column("product_line", PRODUCT_LINE, False, Coded(ProductLine),
                   gettext_lazy("Capacitaciones de la Mujer en actividad productiva: de la lista"),
                   _labels(ProductLine)),
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
        if clean.get("code"):
            clean["event"] = f"{clean['program']}|codigo|{normalize_text(clean['code'])}"
        else:
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
            event = self._create(clean, person, count, ctx)
        else:
            if clean.get("code") and (event.date, normalize_text(event.topic)) != (clean["date"],
                                                                                    normalize_text(clean["topic"])):
                raise RowErrors([(CODE, _("El evento con este código es del %(date)s, con el tema «%(topic)s».")
                                  % {"date": event.date.strftime("%d/%m/%Y"), "topic": event.topic[:60]})])
            add = training_add_participant if _is_womens_training(event) else event_add_participants
            add(event=event, person=person, unnamed_participants=count, acting_user=ctx.user)
        ctx.events[group] = event.pk  # only now: a failed row rolled its new event back
        return event.pk

    def _create(self, clean, person, count, ctx) -> Event:
        where = {"municipality": Municipality.objects.get(pk=clean["municipality_id"]),
                 "center": Center.objects.get(pk=clean["center_id"]) if clean["center_id"] else None}
        common = {"topic": clean["topic"], "date": clean["date"], "partner": clean["partner"],
                  "unnamed_participants": count or 0, "participants": [person] if person else (),
                  "code": clean.get("code") or "", "acting_user": ctx.user, **where}
        if (clean["program"], clean["kind"], clean["audience"]) == WOMENS_TRAINING:
            return training_create(training_kind=clean.get("training_kind") or "",
                                   product_line=clean.get("product_line") or "", **common)
        return event_create(program=clean["program"], kind=clean["kind"], audience=clean["audience"],
                            modality=clean["modality"], **common)

    def _stored(self, clean, ctx) -> Event | None:
        """The event of these rows created earlier in this import, or recorded before (same code,
        or same key)."""
        if clean["event"] in ctx.events:
            return Event.objects.get(pk=ctx.events[clean["event"]])
        if clean.get("code"):
            return Event.objects.filter(program=clean["program"], code=" ".join(clean["code"].split())).first()
        same = Event.objects.filter(program=clean["program"], date=clean["date"], topic__iexact=clean["topic"])
        if clean["center_id"]:
            same = same.filter(center_id=clean["center_id"])
        else:
            same = same.filter(center__isnull=True, municipality_id=clean["municipality_id"])
        return same.first()


# The women's program records its trainings for the beneficiaries with their own service (type of
# training, product line); its staff trainings and other events are shared events.
WOMENS_TRAINING = (Program.WOMEN, Event.Kind.TRAINING, Event.Audience.BENEFICIARIES)


def _is_womens_training(event: Event) -> bool:
    return (event.program, event.kind, event.audience) == WOMENS_TRAINING
