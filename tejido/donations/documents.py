"""Uploaded documents (donation certificate, invoice): PDF, JPEG or PNG up to 10 MB, checked by
extension and by the file's first bytes, so a renamed executable is refused; a PDF with active
content (JavaScript, automatic actions, program launch, attached files) is refused too
(tejido.common.uploads.check_pdf, read in chunks)."""

import os

from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.uploads import check_pdf

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    ".pdf": [b"%PDF-"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".png": [b"\x89PNG\r\n\x1a\n"],
}


def check_upload(upload, field: str) -> None:
    """Raise a Spanish ApplicationError unless `upload` is an acceptable document."""
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in SIGNATURES:
        raise ApplicationError(_("Solo se aceptan archivos PDF, JPEG o PNG."), field=field)
    if upload.size > MAX_BYTES or getattr(upload, "truncated", False):
        raise ApplicationError(_("El archivo supera el máximo de 10 MB."), field=field)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in SIGNATURES[extension]):
        raise ApplicationError(_("El contenido del archivo no corresponde a un PDF, JPEG o PNG."), field=field)
    if extension == ".pdf":
        check_pdf(upload, field=field)
