"""/importar/: templates to download, the upload form, each batch's page with its progress bar
(htmx polling) and the error report, which only the batch's owner can download."""

import os

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render

from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.reliability.tokens import once_per_token
from tejido.territory.scope import scope_of
from tejido.web.forms import apply_error

from . import selectors, services
from .forms import UploadForm
from .kinds import KINDS, get_kind
from .workbook import template_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_import(user) -> bool:
    """Some template this user may import: personal-data kinds, or the budget for planners."""
    scope = scope_of(user)
    if scope.can_write and scope.sees_personal_data:
        return True
    for kind in KINDS.values():
        try:
            kind.check_user(user)
        except ApplicationError:
            continue
        return True
    return False


@login_required
@once_per_token  # a double-submitted form creates one record
def home(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["archivo"]
        try:
            batch = services.batch_start(user=request.user, kind=data["plantilla"], upload=upload,
                                         file_name=upload.name, dry_run=data["solo_validar"],
                                         valid_rows_only=data["solo_validas"])
        except ApplicationError as error:
            apply_error(form, error)
        else:
            return redirect("imports_batch", pk=batch.pk)
    return render(request, "imports/home.html", {
        "form": form, "kinds": KINDS.values(), "can_import": _can_import(request.user),
        "batches": selectors.batch_list(user=request.user)[:50]})


@login_required
def template_download(request, kind):
    try:
        kind_obj = get_kind(kind)
    except ApplicationError:
        raise NotFoundOrOutOfScope() from None
    response = HttpResponse(template_bytes(kind_obj, request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="plantilla_{kind_obj.slug}.xlsx"'
    return response


@login_required
def batch_page(request, pk):
    batch = selectors.with_live_counts(selectors.batch_get(user=request.user, pk=pk))
    template = "imports/_batch.html" if request.headers.get("HX-Request") else "imports/batch.html"
    return render(request, template, {"batch": batch, "percent": selectors.percent(batch)})


@login_required
def batch_report(request, pk):
    batch = selectors.batch_get(user=request.user, pk=pk)
    if not batch.has_report or not os.path.exists(batch.report_path):  # deleted by retention
        raise NotFoundOrOutOfScope()
    log_access(request.user, "export", model="imports.ImportBatch", object_id=batch.pk, what="error_report")
    name = f"errores_{os.path.splitext(batch.file_name)[0]}{os.path.splitext(batch.report_path)[1]}"
    return FileResponse(open(batch.report_path, "rb"), as_attachment=True, filename=name)


@login_required
def batch_numbers(request, pk):
    """The uploaded file with each created row's Tejido number (numbered.py)."""
    from . import numbered

    batch = selectors.batch_get(user=request.user, pk=pk)
    return numbered.download(batch, request.user)
