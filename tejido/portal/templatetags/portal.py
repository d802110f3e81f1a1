from django import template

register = template.Library()


@register.filter
def index(sequence, i):
    """{{ markers|index:forloop.counter0 }}: the item of a list at a position held in a variable."""
    try:
        return sequence[i]
    except (IndexError, TypeError, KeyError):
        return {}
