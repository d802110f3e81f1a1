"""Small helpers shared by the page views."""

import csv
from urllib.parse import urlencode

from django.http import StreamingHttpResponse
from django.shortcuts import render

from tejido.common.audit import log_access
from tejido.common.models import AccessEvent
from tejido.common.text import neutralize_formula

PAGE_SIZE = 25
# Counting every match of a common name at a million rows costs more than the page itself;
# past this many we say "more than".
COUNT_CAP = 10_000


class WindowPage:
    """One page of rows without counting the whole result: it reads one row more than it
    shows to know whether a next page exists. Django's Paginator would COUNT(*) every match,
    which at a million people costs more than the page (the total is shown capped instead)."""

    def __init__(self, qs, number: int, size: int):
        self.number = number
        offset = (number - 1) * size
        rows = list(qs[offset: offset + size + 1])
        self.object_list = rows[:size]
        self._has_next = len(rows) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def paginate(request, qs, *, size: int = PAGE_SIZE):
    try:
        number = max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        number = 1
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return WindowPage(qs, number, size), query


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
