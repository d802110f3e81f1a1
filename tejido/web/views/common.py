"""Small helpers shared by the page views."""

import csv
from urllib.parse import urlencode

from django.http import StreamingHttpResponse
from django.shortcuts import render

from tejido.common.audit import log_access
from tejido.common.models import AccessEvent
from tejido.common.paging import PAGE_SIZE, WindowPage, capped_count  # noqa: F401 - views import them here
from tejido.common.text import neutralize_formula


def page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


def query_without_page(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])


def paginate(request, qs, *, size: int = PAGE_SIZE):
    return WindowPage(qs, page_number(request), size), query_without_page(request)


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
