"""Small helpers shared by the page views."""

import csv
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from tejido.common.audit import log_access
from tejido.common.models import AccessEvent
from tejido.common.text import neutralize_formula

PAGE_SIZE = 25
# Counting every match of a common name at a million rows costs more than the page itself;
# past this many we say "more than".
COUNT_CAP = 10_000


def paginate(request, qs, *, size: int = PAGE_SIZE):
    paginator = Paginator(qs, size, allow_empty_first_page=True)
    page = paginator.get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return page, query


def capped_count(qs, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """(count, capped): counts at most `cap` rows."""
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap


class _Echo:
    def write(self, value):
        return value


def stream_csv(request, *, filename: str, header: list[str], rows, model_label: str, filters: dict):
    """Stream a CSV export (never whole in memory), every cell safe against formula injection,
    and log who exported what."""
    log_access(request.user, AccessEvent.Action.EXPORT, model=model_label, filters=filters, format="csv")
    writer = csv.writer(_Echo())

    def generate():
        yield "\ufeff"  # so spreadsheet programs read UTF-8 accents correctly
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([neutralize_formula(v) for v in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def render_not_found(request):
    return render(request, "web/not_found.html", status=404)
