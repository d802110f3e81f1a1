"""Checking uploaded documents: PDF, JPEG or PNG up to 10 MB, by extension AND first bytes,
so a renamed executable or HTML page is refused whatever its name says; a PDF with active content
(JavaScript, automatic actions, program launch, attached files) is refused too
(tejido.common.uploads.check_pdf, read in chunks)."""

import os

from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.uploads import check_pdf

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}


def validate_upload(upload, *, field: str = "file") -> None:
    if upload is None:
        raise ApplicationError(_("Adjunte el archivo."), field=field)
    kind = EXTENSIONS.get(os.path.splitext(upload.name or "")[1].lower())
    if kind is None:
        raise ApplicationError(_("Solo se aceptan archivos PDF, JPEG o PNG."), field=field)
    if upload.size > MAX_BYTES or getattr(upload, "truncated", False):
        raise ApplicationError(_("El archivo pesa más de 10 MB; redúzcalo o escanéelo con menor resolución."),
                               field=field)
    if upload.size == 0:
        raise ApplicationError(_("El archivo está vacío."), field=field)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[kind]):
        raise ApplicationError(_("El contenido del archivo no corresponde a un PDF, JPEG o PNG válido."),
                               field=field)
    if kind == "pdf":
        check_pdf(upload, field=field)


def download_name(document) -> str:
    return document.original_name or os.path.basename(document.file.name)
