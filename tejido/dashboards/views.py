"""/tableros/: the national dashboard and one per program, for the user's scope. Counts only:
nothing on these pages names a person, so planners see them whole and no access is logged."""

import base64
import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from tejido.accounts.models import Program
from tejido.common.db_router import reading_from_replica
from tejido.reports.charts import map_png
from tejido.territory.models import Department
from tejido.territory.scope import restrict, scope_of

from . import panels

# The map only depends on its numbers: drawing it takes matplotlib a while, so keep it a day.
MAP_SECONDS = 24 * 3600


def _year(request, today) -> int:
    """?anio= (a past year or the current one); anything else is the current year."""
    try:
        year = int(request.GET.get("anio", ""))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year else today.year


def _map_image(table: dict) -> str | None:
    if not table["rows"]:
        return None
    key = "dashboards:map:" + hashlib.sha256(json.dumps([table["title"], table["chart"], table["rows"]],
                                                        sort_keys=True, default=str).encode()).hexdigest()
    image = cache.get(key)
    if image is None:
        png = map_png(table)
        image = base64.b64encode(png).decode() if png else ""
        cache.set(key, image, MAP_SECONDS)
    return image or None


def _render(request, program: str):
    user = request.user
    today = timezone.localdate()
    year = _year(request, today)
    period = panels.year_period(year, today)
    tables = panels.headline_tables(user, period, program)
    # ?programa= narrows the national map to one program.
    map_program = program or request.GET.get("programa", "")
    if map_program not in Program.values:
        map_program = ""
    coverage = panels.coverage([(h, t) for h, t in tables if not map_program or h.program == map_program],
                               map_program)
    scope = scope_of(user)
    departments = ([] if scope.national else
                   list(restrict(Department.objects.order_by("name"), user, department="id")
                        .values_list("name", flat=True)))
    return render(request, "dashboards/dashboard.html", {
        "program": program, "program_label": Program(program).label if program else "",
        "programs": Program.choices, "map_program": map_program, "year": year, "period": period,
        "years": list(range(today.year, today.year - 4, -1)),
        "figures": panels.figures(tables, period, scope.sees_personal_data), "coverage": coverage,
        "coverage_links": panels.coverage_links(tables, coverage, period, scope.sees_personal_data),
        "map": _map_image(coverage),
        "execution": panels.monthly_execution(user, year, period.end, program),
        "national": scope.national, "departments": departments,
    })


@login_required
def dashboard(request):
    with reading_from_replica():
        return _render(request, "")


@login_required
def program_dashboard(request, programa: str):
    if programa not in Program.values:
        raise Http404
    with reading_from_replica():
        return _render(request, programa)
