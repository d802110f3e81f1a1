from django import template

from tejido.childcare.anthropometry.flags import MESSAGES

register = template.Library()


@register.filter
def flag_message(flag: dict) -> str:
    """A stored flag's message in the reader's language (the code is what is stored for good)."""
    return str(MESSAGES.get(flag.get("code"), flag.get("message", "")))
