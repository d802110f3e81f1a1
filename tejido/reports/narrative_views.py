"""/informes/textos/: planning writes each section's text of a report for a period, picking the
report's cells as references (reports/narrative.py). Planners and administrators write; the text
is printed in every format of that report and period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.planning.services import require_planning_write
from tejido.territory.models import Department

from .builder import build_report
from .forms import ReportForm, default_query
from .models import Narrative
from .narrative import cells, narrative_save, sections_of
from .narrative import render as render_text


@login_required
def narrative_page(request):
    require_planning_write(request.user)
    form = ReportForm(request.GET or None, initial=default_query(), departments=Department.objects.order_by("name"))
    report, sections, errors = None, [], {}
    if form.is_bound and form.is_valid() and "period" in form.cleaned_data:
        data = form.cleaned_data
        # The text is the national report's: built without departments or program.
        report = build_report(data["informe"], user=request.user, period=data["period"])
        period = data["period"]
        saved = {n.section: n.text for n in Narrative.objects.filter(report=report["report"], start=period.start,
                                                                     end=period.end)}
        if request.method == "POST":
            warnings = []
            for section, _label, _before in sections_of(report):
                if section not in request.POST or request.POST[section].strip() == saved.get(section, "").strip():
                    continue
                try:
                    _narrative, problems = narrative_save(acting_user=request.user, report=report, section=section,
                                                          text=request.POST[section])
                except ApplicationError as error:
                    errors[section] = error.message
                else:
                    warnings.extend(problems)
            if not errors:
                messages.success(request, _("Textos guardados."))
                return redirect(f"{request.path}?{request.GET.urlencode()}")
        for section, label, _before in sections_of(report):
            text = request.POST.get(section, saved.get(section, "")) if request.method == "POST" else saved.get(
                section, "")
            preview, problems = render_text(text, report) if text.strip() else ("", [])
            sections.append({"section": section, "label": label, "text": text, "preview": preview,
                             "problems": problems, "error": errors.get(section, "")})
    by_table = {}
    for cell in cells(report) if report else []:
        by_table.setdefault(cell.table, []).append(cell)
    return render(request, "reports/narrative.html", {"form": form, "report": report, "sections": sections,
                                                      "cells": by_table, "query": request.GET.urlencode()})
