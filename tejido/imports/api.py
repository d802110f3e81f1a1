"""/api/v1/importar/: upload a file, follow its batch, download its error report (owner only)."""

import datetime as dt
import os

from django.http import FileResponse, HttpResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile

from tejido.api.types import Id
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope

from . import numbered, selectors, services
from .kinds import get_kind
from .views import XLSX
from .workbook import template_bytes

router = Router()


class BatchOut(Schema):
    id: int
    kind: str
    file_name: str
    status: str
    status_label: str
    dry_run: bool
    valid_rows_only: bool
    percent: int
    total_rows: int
    error_rows: int
    skipped_rows: int
    created_rows: int
    message: str
    error_preview: list[tuple[int, str]]
    error_report: str | None
    numbered_file: str | None  # the uploaded file with each created row's Tejido number
    created_at: dt.datetime
    finished_at: dt.datetime | None
    files_deleted_at: dt.datetime | None


def _out(batch) -> dict:
    batch = selectors.with_live_counts(batch)
    return {**{f: getattr(batch, f) for f in ("id", "kind", "file_name", "status", "dry_run", "valid_rows_only",
                                              "total_rows", "error_rows", "skipped_rows", "created_rows",
                                              "message", "error_preview", "created_at", "finished_at",
                                              "files_deleted_at")},
            "status_label": str(batch.get_status_display()), "percent": selectors.percent(batch),
            "error_report": f"/api/v1/importar/{batch.pk}/errores" if batch.has_report else None,
            "numbered_file": f"/api/v1/importar/{batch.pk}/numeros" if numbered.available(batch) else None}


@router.post("/", response={201: BatchOut},
             summary="Subir un archivo (XLSX o CSV) de una plantilla; todo o nada salvo solo_validas")
def upload(request, plantilla: Form[str], file: File[UploadedFile], solo_validar: Form[bool] = False,
           solo_validas: Form[bool] = False):
    batch = services.batch_start(user=request.auth, kind=plantilla, upload=file, file_name=file.name or "",
                                 dry_run=solo_validar, valid_rows_only=solo_validas)
    return Status(201, _out(selectors.batch_get(user=request.auth, pk=batch.pk)))


@router.get("/", response=list[BatchOut], summary="Mis importaciones (las 50 últimas)")
def batches(request):
    return [_out(b) for b in selectors.batch_list(user=request.auth)[:50]]


@router.get("/plantillas/{kind}", summary="Plantilla XLSX de una clase de registro")
def template(request, kind: str):
    try:
        kind_obj = get_kind(kind)
    except ApplicationError:
        raise NotFoundOrOutOfScope() from None
    response = HttpResponse(template_bytes(kind_obj, request.auth), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="plantilla_{kind_obj.slug}.xlsx"'
    return response


@router.get("/{batch_id}", response=BatchOut, summary="Estado y cifras de una importación")
def status(request, batch_id: Id):
    return _out(selectors.batch_get(user=request.auth, pk=batch_id))


@router.get("/{batch_id}/errores", summary="Informe de errores: el mismo archivo con una columna «Errores»")
def error_report(request, batch_id: Id):
    batch = selectors.batch_get(user=request.auth, pk=batch_id)
    if not batch.has_report or not os.path.exists(batch.report_path):  # deleted by retention
        raise NotFoundOrOutOfScope()
    log_access(request.auth, "export", model="imports.ImportBatch", object_id=batch.pk, what="error_report")
    name = f"errores_{os.path.splitext(batch.file_name)[0]}{os.path.splitext(batch.report_path)[1]}"
    return FileResponse(open(batch.report_path, "rb"), as_attachment=True, filename=name)


@router.get("/{batch_id}/numeros", summary="El archivo subido con el número en Tejido de cada fila creada")
def numbered_file(request, batch_id: Id):
    batch = selectors.batch_get(user=request.auth, pk=batch_id)
    return numbered.download(batch, request.auth)
