"""Streaming readers for uploaded spreadsheets: XLSX (openpyxl read_only) and CSV (UTF-8 or
Latin-1/cp1252, `;` or `,`). Every check that can refuse the whole file runs in `inspect`
before any row is read, so a bad file is refused with one clear Spanish message and nothing
is written. Rows come out one at a time: a million-row file never sits whole in memory."""

import codecs
import csv
import os
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError

FIELD = "archivo"
DATA_SHEET = "Datos"
CHUNK = 1 << 20


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024)


def max_uncompressed() -> int:
    """An XLSX is a zip; its parts together may not unpack to more than this."""
    return getattr(settings, "IMPORT_MAX_UNCOMPRESSED", 1024 * 1024 * 1024)


# Spreadsheet XML compresses 10-30 times; a member claiming far more is a zip bomb.
MAX_COMPRESSION_RATIO = 200


def human_size(size: int) -> str:
    return f"{size / 1048576:.0f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


@dataclass
class SheetFile:
    path: str
    fmt: str  # "xlsx" or "csv"
    headers: list[str]
    estimated_rows: int
    encoding: str = "utf-8"
    delimiter: str = ","

    def rows(self):
        """(row number as the user sees it, list of cell values) for every non-empty data row."""
        if self.fmt == "xlsx":
            yield from _xlsx_rows(self.path)
        else:
            yield from _csv_rows(self.path, self.encoding, self.delimiter)


def inspect(path: str, original_name: str, *, limit: int | None = None) -> SheetFile:
    """Refuse whole-file problems (size, type, zip bomb, merged cells, encoding), read the headers."""
    size = os.path.getsize(path)
    limit = max_bytes() if limit is None else limit
    if size == 0:
        raise ApplicationError(_("El archivo está vacío."), field=FIELD)
    if limit and size > limit:
        raise ApplicationError(
            _("El archivo pesa %(size)s; el máximo es %(limit)s. Divídalo en varios archivos.")
            % {"size": human_size(size), "limit": human_size(limit)}, field=FIELD)
    extension = os.path.splitext(original_name or "")[1].lower()
    with open(path, "rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        if extension not in {".xlsx", ".xlsm", ""}:
            raise ApplicationError(_("El archivo es un libro de Excel pero su nombre no termina en .xlsx."),
                                   field=FIELD)
        return _inspect_xlsx(path)
    if extension in {".xlsx", ".xls", ".xlsm", ".ods"}:
        raise ApplicationError(_("El archivo no es un libro de Excel (.xlsx) válido. Si es .xls u .ods, "
                                 "ábralo y guárdelo como «Libro de Excel (.xlsx)»."), field=FIELD)
    return _inspect_csv(path)


# --- XLSX -----------------------------------------------------------------------------------


def _check_zip(path: str) -> str:
    """Check the sizes the zip declares before anything is decompressed; return the data sheet's part."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ApplicationError(_("El archivo está dañado: no se puede abrir como libro de Excel."),
                               field=FIELD) from None
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        bomb = any(m.file_size > 1_000_000 and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1)
                   for m in members)
        if bomb or total > max_uncompressed():
            raise ApplicationError(_("El archivo se descomprime a un tamaño desproporcionado (posible archivo "
                                     "malicioso); no se abrió. Use la plantilla descargada de Tejido."), field=FIELD)
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            raise ApplicationError(_("El archivo no es un libro de Excel (.xlsx) válido."), field=FIELD)
        return _data_sheet_part(archive)


def _data_sheet_part(archive: zipfile.ZipFile) -> str:
    """The XML part of the sheet named «Datos» (or the first sheet), read from the workbook itself."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    sheets = workbook.findall("m:sheets/m:sheet", ns)
    chosen = next((s for s in sheets if s.get("name") == DATA_SHEET), sheets[0] if sheets else None)
    if chosen is None:
        raise ApplicationError(_("El libro no tiene hojas."), field=FIELD)
    rel_id = chosen.get(f"{{{ns['r']}}}id")
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    raise ApplicationError(_("El archivo no es un libro de Excel (.xlsx) válido."), field=FIELD)


def _has_merged_cells(path: str, part: str) -> bool:
    """read_only openpyxl does not report merged cells; look for <mergeCell> in the sheet XML, streaming."""
    with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(CHUNK):
            if b"<mergeCell " in tail + chunk or b":mergeCell " in tail + chunk:
                return True
            tail = chunk[-32:]
    return False


@contextmanager
def _open_sheet(path: str):
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl refuses paths whose name does not end in .xlsx
    # (staged uploads have none).
    with open(path, "rb") as handle:
        workbook = load_workbook(handle, read_only=True, data_only=True)
        try:
            yield workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        finally:
            workbook.close()


def _inspect_xlsx(path: str) -> SheetFile:
    part = _check_zip(path)
    if _has_merged_cells(path, part):
        raise ApplicationError(_("La hoja tiene celdas combinadas. Sepárelas (Inicio › Combinar y centrar) "
                                 "para que cada dato quede en su propia celda, y vuelva a subir el archivo."),
                               field=FIELD)
    try:
        with _open_sheet(path) as sheet:
            first = next(sheet.iter_rows(max_row=1, values_only=True), ())
            estimated = max((sheet.max_row or 1) - 1, 0)
    except Exception:  # noqa: BLE001 — openpyxl raises many types for a broken file
        raise ApplicationError(_("El archivo está dañado: no se puede abrir como libro de Excel."),
                               field=FIELD) from None
    return SheetFile(path, "xlsx", _headers(first), estimated)


def _xlsx_rows(path: str):
    with _open_sheet(path) as sheet:
        for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            if any(v not in (None, "") for v in values):
                yield number, list(values)


# --- CSV ------------------------------------------------------------------------------------


def _inspect_csv(path: str) -> SheetFile:
    with open(path, "rb") as handle:
        sample = handle.read(CHUNK)
    if b"\x00" in sample:
        raise ApplicationError(_("El archivo no es una hoja de cálculo: use la plantilla .xlsx o un CSV."),
                               field=FIELD)
    encoding = _encoding(path, sample)
    text = sample.decode(encoding, errors="ignore").lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    with open(path, "rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(CHUNK), b""))
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    return SheetFile(path, "csv", _headers(header), max(lines - 1, 0), encoding, delimiter)


def _encoding(path: str, sample: bytes) -> str:
    """UTF-8 when the whole file decodes as UTF-8 (Excel's «CSV UTF-8»), else Windows-1252,
    what Excel in Spanish writes for plain «CSV» (a superset of Latin-1's printable letters)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"


def _csv_rows(path: str, encoding: str, delimiter: str):
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        next(reader, None)
        for values in reader:
            if "".join(values).strip():  # some cell is not blank (one scan in C instead of one per cell)
                yield reader.line_num, values


def _headers(values) -> list[str]:
    return [" ".join(str(v).split()) if v is not None else "" for v in values]

