"""Hogares: one row per member. Rows with the same «Código de hogar» (or, without a code, the same
household name and municipality) form one household, created with registry.services.household_create
at its first row; each row adds its member with household_add_member (scope, one head, no person
twice). Rehearsed in pass 1 like enrolments; after the last row, every household of the file must
end with exactly one head."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.common.errors import PermissionDenied
from tejido.common.text import normalize_text
from tejido.registry.choices import Relationship
from tejido.registry.models import Household, HouseholdMember, Person
from tejido.registry.selectors import person_list
from tejido.registry.services import household_add_member, household_create
from tejido.territory.models import Municipality
from tejido.territory.scope import require_personal_data, require_write

from ..fields import Coded, Column, MunicipalityLookup, parse_date, text
from .base import Kind, RowErrors
from .enrolments import PERSON, PersonLookup

CODE, NAME, MUNICIPALITY, RELATIONSHIP = "Código de hogar", "Nombre del hogar", "Municipio", "Parentesco"
RELATIONSHIP_ALIASES = {"Jefe": "jefe", "Jefa": "jefe", "Jefa de hogar": "jefe", "Esposa": "conyuge",
                        "Esposo": "conyuge", "Pareja": "conyuge", "Hijo": "hijo", "Hija": "hijo", "Nieta": "nieto",
                        "Madre": "padre", "Padre": "padre", "Hermana": "hermano", "Abuela": "otro_pariente"}


@dataclass
class HouseholdContext:
    user: object
    people: object
    households: dict = field(default_factory=dict)  # group -> household id (this import)
    names: dict = field(default_factory=dict)  # group -> (normalized name, municipality, name) of its first row
    with_head: set = field(default_factory=set)  # groups whose household has a head
    keys: dict = field(default_factory=dict)  # group -> row keys, to name the rows of a headless household


class HouseholdsKind(Kind):
    slug = "hogares"
    label = gettext_lazy("Hogares y sus miembros")
    key_help = gettext_lazy("Código de hogar + municipio (o nombre del hogar + municipio) + persona.")
    rehearse = True
    service_fields = {"name": NAME, "person": PERSON, "relationship": RELATIONSHIP, "place": MUNICIPALITY}

    def __init__(self):
        self.person = Column("person_id", PERSON, True, PersonLookup(),
                             gettext_lazy("CUI (13 dígitos) o número de registro de la persona en Tejido"))
        self.municipality = Column("municipality_id", MUNICIPALITY, True, None,
                                   gettext_lazy("Código INE o «código - municipio (departamento)» de la lista"))
        self.columns = [
            Column("code", CODE, False, text(40),
                   gettext_lazy("Opcional: el mismo código en todas las filas de un hogar (p. ej. H-001)")),
            Column("name", NAME, True, text(120), gettext_lazy("P. ej. «Familia Pérez Caal»")),
            self.municipality,
            Column("address", "Dirección", False, text(250), gettext_lazy("Texto (se toma de la primera fila)")),
            self.person,
            Column("relationship", RELATIONSHIP, True, Coded(Relationship, aliases=RELATIONSHIP_ALIASES),
                   gettext_lazy("Relación con el jefe/a de hogar; exactamente un «Jefe/a de hogar» por hogar"),
                   [str(label) for _v, label in Relationship.choices]),
            Column("joined_on", "Desde", False, parse_date, gettext_lazy("Opcional: dd/mm/aaaa")),
        ]

    def check_user(self, user) -> None:
        scope = require_write(user)
        require_personal_data(user)
        if not scope.national and not scope.department_ids:
            raise PermissionDenied(_("Su rol no permite registrar hogares."))

    def context(self, user) -> HouseholdContext:
        ctx = HouseholdContext(user=user, people=person_list(user=user))
        self.person.parse.people = ctx.people
        self.municipality.parse = MunicipalityLookup()
        return ctx

    def after_rehearsal(self, ctx) -> None:
        ctx.households.clear()
        ctx.names.clear()
        ctx.with_head.clear()
        ctx.keys.clear()

    def validate(self, values, positions, ctx) -> dict:
        clean, problems = self.cells(values, positions)
        if problems:
            raise RowErrors(problems)
        # A code is the office's own: it names a household within its municipality, not nationwide.
        clean["group"] = (f"codigo:{normalize_text(clean['code'])}@{clean['municipality_id']}" if clean["code"]
                          else f"{normalize_text(clean['name'])}|{clean['municipality_id']}")
        return clean

    def key(self, clean: dict) -> str:
        return f"{clean['group']}|{clean['person_id']}"[:255]

    def apply(self, clean: dict, ctx) -> int:
        group, name = clean["group"], (normalize_text(clean["name"]), clean["municipality_id"])
        if ctx.names.setdefault(group, (*name, clean["name"]))[:2] != name:
            raise RowErrors([(CODE, _("Ese código de hogar ya se usó en este archivo con otro nombre."))])
        household = self._household(clean, ctx)
        member = household_add_member(household=household, person=Person.objects.get(pk=clean["person_id"]),
                                      relationship=clean["relationship"], joined_on=clean["joined_on"],
                                      acting_user=ctx.user)
        # Remembered only now: a row that failed rolled its new household back with it.
        ctx.households[group] = household.pk
        if clean["relationship"] == Relationship.HEAD or HouseholdMember.objects.filter(
                household=household, relationship=Relationship.HEAD, left_on__isnull=True).exists():
            ctx.with_head.add(group)
        ctx.keys.setdefault(group, []).append(self.key(clean))
        return member.pk

    def _household(self, clean, ctx) -> Household:
        """This import's household of the group, one imported or registered before, or a new one."""
        if clean["group"] in ctx.households:
            return Household.objects.get(pk=ctx.households[clean["group"]])
        municipality = Municipality.objects.get(pk=clean["municipality_id"])
        return self._stored(clean) or household_create(acting_user=ctx.user, name=clean["name"],
                                                       municipality=municipality, address=clean["address"])

    def _stored(self, clean) -> Household | None:
        from ..models import ImportedRow

        if clean["code"]:
            # A code names a household through the rows imported with it before.
            member_id = (ImportedRow.objects.filter(kind=self.slug, key__startswith=f"{clean['group']}|")
                         .values_list("object_id", flat=True).first())
            member = HouseholdMember.all_objects.filter(pk=member_id).select_related("household").first()
            return member.household if member else None
        # Without a code: the one live household of that name in that municipality, if exactly one.
        found = list(Household.objects.filter(name__iexact=" ".join(clean["name"].split()),
                                              municipality_id=clean["municipality_id"])[:2])
        return found[0] if len(found) == 1 else None

    def finish(self, ctx) -> dict[str, str]:
        message = _("Parentesco: el hogar «%(name)s» no tiene jefe/a de hogar; marque exactamente uno.")
        return {key: message % {"name": ctx.names[group][2]}
                for group, keys in ctx.keys.items() if group not in ctx.with_head for key in keys}
