"""Centros: every kind of center a secretariat runs — community homes, CADI, elderly day and
residential centers, migrant reception centers, productive units with their product line,
shelters' and offices' premises — one row each, through the same service as the form: the women's
program's `unit_create` for productive units (a product line is required), `center_create` for
the rest (territory, dates, hours, a code unique among centers). Files are hundreds or a few
thousand rows: each row is rehearsed in pass 1 like enrolments. The office's own «Código» names
the center in every other template afterwards."""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import Center, CenterKind
from tejido.centers.services import center_create
from tejido.common.errors import PermissionDenied
from tejido.common.text import normalize_text
from tejido.territory.models import Municipality, Office
from tejido.territory.scope import require_write, scope_of
from tejido.women.choices import ProductLine

from ..fields import CellError, Coded, Column, MunicipalityLookup, as_text, parse_count, parse_date, text
from .base import Kind, RowErrors
from .deliveries import OfficeLookup

CODE, NAME, KIND, MUNICIPALITY, LINE = "Código", "Nombre", "Tipo de centro", "Municipio", "Línea productiva"
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?$")


def parse_time(value):
    """«8», «08:00», «16:30», «4:30 p. m.» or a spreadsheet time; empty gives None."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, dt.datetime):
        return value.time()
    raw = as_text(value).lower()
    if not raw:
        return None
    match = _TIME.match(raw)
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
        if half == "p" and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise CellError(_("Hora no válida «%(value)s»; escriba p. ej. 08:00 o 16:30.") % {"value": raw[:20]})


def _kind_aliases() -> dict[str, str]:
    """«Unidad productiva» for «Unidad productiva (grupo de mujeres)», «Centro de Atención Diurna»
    for «… (adulto mayor)», and the words in the parenthesis of «CADI (Centro de Atención y
    Desarrollo Infantil)»: how offices write the kinds."""
    aliases = {}
    for code, label in CenterKind.choices:
        label = str(label)
        if "(" in label:
            aliases[label.split("(", 1)[0].strip()] = code
            inside = label.split("(", 1)[1].rstrip(")").strip()
            if len(inside.split()) > 3:  # a name (Centro de Atención y Desarrollo Infantil), not a qualifier
                aliases[inside] = code
    return aliases


@dataclass
class CenterContext:
    user: object
    # codes of the centers this import's rehearsal created: not «typed by hand before»
    created: set = field(default_factory=set)


class CentersKind(Kind):
    slug = "centros"
    label = gettext_lazy("Centros")
    key_help = gettext_lazy("El código del centro; sin código, tipo + municipio + nombre.")
    rehearse = True
    service_fields = {"name": NAME, "kind": KIND, "municipality": MUNICIPALITY, "product_line": LINE,
                      "code": CODE, "opened_on": "Fecha de apertura", "closes_at": "Hora de cierre",
                      "place": MUNICIPALITY}

    def __init__(self):
        self.municipality = Column("municipality_id", MUNICIPALITY, True, None,
                                   gettext_lazy("Código INE o «código - municipio (departamento)» de la lista"))
        self.office = Column("office_id", "Sede", False, None,
                             gettext_lazy("Opcional: la sede departamental que lo atiende (código o nombre)"))
        self.columns = [
            Column("code", CODE, False, text(20),
                   gettext_lazy("Opcional: el código de la oficina, único entre los centros; lo nombra en las "
                                "demás plantillas")),
            Column("name", NAME, True, text(150), gettext_lazy("Hasta 150 caracteres")),
            Column("kind", KIND, True, Coded(CenterKind, aliases=_kind_aliases()), gettext_lazy("De la lista"),
                   [str(label) for _v, label in CenterKind.choices]),
            self.municipality, self.office,
            Column("address", "Dirección", False, text(250), gettext_lazy("Opcional")),
            Column("operating_partner", "Entidad con la que opera", False, text(150),
                   gettext_lazy("Opcional: municipalidad, iglesia, ONG…")),
            Column("opened_on", "Fecha de apertura", False, parse_date,
                   gettext_lazy("dd/mm/aaaa; cuenta en «centros abiertos en el periodo»")),
            Column("opens_at", "Hora de apertura", False, parse_time, gettext_lazy("p. ej. 08:00")),
            Column("closes_at", "Hora de cierre", False, parse_time, gettext_lazy("p. ej. 16:00")),
            Column("capacity", "Capacidad", False, parse_count, gettext_lazy("Personas que puede atender")),
            Column("product_line", LINE, False, Coded(ProductLine),
                   gettext_lazy("Unidades productivas: obligatoria, de la lista"),
                   [str(label) for _v, label in ProductLine.choices]),
        ]

    def check_user(self, user) -> None:
        scope = require_write(user)
        if not scope.national and not scope.department_ids:
            raise PermissionDenied(_("Crean centros el personal central y las sedes departamentales."))

    def context(self, user) -> CenterContext:
        scope = scope_of(user)
        offices = Office.objects.all() if scope.national else Office.objects.filter(
            department_id__in=scope.department_ids)
        names = {}
        for pk, code, name in offices.values_list("pk", "code", "name"):
            names[normalize_text(code)] = names[normalize_text(name)] = pk
        self.municipality.parse = MunicipalityLookup()
        self.office.parse = OfficeLookup(names)
        return CenterContext(user=user)

    def key(self, clean: dict) -> str:
        if clean["code"]:
            return f"codigo|{normalize_text(clean['code'])}"[:255]
        return f"{clean['kind']}|{clean['municipality_id']}|{normalize_text(clean['name'])}"[:255]

    def existing(self, keys, ctx) -> set:
        """Rows imported before, and centers already typed by hand with the same code."""
        found = super().existing(keys, ctx)
        codes = {key.split("|", 1)[1]: key for key in keys if key.startswith("codigo|")}
        if codes:
            for code in Center.objects.exclude(code="").values_list("code", flat=True).iterator():
                code = normalize_text(code)
                if code in codes and code not in ctx.created:
                    found.add(codes[code])
        return found

    def apply(self, clean: dict, ctx) -> int:
        from tejido.women.services import unit_create

        fields = {name: clean[name] for name in ("code", "address", "operating_partner", "opened_on", "opens_at",
                                                 "closes_at", "capacity") if clean.get(name) not in (None, "")}
        if clean.get("office_id"):
            fields["office"] = Office.objects.get(pk=clean["office_id"])
        municipality = Municipality.objects.get(pk=clean["municipality_id"])
        if clean["kind"] == CenterKind.PRODUCTIVE_UNIT:
            center = unit_create(acting_user=ctx.user, municipality=municipality, name=clean["name"],
                                 product_line=clean.get("product_line") or "", **fields)
        else:
            if clean.get("product_line"):
                raise RowErrors([(LINE, _("Solo las unidades productivas tienen línea productiva."))])
            center = center_create(acting_user=ctx.user, municipality=municipality, name=clean["name"],
                                   kind=clean["kind"], **fields)
        if clean["code"]:
            ctx.created.add(normalize_text(clean["code"]))
        return center.pk

    def after_rehearsal(self, ctx) -> None:
        ctx.created.clear()
