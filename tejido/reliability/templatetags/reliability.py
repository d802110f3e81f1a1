from django import template
from django.utils.html import format_html

from tejido.reliability import locking, tokens

register = template.Library()


@register.simple_tag(takes_context=True)
def once_token(context):
    """The hidden one-time token; a form shown again after an error keeps the token it was posted with."""
    request = context.get("request")
    posted = request.POST.get(tokens.FIELD, "") if request is not None and request.method == "POST" else ""
    return format_html('<input type="hidden" name="{}" value="{}">', tokens.FIELD, posted[:64] or tokens.new_token())


@register.simple_tag(takes_context=True)
def version_field(context, record):
    """The hidden «version» of an edit form on `record` (tejido/reliability/locking.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', locking.FIELD,
                       locking.form_version(context.get("request"), record))
