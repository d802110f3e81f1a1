"""CUI (Código Único de Identificación) of the DPI: 13 digits.

Digits 1-8 are a serial, digit 9 a check digit (sum of serial digits weighted 2..9 from the
left, modulo 11), digits 10-11 the INE department code and 12-13 the municipality number
within that department."""

import re

from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError

_DIGITS_ONLY = re.compile(r"^\d{13}$")


def clean_cui(raw: str | None) -> str:
    """Strip spaces and dashes people type ("2546 47891 0101")."""
    return re.sub(r"[\s-]", "", raw or "")


def cui_check_digit(serial: str) -> int:
    return sum(int(d) * w for d, w in zip(serial, range(2, 10), strict=True)) % 11


def validate_cui(raw: str | None, *, field: str = "cui") -> str:
    """Return the CUI as 13 digits, or raise ApplicationError with a Spanish message."""
    from tejido.territory.models import Municipality

    cui = clean_cui(raw)
    if not _DIGITS_ONLY.match(cui):
        raise ApplicationError(_("El CUI debe tener exactamente 13 dígitos."), field=field)
    serial, check = cui[:8], int(cui[8])
    department, municipality = int(cui[9:11]), int(cui[11:13])
    if cui_check_digit(serial) != check:
        raise ApplicationError(_("El CUI no es válido: el dígito verificador no coincide."), field=field)
    if not 1 <= department <= 22:
        raise ApplicationError(_("El CUI no es válido: el departamento %(code)s no existe.") % {"code": cui[9:11]},
                               field=field)
    if not Municipality.objects.filter(id=department * 100 + municipality).exists():
        raise ApplicationError(
            _("El CUI no es válido: el municipio %(municipality)s no existe en el departamento %(department)s.")
            % {"municipality": cui[11:13], "department": cui[9:11]},
            field=field,
        )
    return cui


def make_cui(serial: int, municipality_code: int) -> str | None:
    """Build a valid CUI for a serial and an INE municipality code (demo data, tests).

    Returns None when the serial has no single-digit check (modulo 11 gives 10)."""
    text = f"{serial:08d}"
    check = cui_check_digit(text)
    if check == 10:
        return None
    return f"{text}{check}{municipality_code // 100:02d}{municipality_code % 100:02d}"
