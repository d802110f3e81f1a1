"""Columns of an import template: Spanish header, required or not, and a parser that turns a
cell into a value or raises CellError with a Spanish message. Parsers accept the spellings
people type: with or without accents, any case, "Q'eqchi'" or "Qeqchi", dates as real dates or
as text in three formats."""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.common.text import normalize_text

# dd/mm/aaaa, dd-mm-aaaa and aaaa-mm-dd.
_DAY_FIRST = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
YES = {"si", "s", "x", "1", "true", "verdadero", "yes"}
NO = {"no", "n", "0", "false", "falso", ""}


class CellError(Exception):
    """A cell's value is wrong; the message is Spanish and names what is expected."""


@dataclass
class Column:
    name: str  # the model/kind's own name for the value
    header: str  # Spanish header in the template
    required: bool = False
    parse: Callable = None  # cell value -> Python value; raises CellError
    help: str = ""  # what to write, for the instructions sheet and docs/import.md
    choices: list[str] = field(default_factory=list)  # labels offered in the drop-down list
    # Other headers the file may use for this column, each with its own parser: the header says how
    # the cells are coded («Sexo (H/M)»: M is Mujer), so a file declares its convention once.
    variants: dict[str, Callable] = field(default_factory=dict)


# --- sex: Guatemalan offices write H/M (Hombre/Mujer); others M/F (Masculino/Femenino) ----------
SEX_WORDS = {"hombre": "M", "masculino": "M", "varon": "M", "nino": "M", "h": "M",
             "mujer": "F", "femenino": "F", "nina": "F", "f": "F"}
HM, MF = "hm", "mf"


def sex_code(convention: str = ""):
    """Hombre/Mujer and their synonyms always; a bare «M» only where the header says which
    convention the file uses (HM: Mujer; MF: Masculino). Read without it, a file written H/M would
    make every woman a man: it is refused instead, never guessed."""
    def parse(value):
        raw = as_text(value)
        if not raw:
            return ""
        word = normalize_text(raw)
        if word == "m":
            if convention == HM:
                return "F"
            if convention == MF:
                return "M"
            raise CellError(_("«M» puede ser Mujer (H/M) o Masculino (M/F). Escriba Hombre o Mujer, o titule la "
                              "columna «Sexo (H/M)» o «Sexo (M/F)» para decir cómo la escribe el archivo."))
        try:
            return SEX_WORDS[word]
        except KeyError:
            raise CellError(_("Valor desconocido «%(value)s»; escriba Hombre o Mujer.")
                            % {"value": raw[:40]}) from None
    return parse


SEX_VARIANTS = {"Sexo (H/M)": sex_code(HM), "Sexo (M/F)": sex_code(MF)}
SEX_HELP = gettext_lazy("Hombre o Mujer (también H o F). «M» solo si el encabezado dice la convención: "
                        "«Sexo (H/M)» o «Sexo (M/F)»")


def as_text(value) -> str:
    if value is None:
        return ""
    if type(value) is str:  # the common case, kept fast: a million rows pass here 16 times each
        value = value.strip()
        return " ".join(value.split()) if ("  " in value or "\n" in value or "\t" in value) else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed in a text column (a phone, a CUI) comes back as 502.0
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


def text(limit: int):
    def parse(value):
        value = as_text(value)
        if len(value) > limit:
            raise CellError(_("No puede pasar de %(limit)s caracteres.") % {"limit": limit})
        return value
    return parse


def parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    value = as_text(value)
    if not value:
        return None
    # Regular expressions instead of strptime: several times faster, same three formats.
    match = _DAY_FIRST.match(value)
    if match:
        day, _sep, month, year = match.groups()
    else:
        match = _ISO.match(value)
        year, month, day = match.groups() if match else (0, 0, 0)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        pass
    raise CellError(_("Fecha no válida «%(value)s»; escriba dd/mm/aaaa (p. ej. 17/05/2019).") % {"value": value[:20]})


def parse_decimal(value):
    """12.5, 12,5 or a spreadsheet number; empty gives None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    raw = as_text(value).replace(",", ".")
    if not raw:
        return None
    try:
        return Decimal(raw).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise CellError(_("Número no válido «%(value)s»; escriba p. ej. 12.5.") % {"value": raw[:20]}) from None


def parse_count(value):
    """A whole number of people or items (0, 12, 12.0 from a spreadsheet); empty gives None."""
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value() or number < 0:
        raise CellError(_("Escriba un número entero, 0 o mayor."))
    return int(number)


def parse_yes_no(value) -> bool:
    word = normalize_text(as_text(value))
    if word in YES:
        return True
    if word in NO:
        return False
    raise CellError(_("Escriba «Sí» o «No»."))


class Coded:
    """A coded value matched by code, Spanish label or a known alias, ignoring accents, case and
    apostrophes: «Q'eqchi'», «qeqchi», «QEQCHI» all give "qeqchi"."""

    def __init__(self, choices, *, aliases: dict[str, str] | None = None, default: str = ""):
        self.labels = [str(label) for _value, label in choices.choices]
        self.default = default
        self.memo = {}
        self.lookup = {}
        for value, label in choices.choices:
            self.lookup[normalize_text(value)] = value
            self.lookup[normalize_text(str(label))] = value
            # "Ladino / Mestizo" is also written "Ladino" or "Mestizo".
            for part in str(label).split("/"):
                self.lookup.setdefault(normalize_text(part), value)
        for alias, value in (aliases or {}).items():
            self.lookup[normalize_text(alias)] = value

    def __call__(self, value):
        raw = as_text(value)
        if not raw:
            return self.default
        known = self.memo.get(raw)
        if known is not None:
            return known
        try:
            code = self.lookup[normalize_text(raw)]
        except KeyError:
            shown = ", ".join(self.labels[:8]) + ("…" if len(self.labels) > 8 else ".")
            raise CellError(_("Valor desconocido «%(value)s»; elija de la lista: %(options)s")
                            % {"value": raw[:40], "options": shown}) from None
        if len(self.memo) < 10_000:  # spellings repeat: remember each one's code
            self.memo[raw] = code
        return code


_CODE = re.compile(r"^\s*(\d{3,4})\b")


class MunicipalityLookup:
    """A municipality by INE code ("1901", "1901 - Zacapa (Zacapa)") or by name ("Zacapa" when the
    name is unique, "Esquipulas, Chiquimula" otherwise). Loaded once per import: 340 rows."""

    def __init__(self):
        from tejido.territory.models import Municipality

        self.by_id = {}
        self.by_name: dict[str, list[int]] = {}
        for muni_id, name, dept_id, dept_name in Municipality.objects.values_list(
                "id", "name", "department_id", "department__name"):
            self.by_id[muni_id] = dept_id
            self.by_name.setdefault(normalize_text(name), []).append(muni_id)
            self.by_name[normalize_text(f"{name} {dept_name}")] = [muni_id]

    def __call__(self, value) -> int:
        raw = as_text(value)
        match = _CODE.match(raw)
        if match:
            code = int(match.group(1))
            if code in self.by_id:
                return code
            raise CellError(_("No existe el municipio con código %(code)s.") % {"code": code})
        found = self.by_name.get(normalize_text(raw), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise CellError(_("Hay varios municipios «%(name)s»; escriba el código o «municipio, departamento».")
                            % {"name": raw[:40]})
        raise CellError(_("Municipio desconocido «%(name)s»; elija de la lista.") % {"name": raw[:40]})
