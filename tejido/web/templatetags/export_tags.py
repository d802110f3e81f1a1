"""{% export_urls "personas" pk %}: the export links of a list, only for users allowed to export it."""

from django import template
from django.urls import reverse

from tejido.common.errors import ApplicationError
from tejido.common.exports import get_export, may_export

register = template.Library()


@register.simple_tag(takes_context=True)
def export_urls(context, slug, pk=None, code=None):
    request = context.get("request")
    if request is None:
        return []
    try:
        export = get_export(slug)
    except ApplicationError:
        return []
    if not may_export(request.user, export):
        return []
    pk = pk if pk not in (None, "") else None
    query = request.GET.urlencode()
    links = []
    for fmt, label in (("xlsx", "XLSX"), ("csv", "CSV")):
        if pk is None:
            url = reverse("export", args=[slug, fmt])
        elif code:
            url = reverse("export_item_code", args=[slug, pk, code, fmt])
        else:
            url = reverse("export_item", args=[slug, pk, fmt])
        links.append((fmt, label, f"{url}?{query}" if query else url))
    return links
