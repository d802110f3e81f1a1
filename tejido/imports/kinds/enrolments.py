"""Inscripciones: one row per person enrolled at a center. Files are hundreds of rows, not
millions, so each row goes through programs.services.enrolment_create itself: the same rules
(center in scope and of the program, open, age rule, one active enrolment per program) and a
history row per enrolment. Pass 1 rehearses every row inside a transaction that is rolled back,
so conflicts between rows of the same file are found before anything is kept."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import PROGRAM_OF_KIND, Center
from tejido.centers.selectors import center_list
from tejido.common.errors import PermissionDenied
from tejido.programs.services import enrolment_create
from tejido.registry.cui import clean_cui
from tejido.registry.models import Person
from tejido.registry.selectors import person_list
from tejido.territory.scope import require_personal_data, require_write

from ..fields import CellError, Column, as_text, parse_date, parse_yes_no
from .base import Kind
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


class PersonLookup:
    """A person by CUI or by Tejido's registration number, only among people the user may see;
    a missing person and one outside the territory answer alike."""

    def __init__(self):
        self.people = None

    def __call__(self, value):
        raw = clean_cui(as_text(value))
        if not raw:
            return None
        found = None
        if raw.isdigit():
            lookup = {"cui": raw} if len(raw) == 13 else {"pk": int(raw)}
            found = self.people.filter(**lookup).values_list("pk", flat=True).first()
        if found is None:
            raise CellError(_("Persona no encontrada o fuera de su territorio: «%(value)s».") % {"value": raw[:20]})
        return found


class EnrolmentsKind(Kind):
    slug = "inscripciones"
    label = gettext_lazy("Inscripciones")
    key_help = gettext_lazy("Persona + programa del centro + fecha de ingreso.")
    rehearse = True
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

    def validate(self, values, positions, ctx) -> dict:
        from .base import RowErrors

        clean, problems = self.cells(values, positions)
        if problems:
            raise RowErrors(problems)
        clean["program"] = program_of_center(clean["center_id"],
                                             _("Ese centro no atiende inscripciones de ningún programa."))
        return clean

    def key(self, clean: dict) -> str:
        return f"{clean['person_id']}|{clean['program']}|{clean['start']:%Y-%m-%d}"

    def apply(self, clean: dict, ctx) -> int:
        """Through the program's own enrolment service where it has one (the women's program: women
        only, a girl under 13 only confirmed), as the form and the API do; else the shared one."""
        from tejido.programs.sites import SITES

        person, center = Person.objects.get(pk=clean["person_id"]), Center.objects.get(pk=clean["center_id"])
        site = SITES.get(clean["program"])
        if site is not None and site.enrol_service:
            enrolment = site.enrol_service(person=person, center=center, program=clean["program"],
                                           start=clean["start"], acting_user=ctx.user,
                                           confirmed=bool(clean.get("confirmed")))
        else:
            enrolment = enrolment_create(person=person, center=center, program=clean["program"], start=clean["start"],
                                         attended_by_teacher=clean.get("attended_by_teacher"), acting_user=ctx.user)
        return enrolment.pk

    def write(self, records, ctx) -> list[int]:
        return [self.apply(record, ctx) for record in records]
