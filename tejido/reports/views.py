"""/informes/: any report for any period and the user's scope, as a page, XLSX or JSON."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from tejido.common.errors import ApplicationError
from tejido.territory.models import Department
from tejido.territory.scope import restrict

from .builder import build_report
from .formats.xlsx import report_xlsx
from .forms import ReportForm, default_query


@login_required
def report_page(request):
    departments = restrict(Department.objects.order_by("name"), request.user, department="id")
    form = ReportForm(request.GET or default_query(), departments=departments)
    report = None
    if form.is_valid() and "period" in form.cleaned_data:
        data = form.cleaned_data
        try:
            report = build_report(data["informe"], user=request.user, period=data["period"],
                                  departments=[d.pk for d in data["departamento"]], program=data["programa"])
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            fmt = request.GET.get("formato", "")
            filename = f"{report['report']}_{report['period']['start']}_{report['period']['end']}"
            if fmt == "xlsx":
                response = HttpResponse(report_xlsx(report), content_type="application/vnd.openxmlformats-"
                                                                           "officedocument.spreadsheetml.sheet")
                response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
                return response
            if fmt == "json":
                response = HttpResponse(json.dumps(report, ensure_ascii=False, indent=1),
                                        content_type="application/json; charset=utf-8")
                response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
                return response
    query = request.GET.copy()
    query.pop("formato", None)
    return render(request, "reports/report.html", {"form": form, "report": report, "query": query.urlencode()})
