"""/transparencia/: the public portal. No login: every view here reads only the protected national
publication (publication.py), never a model, so nothing else becomes public."""

import hashlib
import json

from django.core.cache import cache
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from tejido.reports.charts import chart_png, map_png

from .formats import publication_csv, publication_json, table_csv
from .forms import PortalForm, default_query
from .publication import (
    CLOSED_PERIOD_SECONDS,
    DRAWINGS_PER_MINUTE,
    OPEN_PERIOD_SECONDS,
    TooManyBuilds,
    national,
    select,
    throttle,
)
from .suppression import COMPLEMENTARY, PRIMARY


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _chosen(request):
    """(form, selected publication or None, error message); TooManyBuilds becomes a message."""
    form = PortalForm(request.GET or default_query())
    if not form.is_valid() or "period" not in form.cleaned_data:
        return form, None, ""
    data = form.cleaned_data
    try:
        publication = national(data["period"], client=client_address(request))
    except TooManyBuilds as error:
        return form, None, error.message
    return form, select(publication, program=data["programa"], department=data["departamento"]), ""


def _cached_for(publication) -> int:
    return CLOSED_PERIOD_SECONDS if publication.get("closed") else OPEN_PERIOD_SECONDS


def _download(content: str, content_type: str, filename: str, publication) -> HttpResponse:
    response = HttpResponse(content.encode(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={_cached_for(publication)}"
    return response


@require_safe
def portal_page(request):
    form, publication, error = _chosen(request)
    status = 429 if error else 200
    if publication is not None:
        name = f"transparencia_{publication['period']['start']}_{publication['period']['end']}"
        fmt, table_id = request.GET.get("formato", ""), request.GET.get("cuadro", "")
        if fmt == "json":
            return _download(publication_json(publication), "application/json; charset=utf-8", f"{name}.json",
                             publication)
        if fmt == "csv" and table_id:
            table = table_of(publication, table_id)
            return _download(table_csv(table), "text/csv; charset=utf-8", f"{table_id}_{name}.csv", publication)
        if fmt == "csv":
            return _download(publication_csv(publication), "text/csv; charset=utf-8", f"{name}.csv", publication)
    # The landing page shows the default period: its download links carry that query too (without
    # it they answered the form with an error instead of the file).
    query = request.GET.copy() if request.GET else QueryDict(mutable=True)
    if not request.GET:
        query.update(default_query())
    query.pop("formato", None)
    query.pop("cuadro", None)
    return render(request, "portal/portal.html", {
        "form": form, "publication": publication, "error": error, "query": query.urlencode(),
        "generated": parse_datetime(publication["generated_at"]) if publication else None,
        "published": parse_datetime(publication["published_at"]) if publication and publication.get(
            "published_at") else None,
        "primary": PRIMARY, "complementary": COMPLEMENTARY}, status=status)


def table_of(publication, table_id) -> dict:
    table = next((t for t in publication["tables"] if t["id"] == table_id), None)
    if table is None:
        raise Http404()
    return table


@require_safe
def portal_chart(request, table_id, kind):
    """A bar chart or the department map of one protected table: hidden cells carry their mark and
    no bar or colour, so an image never shows more than the table (nor a zero it does not say)."""
    if kind not in ("barras", "mapa"):
        raise Http404()
    _form, publication, error = _chosen(request)
    if publication is None:
        return HttpResponse(error or "", status=429 if error else 400)
    table = table_of(publication, table_id)
    # Keyed by what is drawn, not by the query: other parameters cannot force new drawings.
    drawn = json.dumps([kind, table], sort_keys=True)
    key = "portal:png:" + hashlib.sha256(drawn.encode()).hexdigest()
    png = cache.get(key)
    if png is None:
        try:
            throttle(client_address(request), "drawings", DRAWINGS_PER_MINUTE)
        except TooManyBuilds as refused:
            return HttpResponse(refused.message, status=429)
        png = (map_png if kind == "mapa" else chart_png)(table) or b""
        cache.set(key, png, _cached_for(publication))
    if not png:
        raise Http404()
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = f"public, max-age={_cached_for(publication)}"
    return response
