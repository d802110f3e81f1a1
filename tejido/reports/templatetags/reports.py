from django import template

from ..drill import drill_url as _drill_url

register = template.Library()


@register.simple_tag
def drill_url(report, table, row, column_id, index=None, totals=False):
    """The link to the records behind a cell, or "" when the cell is not a drillable count."""
    return _drill_url(report, table, row, column_id, index=index, totals=totals) or ""
