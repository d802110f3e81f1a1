"""Report periods: a month, a four-month period (cuatrimestre), a year or any range."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), _("año %(y)s") % {"y": year})

    @classmethod
    def four_month(cls, year: int, n: int) -> "Period":
        """The accountability law's four-month periods: 1 = January–April, 2 = May–August, 3 = September–December."""
        if n not in (1, 2, 3):
            raise ApplicationError(_("El cuatrimestre debe ser 1, 2 o 3."), field="cuatrimestre")
        first = 4 * (n - 1) + 1
        end = dt.date(year, first + 3, calendar.monthrange(year, first + 3)[1])
        return cls(dt.date(year, first, 1), end,
                   _("%(a)s a %(b)s de %(y)s") % {"a": MONTHS[first - 1], "b": MONTHS[first + 2], "y": year})

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        if not 1 <= month <= 12:
            raise ApplicationError(_("El mes debe estar entre 1 y 12."), field="mes")
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]),
                   f"{MONTHS[month - 1]} de {year}")

    @classmethod
    def between(cls, start: dt.date, end: dt.date) -> "Period":
        if end < start:
            raise ApplicationError(_("El periodo termina antes de empezar."), field="hasta")
        return cls(start, end, _("del %(a)s al %(b)s") % {"a": start.strftime("%d/%m/%Y"),
                                                          "b": end.strftime("%d/%m/%Y")})
