"""Recepciones de migrantes retornados: one row per member; rows with the same «Código de
recepción», center and date are one family unit, created whole by migrants.services.reception_create
(center of the territory, one head, each member a registry person; identity may be partial: a
stated age instead of a birth date, no CUI), exactly as the fast-entry screen does. A unit is
written in one call, so pass 1 rehearses each unit after the last row (`finish`) and pass 2
writes the whole file at once (`whole_file`): such files are tens of rows, not millions."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import Center
from tejido.centers.selectors import center_list
from tejido.common.errors import ApplicationError
from tejido.common.text import normalize_text
from tejido.migrants.models import ArrivalMode, ReturnedFrom
from tejido.migrants.services import MemberData, reception_create
from tejido.registry.choices import Relationship, Sex
from tejido.registry.cui import clean_cui
from tejido.territory.models import Municipality

from ..fields import (
    SEX_HELP,
    SEX_VARIANTS,
    Coded,
    Column,
    MunicipalityLookup,
    as_text,
    parse_count,
    parse_date,
    sex_code,
    text,
)
from .base import RowErrors
from .enrolments import CENTER, PersonAtCenterKind
from .households import RELATIONSHIP_ALIASES
from .people import CenterLookup

CODE, DAY, ARRIVAL, FROM, DESTINATION = ("Código de recepción", "Fecha de recepción", "Vía de ingreso",
                                         "País del que retorna", "Municipio de destino")
MEMBER_COLUMNS = {"given_names": "Nombres", "first_surname": "Primer apellido", "second_surname": "Segundo apellido",
                  "sex": "Sexo", "age_years": "Edad (años)", "birth_date": "Fecha de nacimiento",
                  "relationship": "Parentesco", "cui": "CUI"}
UNIT_FIELDS = {"center": CENTER, "date": DAY, "arrival_mode": ARRIVAL, "returned_from": FROM,
               "returned_from_other": FROM, "destination_municipality": DESTINATION, "members": "Parentesco"}
UNIT_NAMES = ("center_id", "date", "arrival_mode", "returned_from", "municipality_id")


@dataclass
class ReceptionContext:
    user: object
    units: dict = field(default_factory=dict)  # unit -> [(key, clean), ...] in file order


class ReceptionsKind(PersonAtCenterKind):
    slug = "recepciones"
    label = gettext_lazy("Recepciones de migrantes retornados")
    key_help = gettext_lazy("Centro + fecha + código de recepción + nombres, apellidos, sexo, fecha de nacimiento "
                            "(o edad) y parentesco del integrante.")
    whole_file = True

    def __init__(self):
        self.center = Column("center_id", CENTER, True, None,
                             gettext_lazy("Centro de recepción (número o de la lista)"))
        self.municipality = Column("municipality_id", DESTINATION, True, None,
                                   gettext_lazy("Código INE o «código - municipio (departamento)»"))
        self.columns = [
            Column("code", CODE, True, text(40), gettext_lazy("El mismo en las filas de una unidad familiar")),
            Column("date", DAY, True, parse_date, gettext_lazy("dd/mm/aaaa")),
            self.center,
            Column("arrival_mode", ARRIVAL, True, Coded(ArrivalMode, aliases={"Aerea": "aerea"}),
                   gettext_lazy("Vía aérea o Vía terrestre"), [str(label) for _v, label in ArrivalMode.choices]),
            Column("returned_from", FROM, True, Coded(ReturnedFrom, aliases={"EEUU": "estados_unidos",
                                                                              "USA": "estados_unidos"}),
                   gettext_lazy("México o Estados Unidos"), [str(label) for _v, label in ReturnedFrom.choices][:2]),
            self.municipality,
            Column("given_names", "Nombres", True, text(80), gettext_lazy("Texto")),
            Column("first_surname", "Primer apellido", True, text(50), gettext_lazy("Texto")),
            Column("second_surname", "Segundo apellido", False, text(50), gettext_lazy("Texto")),
            Column("sex", "Sexo", True, sex_code(), SEX_HELP, [str(label) for _v, label in Sex.choices],
                   variants=SEX_VARIANTS),
            Column("age_years", "Edad (años)", False, parse_count,
                   gettext_lazy("Años cumplidos, si no se sabe la fecha de nacimiento")),
            Column("birth_date", "Fecha de nacimiento", False, parse_date, gettext_lazy("Si se sabe: dd/mm/aaaa")),
            Column("relationship", "Parentesco", True, Coded(Relationship, aliases=RELATIONSHIP_ALIASES),
                   gettext_lazy("Un solo «Jefe/a de hogar» por unidad familiar"),
                   [str(label) for _v, label in Relationship.choices]),
            Column("cui", "CUI", False, lambda v: clean_cui(as_text(v)), gettext_lazy("Si lo tiene: 13 dígitos")),
        ]

    def context(self, user) -> ReceptionContext:
        self.center.parse = CenterLookup(dict(center_list(user=user).values_list("id", "department_id")))
        self.municipality.parse = MunicipalityLookup()
        return ReceptionContext(user=user)

    def after_rehearsal(self, ctx) -> None:
        ctx.units.clear()

    def validate(self, values, positions, ctx) -> dict:
        clean, problems = self.cells(values, positions)
        if problems:
            raise RowErrors(problems)
        clean["unit"] = f"{clean['center_id']}|{clean['date']:%Y-%m-%d}|{normalize_text(clean['code'])}"
        return clean

    def key(self, clean: dict) -> str:
        # with the birth date (or age) and relationship: a mother and a daughter of the same name are two rows
        who = normalize_text(f"{clean['given_names']} {clean['first_surname']} {clean['second_surname']}")
        born = clean.get("birth_date") or (f"{clean['age_years']}a" if clean.get("age_years") is not None else "")
        return f"{clean['unit']}|{who}|{clean['sex']}|{born}|{clean.get('relationship', '')}"[:255]

    def apply(self, clean: dict, ctx) -> int:
        """Pass 1 only collects the unit's rows; `finish` rehearses each unit whole."""
        unit = ctx.units.setdefault(clean["unit"], [])
        if unit and tuple(unit[0][1][n] for n in UNIT_NAMES) != tuple(clean[n] for n in UNIT_NAMES):
            raise RowErrors([(CODE, _("Otra fila de esta recepción tiene otra vía, país o municipio de destino."))])
        unit.append((self.key(clean), clean))
        return 0

    def finish(self, ctx) -> dict[str, str]:
        from django.db import transaction

        from ..models import ImportedRow

        errors = {}
        for unit, rows in ctx.units.items():
            if ImportedRow.objects.filter(kind=self.slug, key__startswith=f"{unit}|").exists():
                message = _("%(column)s: esta recepción ya se importó; agregue integrantes en su pantalla.")
                errors.update({key: message % {"column": CODE} for key, _c in rows})
                continue
            try:
                with transaction.atomic():
                    self._create(rows, ctx)
            except ApplicationError as error:
                errors.update(self._placed(error, rows))
        return errors

    def _placed(self, error: ApplicationError, rows) -> dict[str, str]:
        """The service's error on the row and column it names (members.<i>.<field>), or on every row."""
        parts = (error.field or "").split(".")
        if parts[0] == "members" and len(parts) == 3:
            return {rows[int(parts[1])][0]: f"{MEMBER_COLUMNS.get(parts[2], parts[2])}: {error.message}"}
        header = UNIT_FIELDS.get(parts[0], "")
        return {key: f"{header}: {error.message}" if header else error.message for key, _c in rows}

    def _create(self, rows, ctx) -> list[int]:
        first = rows[0][1]
        reception = reception_create(
            acting_user=ctx.user, date=first["date"], center=Center.objects.get(pk=first["center_id"]),
            arrival_mode=first["arrival_mode"], returned_from=first["returned_from"],
            destination_municipality=Municipality.objects.get(pk=first["municipality_id"]),
            members=[MemberData(given_names=c["given_names"], first_surname=c["first_surname"], sex=c["sex"],
                                second_surname=c["second_surname"], age_years=c["age_years"],
                                birth_date=c["birth_date"], relationship=c["relationship"], cui=c["cui"] or None)
                     for _k, c in rows])
        return list(reception.members.order_by("position").values_list("pk", flat=True))

    def write(self, records, ctx) -> list[int]:
        """The whole file's valid rows at once: each unit in one call, ids back in file order."""
        units: dict[str, list] = {}
        for record in records:
            units.setdefault(record["unit"], []).append((self.key(record), record))
        ids = {}
        for rows in units.values():
            ids.update(zip([key for key, _c in rows], self._create(rows, ctx), strict=True))
        return [ids[self.key(record)] for record in records]
