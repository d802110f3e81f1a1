from django import template

from ..drill import drill_url as _drill_url

register = template.Library()


@register.simple_tag
def drill_url(report, table, row, column_id, totals=False):
    """The link to the people behind a cell, or "" when the cell is not a person count."""
    return _drill_url(report, table, row, column_id, totals=totals) or ""
