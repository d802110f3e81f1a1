"""Inscripciones: one row per person enrolled at a center, with the rules of the form's service
(programs.services: the program's own `enrol_check`, then `check_enrolment` — center in scope and
of the program, open, age rule, one open enrolment per program) applied to a batch of rows at
once by `EnrolmentsAtOnce`, against the people, centers and open enrolments loaded once per batch,
and written with one bulk insert and its «+» history rows. Rows of the same file count against
each other as if saved one after another.

`PersonAtCenterKind` is what other templates naming a person and a center share (the lookups,
who may import); they write row by row through their own services, rehearsed in pass 1."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import PROGRAM_OF_KIND, Center
from tejido.centers.selectors import center_list
from tejido.common.errors import PermissionDenied
from tejido.programs.services import EnrolmentRequest, EnrolmentsAtOnce
from tejido.registry.cui import clean_cui
from tejido.registry.selectors import person_list
from tejido.territory.scope import require_personal_data, require_write

from ..fields import CellError, Column, as_text, parse_date, parse_yes_no
from .base import CheckedAtOnce, Kind
from .people import CenterLookup

PERSON, CENTER, START = "Persona (CUI o número de registro)", "Centro", "Fecha de ingreso"
CONFIRMED = "Confirmado"


def program_of_center(center_id: int, no_program_message: str) -> str:
    """The program that runs a center's kind; a row error on the center column when none does."""
    from .base import RowErrors

    kind = Center.objects.filter(pk=center_id).values_list("kind", flat=True).first()
    program = PROGRAM_OF_KIND.get(kind) or ""
    if not program:
        raise RowErrors([(CENTER, no_program_message)])
    return program


@dataclass
class EnrolmentContext:
    user: object
    people: object  # the people the user may see (scoped queryset)
    centers: dict
    checker: object = None  # kinds checked at once (base.CheckedAtOnce): the service's checker and writer
    reason: str = ""        # and what their «+» history rows say
    programs: dict = field(default_factory=dict)  # inscripciones: center -> the program it enrols in


class PersonLookup:
    """A person by CUI or by Tejido's registration number, only among people the user may see;
    a missing person and one outside the territory answer alike."""

    def __init__(self):
        self.people = None
        self.loaded: set[str] = set()    # cell texts of the current chunk (prefetch)
        self.found: dict[str, int] = {}  # those of them that name a person the user may see

    def prefetch(self, cells) -> None:
        """The people a chunk of rows names, in two queries (by CUI, by number) instead of one per row."""
        texts = {clean_cui(as_text(cell)) for cell in cells if cell is not None}
        texts = {t for t in texts if t.isdigit()}
        cuis = [t for t in texts if len(t) == 13]
        numbers = {t: int(t) for t in texts if len(t) != 13 and len(t) <= 18}
        found = dict(self.people.filter(cui__in=cuis).values_list("cui", "pk")) if cuis else {}
        if numbers:
            visible = set(self.people.filter(pk__in=set(numbers.values())).values_list("pk", flat=True))
            found.update({t: pk for t, pk in numbers.items() if pk in visible})
        self.loaded, self.found = set(cuis) | set(numbers), found

    def __call__(self, value):
        raw = clean_cui(as_text(value))
        if not raw:
            return None
        found = None
        if raw in self.loaded:
            found = self.found.get(raw)
        elif raw.isdigit():
            lookup = {"cui": raw} if len(raw) == 13 else {"pk": int(raw)}
            found = self.people.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            raise CellError(_("Persona no encontrada o fuera de su territorio: «%(value)s».") % {"value": raw[:20]})
        return found


class PersonAtCenterKind(Kind):
    """A template whose rows name a person (CUI or number) and a center of the importer's territory;
    subclasses set `person` and `center` columns in their `__init__`."""
    rehearse = True

    def check_user(self, user) -> None:
        scope = require_write(user)
        require_personal_data(user)
        if scope.is_empty:
            raise PermissionDenied(_("Su cuenta no tiene departamentos ni centros asignados."))

    def context(self, user) -> EnrolmentContext:
        centers = dict(center_list(user=user).values_list("id", "department_id"))
        ctx = EnrolmentContext(user=user, people=person_list(user=user), centers=centers)
        self.person.parse.people = ctx.people
        self.center.parse = CenterLookup(centers)
        return ctx

    def prepare(self, rows, positions, ctx) -> None:
        column = getattr(self, "person", None)
        lookup = getattr(column, "parse", None)
        index = positions.get(column.name) if column is not None else None
        if index is not None and isinstance(lookup, PersonLookup) and lookup.people is not None:
            lookup.prefetch(row[index] for row in rows if index < len(row))


class EnrolmentsKind(CheckedAtOnce, PersonAtCenterKind):
    slug = "inscripciones"
    label = gettext_lazy("Inscripciones")
    key_help = gettext_lazy("Persona + programa del centro + fecha de ingreso.")
    # The service's field names -> this template's columns, for its error messages.
    service_fields = {"person": PERSON, "center": CENTER, "start": START, "confirmed": CONFIRMED}

    def __init__(self):
        self.person = Column("person_id", PERSON, True, PersonLookup(),
                             gettext_lazy("CUI (13 dígitos) o número de registro de la persona en Tejido"))
        self.center = Column("center_id", CENTER, True, None,
                             gettext_lazy("Número del centro («número - nombre» de la lista)"))
        self.columns = [
            self.person, self.center,
            Column("start", START, True, parse_date, gettext_lazy("dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa")),
            Column("attended_by_teacher", "Atendido por docente", False, parse_yes_no,
                   gettext_lazy("Hogares Comunitarios y CADI: Sí o No"), ["Sí", "No"]),
            Column("confirmed", CONFIRMED, False, parse_yes_no,
                   gettext_lazy("Unidades productivas: Sí para inscribir a una niña menor de 13 años que participa "
                                "en la unidad (la misma confirmación que pide el formulario)"), ["Sí", "No"]),
        ]

    def validate(self, values, positions, ctx) -> dict:
        from .base import RowErrors

        clean, problems = self.cells(values, positions)
        if problems:
            raise RowErrors(problems)
        clean["program"] = ctx.programs.get(clean["center_id"]) or ""
        if not clean["program"]:
            raise RowErrors([(CENTER, _("Ese centro no atiende inscripciones de ningún programa."))])
        return clean

    def key(self, clean: dict) -> str:
        return f"{clean['person_id']}|{clean['program']}|{clean['start']:%Y-%m-%d}"

    def context(self, user) -> EnrolmentContext:
        ctx = super().context(user)
        ctx.programs = {pk: PROGRAM_OF_KIND.get(kind) for pk, kind in Center.objects.filter(
            pk__in=list(ctx.centers)).values_list("pk", "kind")}
        return ctx

    def at_once(self, user) -> EnrolmentsAtOnce:
        return EnrolmentsAtOnce(user)

    def requests(self, records) -> list[EnrolmentRequest]:
        return [EnrolmentRequest(person_id=r["person_id"], center_id=r["center_id"], program=r["program"],
                                 start=r["start"], attended_by_teacher=r.get("attended_by_teacher"),
                                 confirmed=bool(r.get("confirmed"))) for r in records]
