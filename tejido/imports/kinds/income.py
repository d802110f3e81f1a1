"""Ingresos mensuales de mujeres: one row per woman and month, through
women.services.income_report_save (enrolled in a productive unit of the importer's territory
that month, month not in the future, amounts not negative). Empty «Ventas en eventos
comerciales» takes the sum of her fair sales that month, as the form does. Rehearsed in pass 1."""

import datetime as dt
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.common.text import normalize_text
from tejido.registry.models import Person
from tejido.registry.selectors import person_list
from tejido.women.services import income_report_save

from ..fields import CellError, Column, as_text, parse_decimal
from .enrolments import EnrolmentContext, PersonAtCenterKind, PersonLookup

PERSON, MONTH, OWN, FAIR = "Mujer (CUI o número de registro)", "Mes", "Ventas propias (Q)", "Ventas en eventos (Q)"
MONTHS = {normalize_text(name): number for number, name in enumerate(
    ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
     "noviembre", "diciembre"], start=1)} | {"setiembre": 9}
_NUMERIC = re.compile(r"^(\d{1,2})[/-](\d{4})$|^(\d{4})[/-](\d{1,2})$")


def parse_month(value):
    """«03/2024», «2024-03», «marzo 2024» or a spreadsheet date: the first day of that month."""
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    raw = as_text(value)
    if not raw:
        return None
    match = _NUMERIC.match(raw)
    words = normalize_text(raw).replace(" de ", " ").split()
    try:
        if match:
            month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
            return dt.date(year, month, 1)
        if len(words) == 2 and words[0] in MONTHS and words[1].isdigit():
            return dt.date(int(words[1]), MONTHS[words[0]], 1)
    except ValueError:
        pass
    raise CellError(_("Mes no válido «%(value)s»; escriba mm/aaaa (p. ej. 03/2024) o «marzo 2024».")
                    % {"value": raw[:20]})


class IncomeKind(PersonAtCenterKind):
    slug = "ingresos"
    label = gettext_lazy("Ingresos mensuales de mujeres")
    key_help = gettext_lazy("Mujer + mes.")
    service_fields = {"person_id": PERSON, "month": MONTH, "own_sales": OWN, "fair_sales": FAIR}

    def __init__(self):
        self.person = Column("person_id", PERSON, True, PersonLookup(),
                             gettext_lazy("CUI o número de registro de la mujer inscrita en una unidad productiva"))
        self.columns = [
            self.person,
            Column("month", MONTH, True, parse_month, gettext_lazy("mm/aaaa, aaaa-mm o «marzo 2024»")),
            Column("own_sales", OWN, True, parse_decimal, gettext_lazy("Quetzales, p. ej. 350.50")),
            Column("fair_sales", FAIR, False, parse_decimal,
                   gettext_lazy("Quetzales; vacío = la suma de sus ventas en ferias de ese mes")),
        ]

    def context(self, user) -> EnrolmentContext:
        ctx = EnrolmentContext(user=user, people=person_list(user=user), centers={})
        self.person.parse.people = ctx.people
        return ctx

    def key(self, clean: dict) -> str:
        return f"{clean['person_id']}|{clean['month']:%Y-%m}"

    def apply(self, clean: dict, ctx) -> int:
        return income_report_save(acting_user=ctx.user, person=Person.objects.get(pk=clean["person_id"]),
                                  month=clean["month"], own_sales=clean["own_sales"],
                                  fair_sales=clean["fair_sales"]).pk
