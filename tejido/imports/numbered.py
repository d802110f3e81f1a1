"""The uploaded file given back with each row's Tejido number: what a migrating officer needs to
fill the other templates (enrolments, deliveries, screenings... name a person by CUI or by this
number). Built on demand from the kept upload and the batch's `ImportedRow`s, never stored (the
retention rule deletes the upload; a stored copy would outlive it)."""

import csv
import io

from django.utils.translation import gettext as _

from tejido.common.text import neutralize_formula

from . import reader
from .models import ImportBatch, ImportedRow

NUMBER_HEADER = "Número en Tejido"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def available(batch: ImportBatch) -> bool:
    import os

    return (batch.status == ImportBatch.Status.DONE and batch.created_rows > 0 and not batch.files_deleted_at
            and os.path.exists(batch.upload_path))


def numbered_file(batch: ImportBatch) -> tuple[bytes, str]:
    """(file bytes, extension): the rows as uploaded, with «Número en Tejido» first."""
    sheet = reader.inspect(batch.upload_path, batch.file_name, limit=0)
    numbers = dict(ImportedRow.objects.filter(batch=batch).values_list("row_number", "object_id"))
    missing = _("Sin número: no se creó en esta importación (ya importada o con errores)")
    width = len(sheet.headers)

    def rows():
        for number, values in sheet.rows():
            values = ([neutralize_formula(v) for v in values] + [None] * width)[:width]
            yield [numbers.get(number, missing), *values]

    if sheet.fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        data = workbook.create_sheet("Datos")
        data.append([NUMBER_HEADER, *sheet.headers])
        for row in rows():
            data.append(row)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue(), ".xlsx"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sheet.delimiter)
    writer.writerow([NUMBER_HEADER, *sheet.headers])
    writer.writerows(rows())
    return out.getvalue().encode("utf-8-sig"), ".csv"


def download(batch: ImportBatch, user):
    """The page's and the API's answer: the file, logged as an export of personal data; 404 when
    there is none (not done, nothing created, or the upload deleted by retention)."""
    from django.http import HttpResponse

    from tejido.common.audit import log_access
    from tejido.common.errors import NotFoundOrOutOfScope

    if not available(batch):
        raise NotFoundOrOutOfScope()
    log_access(user, "export", model="imports.ImportBatch", object_id=batch.pk, what="numbered_file")
    content, extension = numbered_file(batch)
    response = HttpResponse(content, content_type=XLSX if extension == ".xlsx" else "text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="numeros_{batch.pk}{extension}"'
    return response
