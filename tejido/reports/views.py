"""/informes/: any report for any period and the user's scope, as a page, XLSX or JSON."""

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from tejido.accounts.models import Program
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.paging import WindowPage
from tejido.planning.services import can_write_planning
from tejido.programs.views import period_from_request
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import Department
from tejido.territory.scope import require_personal_data, restrict, scope_of

from .breakdown import DIMENSIONS, PLACES, breakdown
from .builder import build_report, narrowed_user, table_ids
from .charts import chart_png, drawings, map_png
from .consistency import run_checks
from .drill import served_people
from .drill_sources import SOURCES
from .formats.docx import report_docx
from .formats.pdf import report_pdf
from .formats.xlsx import report_xlsx
from .forms import ReportForm, default_query
from .jobs import job_start
from .models import ReportJob
from .period import Period


@login_required
def report_page(request):
    departments = restrict(Department.objects.order_by("name"), request.user, department="id")
    # Opening the page shows the form with this year's annual report chosen, without building it:
    # at national scale a build takes seconds, and the user usually wants another period first.
    form = ReportForm(request.GET or None, initial=default_query(), departments=departments)
    report = None
    if form.is_bound and form.is_valid() and "period" in form.cleaned_data:
        data = form.cleaned_data
        try:
            report = build_report(data["informe"], user=request.user, period=data["period"],
                                  departments=[d.pk for d in data["departamento"]], program=data["programa"])
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            fmt = request.GET.get("formato", "")
            if fmt in FORMATS:
                render_format, content_type = FORMATS[fmt]
                response = HttpResponse(render_format(report), content_type=content_type)
                filename = f"{report['report']}_{report['period']['start']}_{report['period']['end']}.{fmt}"
                response["Content-Disposition"] = f'attachment; filename="{filename}"'
                return response
    query = request.GET.copy()
    query.pop("formato", None)
    query.pop("graficas", None)
    images = {}
    if report and request.GET.get("graficas"):
        # Addresses, not pictures: the page arrives light (a slow link shows the tables at once)
        # and the browser fetches each chart afterwards, when it scrolls into view.
        chart_url = reverse("report_chart")
        for table in report["tables"]:
            images[table["id"]] = [f"{chart_url}?{query.urlencode()}&tabla={table['id']}&dibujo={kind}"
                                   for kind in drawings(table)]
    return render(request, "reports/report.html", {"form": form, "report": report, "query": query.urlencode(),
                                                   "images": images, "charts_shown": bool(images),
                                                   "drill": True, "may_write_text": can_write_planning(request.user),
                                                   "personal": scope_of(request.user).sees_personal_data})


@login_required
def report_chart(request):
    """One chart or map of one table of a report (`tabla`, `dibujo` = barras | mapa), for the same
    query as the page: only that table is built. Aggregates only, as on the page."""
    departments = restrict(Department.objects.order_by("name"), request.user, department="id")
    form = ReportForm(request.GET, departments=departments)
    table_id, kind = request.GET.get("tabla", ""), request.GET.get("dibujo", "")
    if not form.is_valid() or "period" not in form.cleaned_data or kind not in ("barras", "mapa"):
        raise Http404()
    data = form.cleaned_data
    if table_id not in table_ids(data["informe"], data["programa"]):
        raise Http404()
    try:
        viewer = narrowed_user(request.user, [d.pk for d in data["departamento"]])
    except ApplicationError:
        raise NotFoundOrOutOfScope() from None
    from .tables import TABLES

    table = TABLES[table_id].build(viewer, data["period"]).as_contract()
    png = (chart_png if kind == "barras" else map_png)(table)
    if png is None:
        raise Http404()
    return HttpResponse(png, content_type="image/png")


@login_required
def report_people(request):
    """The people behind a person count of a report (drill.py), within the viewer's scope."""
    require_personal_data(request.user)
    program = request.GET.get("programa", "")
    if program not in Program.values:
        raise NotFoundOrOutOfScope()
    start, end = period_from_request(request)
    people = served_people(user=_narrowed(request), program=program, start=start, end=end,
                           department=request.GET.get("departamento", ""), sex=request.GET.get("sexo", ""),
                           within=request.GET.getlist("en"), center_kinds=[k for k in request.GET.getlist("tipo") if k],
                           pueblos=[p for p in request.GET.getlist("pueblo") if p],
                           communities=[c for c in request.GET.getlist("comunidad") if c],
                           born_by=_date(request.GET.get("nacido_hasta")),
                           born_after=_date(request.GET.get("nacido_despues")))
    count = people.count()
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    page = WindowPage(people.select_related("municipality").order_by("first_surname", "second_surname",
                                                                      "given_names", "id"), number, 50)
    log_access(request.user, "search", model="reports.Drill", program=program, start=start.isoformat(),
               end=end.isoformat(), department=request.GET.get("departamento", ""), shown=[p.pk for p in page])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/people.html", {
        "page": page, "count": count, "program": Program(program).label, "start": start, "end": end,
        "department": request.GET.get("departamento", ""), "sex": request.GET.get("sexo", ""),
        "query": query.urlencode()})


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise NotFoundOrOutOfScope() from None


def _narrowed(request):
    """The viewer narrowed to a totals cell's departments (`en`), as the report builder narrowed
    them; a department outside the viewer's territory is refused there (ApplicationError)."""
    names = [name for name in request.GET.getlist("en") if name]
    if not names:
        return request.user
    ids = list(Department.objects.filter(name__in=names).values_list("pk", flat=True))
    if len(ids) != len(set(names)):
        raise NotFoundOrOutOfScope()
    return narrowed_user(request.user, ids)


@login_required
def report_records(request):
    """The records behind any other count of a report (drill_sources.py): centers, municipalities,
    events, deliveries, migrant receptions, sheltered people; within the viewer's scope."""
    source = SOURCES.get(request.GET.get("fuente", ""))
    if source is None:
        raise NotFoundOrOutOfScope()
    if source.personal:
        require_personal_data(request.user)
    start, end = period_from_request(request)
    records = source.records(_narrowed(request), start, end, request.GET)
    total = source.measure(records, request.GET)
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    page = WindowPage(records, number, 50)
    rows = [{"cells": [(column.value(record), column.number) for column in source.columns],
             "link": source.link(record) if source.link and scope_of(request.user).sees_personal_data else None}
            for record in page]
    if source.personal:
        log_access(request.user, "search", model=f"reports.Drill.{source.id}", start=start.isoformat(),
                   end=end.isoformat(), filters={k: v for k, v in request.GET.items() if k != "page"})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "reports/records.html", {
        "source": source, "page": page, "rows": rows, "total": total, "start": start, "end": end,
        "department": request.GET.get("departamento", ""), "query": query.urlencode()})


FORMATS = {
    "xlsx": (report_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "docx": (report_docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (report_pdf, "application/pdf"),
    "json": (lambda report: json.dumps(report, ensure_ascii=False, indent=1), "application/json; charset=utf-8"),
}


@login_required
def consistency_page(request):
    """Anything that does not add up between records, plan and budget, in the viewer's scope."""
    start, end = period_from_request(request)
    findings = run_checks(user=request.user, start=start, end=end)
    return render(request, "reports/consistency.html", {"findings": findings, "start": start, "end": end,
                                                        "problems": sum(1 for f in findings if not f.ok)})


@login_required
@once_per_token  # a double-submitted form creates one record
def job_create(request):
    """POST: prepare the report of the page's query in the background (long DOCX/PDF builds)."""
    if request.method != "POST":
        return redirect("reports")
    departments = restrict(Department.objects.order_by("name"), request.user, department="id")
    form = ReportForm(QueryDict(request.POST.get("query", "")), departments=departments)
    if not form.is_valid() or "period" not in form.cleaned_data:
        return redirect(f"{reverse('reports')}?{request.POST.get('query', '')}")
    data = form.cleaned_data
    try:
        job = job_start(user=request.user, report=data["informe"], period=data["period"],
                        departments=[d.pk for d in data["departamento"]], program=data["programa"],
                        fmt=request.POST.get("formato", ""))
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(f"{reverse('reports')}?{request.POST.get('query', '')}")
    return redirect("report_job", pk=job.pk)


def _own_job(request, pk) -> ReportJob:
    job = ReportJob.objects.filter(pk=pk, user=request.user).first()
    if job is None:
        raise NotFoundOrOutOfScope()
    return job


@login_required
def job_page(request, pk):
    job = _own_job(request, pk)
    template = "reports/_job.html" if request.headers.get("HX-Request") else "reports/job.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = _own_job(request, pk)
    if job.status != ReportJob.Status.DONE:
        raise NotFoundOrOutOfScope()
    response = HttpResponse(bytes(job.content), content_type=FORMATS[job.format][1])
    response["Content-Disposition"] = f'attachment; filename="{job.report}_{job.start}_{job.end}.{job.format}"'
    log_access(request.user, "export", model="reports.ReportJob", object_id=job.pk, format=job.format)
    return response


@login_required
def breakdown_page(request):
    """Any person count of a program broken down by one dimension, by place of service or residence."""
    start, end = period_from_request(request)
    program = request.GET.get("programa", "childcare")
    dimension, place = request.GET.get("dimension", "department"), request.GET.get("lugar", "service")
    table, error = None, ""
    try:
        table = breakdown(user=request.user, program=program, period=Period.between(start, end),
                          dimension=dimension, place=place)
    except ApplicationError as exc:
        error = exc.message
    report = None
    if table is not None:
        report = {"report": "breakdown", "title": table.title,
                  "period": {"start": start.isoformat(), "end": end.isoformat(),
                             "label": Period.between(start, end).label},
                  "scope": {"national": scope_of(request.user).national, "departments": [], "program": program},
                  "generated_at": timezone.now().isoformat(timespec="seconds"), "tables": [table.as_contract()]}
        fmt = request.GET.get("formato", "")
        if fmt in ("xlsx", "json"):
            render_format, content_type = FORMATS[fmt]
            response = HttpResponse(render_format(report), content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="desagregacion_{program}_{dimension}.{fmt}"'
            return response
    query = request.GET.copy()
    query.pop("formato", None)
    return render(request, "reports/breakdown.html", {
        "report": report, "error": error, "start": start, "end": end, "program": program, "dimension": dimension,
        "place": place, "programs": Program.choices, "dimensions": list(DIMENSIONS.items()),
        "places": list(PLACES.items()), "query": query.urlencode(), "images": {}})
