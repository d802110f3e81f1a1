from django import template

from ..drill import drill_url as _drill_url

register = template.Library()


@register.simple_tag(takes_context=True)
def drill_url(context, report, table, row, column_id, index=None, totals=False):
    """The link to the records behind a cell, or "" when the cell is not a drillable count or
    its records are personal data the viewer may not see (the page's `personal` flag)."""
    return _drill_url(report, table, row, column_id, index=index, totals=totals,
                      personal=bool(context.get("personal"))) or ""


@register.filter
def narrative_before(report, table_id):
    """The report's narrative sections printed before the table `table_id` ("" = the presentation)."""
    return [n for n in report.get("narrative", []) if n["before"] == (table_id or "")]
