"""/informes/textos/: planning writes each section's text of a report for a period, picking the
report's cells as references (reports/narrative.py). Planners and administrators write; the text
is printed in every format of that report and period.

The form edits all the sections at once and carries one version (a digest of the texts as they were
read): when someone else saved a text of the same report and period meanwhile, nothing is saved and
the page shows their text beside what was typed. A section refused (a reference to no cell) saves
no section: the whole form is one transaction."""

import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
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


def texts_version(texts: dict[str, str]) -> str:
    """The version of a report's texts for a period: a digest of every section's text."""
    return "h" + hashlib.sha256(json.dumps(sorted(texts.items())).encode()).hexdigest()[:32]


def _saved(report, period, *, lock: bool = False) -> dict[str, str]:
    rows = Narrative.objects.filter(report=report["report"], start=period.start, end=period.end)
    return {n.section: n.text for n in (rows.select_for_update() if lock else rows)}


def _save_all(request, report, period) -> tuple[dict, list]:
    """Save the sections typed differently from what is stored. Returns (errors by section, conflict
    rows); on either, nothing is saved."""
    errors, conflict = {}, []
    with transaction.atomic():
        now = _saved(report, period, lock=True)
        typed = {s: request.POST[s] for s, _label, _before in sections_of(report) if s in request.POST}
        if request.POST.get("version", "") != texts_version(now):
            conflict = [(label, now.get(s, ""), typed.get(s, "")) for s, label, _before in sections_of(report)
                        if typed.get(s, "").strip() != now.get(s, "").strip()]
            return errors, conflict
        for section, text in typed.items():
            if text.strip() == now.get(section, "").strip():
                continue
            try:
                narrative_save(acting_user=request.user, report=report, section=section, text=text)
            except ApplicationError as error:
                errors[section] = error.message
        if errors:
            transaction.set_rollback(True)
    return errors, conflict


@login_required
def narrative_page(request):
    require_planning_write(request.user)
    form = ReportForm(request.GET or None, initial=default_query(), departments=Department.objects.order_by("name"))
    report, sections, errors, conflict, version = None, [], {}, [], ""
    if form.is_bound and form.is_valid() and "period" in form.cleaned_data:
        period = form.cleaned_data["period"]
        # The text is the national report's: built without departments or program.
        report = build_report(form.cleaned_data["informe"], user=request.user, period=period)
        if request.method == "POST":
            errors, conflict = _save_all(request, report, period)
            if not errors and not conflict:
                messages.success(request, _("Textos guardados."))
                return redirect(f"{request.path}?{request.GET.urlencode()}")
        saved = _saved(report, period)
        version = texts_version(saved)
        for section, label, _before in sections_of(report):
            # After a conflict the page shows the texts as saved now (what was typed is in the table).
            typed = request.method == "POST" and not conflict
            text = request.POST.get(section, saved.get(section, "")) if typed else saved.get(section, "")
            preview, problems = render_text(text, report) if text.strip() else ("", [])
            sections.append({"section": section, "label": label, "text": text, "preview": preview,
                             "problems": problems, "error": errors.get(section, "")})
    by_table = {}
    for cell in cells(report) if report else []:
        by_table.setdefault(cell.table, []).append(cell)
    return render(request, "reports/narrative.html", {"form": form, "report": report, "sections": sections,
                                                      "cells": by_table, "query": request.GET.urlencode(),
                                                      "version": version, "conflict": conflict})
