"""The two records of a pair side by side, field by field, for the review page."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tejido.registry.models import Person

from .services import MERGE_FIELDS


@dataclass
class Row:
    name: str
    label: str
    a: str
    b: str

    @property
    def differs(self) -> bool:
        return self.a != self.b

    @property
    def default(self) -> str:
        """Which value the form proposes: the first record's, unless only the second has one."""
        return "b" if not self.a and self.b else "a"


def shown(person: Person, name: str) -> str:
    field = Person._meta.get_field(name)
    value = getattr(person, name)
    if value in (None, ""):
        return ""
    if field.choices:
        return str(getattr(person, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("Sí") if value else _("No")
    if hasattr(value, "year"):
        return date_format(value, "d/m/Y")
    return str(value)


def rows(a: Person, b: Person) -> list[Row]:
    return [Row(name, capfirst(Person._meta.get_field(name).verbose_name), shown(a, name), shown(b, name))
            for name in MERGE_FIELDS]
