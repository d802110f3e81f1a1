"""Guatemalan number formatting that does not depend on the active language: 16,407 and
Q1,234.56 are how the secretariat writes figures in both Spanish and English pages."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

from tejido.centers.models import CenterKind

register = template.Library()


def _group(integer_part: str) -> str:
    sign = "-" if integer_part.startswith("-") else ""
    digits = integer_part.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return sign + ",".join(groups or ["0"])


@register.filter
def num(value, decimals=0):
    """16407 -> "16,407"; num:2 -> "1,234.56"."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    decimals = int(decimals)
    quantum = Decimal(1).scaleb(-decimals)
    text = str(number.quantize(quantum, rounding=ROUND_HALF_UP))
    integer, _, fraction = text.partition(".")
    return _group(integer) + (f".{fraction}" if decimals else "")


@register.filter
def quetzales(value):
    """1234.5 -> "Q1,234.50"."""
    if value is None or value == "":
        return ""
    formatted = num(value, 2)
    if formatted.startswith("-"):
        return "-Q" + formatted[1:]
    return "Q" + formatted


@register.filter
def center_kind(value):
    try:
        return CenterKind(value).label
    except ValueError:
        return value


@register.filter
def get(mapping, key):
    """{{ row|get:code }}: a dict value by a key held in a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None
