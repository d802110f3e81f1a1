"""Small helpers shared by the page views."""

from urllib.parse import urlencode

from django.shortcuts import render

from tejido.common.paging import MAX_PAGE, PAGE_SIZE, WindowPage, capped_count  # noqa: F401 - views import them here


def page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), MAX_PAGE))
    except ValueError:
        return 1


def query_without_page(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])


def paginate(request, qs, *, size: int = PAGE_SIZE):
    return WindowPage(qs, page_number(request), size), query_without_page(request)


def render_not_found(request):
    return render(request, "web/not_found.html", status=404)
