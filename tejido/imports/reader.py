"""Streaming readers for uploaded spreadsheets: XLSX (openpyxl read_only) and CSV (UTF-8, UTF-16
or Windows-1252/Latin-1; `,`, `;` or tab).

`quick_check` is all a web request does with a file: size, empty, and its first bytes (magic
bytes, NUL bytes), whatever its size. `inspect`, run by the import job, refuses every whole-file
problem before any row is read, with one clear Spanish message: a workbook is checked part by part
while it is decompressed (`check_xlsx`: bytes counted, never the sizes the zip declares; DTDs
refused; shared strings counted) before openpyxl opens it; a CSV's encoding must be UTF-8, UTF-16
or read as Spanish in Windows-1252 (charset-normalizer). Rows come out one at a time: a
million-row file never sits whole in memory, and a broken row ends the file with a message."""

import codecs
import csv
import os
import re
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.uploads import HEAD, human_size, too_large

FIELD = "archivo"
DATA_SHEET = "Datos"
CHUNK = 1 << 20
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# A part may expand many times over before the ratio matters: small parts compress oddly well.
RATIO_FLOOR = 1024 * 1024
# A DTD (<!DOCTYPE ...>, where entities are declared: «billion laughs») has no place in a workbook.
DOCTYPES = tuple("<!DOCTYPE".encode(e) for e in ("ascii", "utf-16-le", "utf-16-be"))


def max_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


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


def _broken() -> ApplicationError:
    return ApplicationError(_("El archivo está dañado: no se puede abrir como libro de Excel."), field=FIELD)


def _malicious(detail: str) -> ApplicationError:
    return ApplicationError(_("%(detail)s (posible archivo malicioso); no se abrió. Use la plantilla descargada de "
                              "Tejido o guarde el libro de nuevo desde Excel.") % {"detail": detail}, field=FIELD)


def quick_check(head: bytes, size: int, original_name: str, *, limit: int) -> str:
    """The checks a web request makes (cheap whatever the size): "xlsx" or "csv", or a refusal."""
    if size == 0:
        raise ApplicationError(_("El archivo está vacío."), field=FIELD)
    if limit and size > limit:
        raise too_large(limit, FIELD, size)
    extension = os.path.splitext(original_name or "")[1].lower()
    if head.startswith(b"PK\x03\x04"):
        if extension not in {".xlsx", ".xlsm", ""}:
            raise ApplicationError(_("El archivo es un libro de Excel pero su nombre no termina en .xlsx."),
                                   field=FIELD)
        return "xlsx"
    if extension in {".xlsx", ".xls", ".xlsm", ".ods"}:
        raise ApplicationError(_("El archivo no es un libro de Excel (.xlsx) válido. Si es .xls u .ods, "
                                 "ábralo y guárdelo como «Libro de Excel (.xlsx)»."), field=FIELD)
    if b"\x00" in head and not _utf16(head):
        raise ApplicationError(_("El archivo no es una hoja de cálculo: use la plantilla .xlsx o un CSV."),
                               field=FIELD)
    return "csv"


def inspect(path: str, original_name: str, *, limit: int | None = None) -> SheetFile:
    """Refuse whole-file problems (size, type, workbook parts, merged cells, encoding), read the headers."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD)
    fmt = quick_check(head, os.path.getsize(path), original_name, limit=max_bytes() if limit is None else limit)
    if fmt == "xlsx":
        return _inspect_xlsx(path)
    return _inspect_csv(path, head)


# --- XLSX: the zip, part by part ----------------------------------------------------------------


@dataclass
class Limits:
    expanded: int
    part: int
    ratio: int
    parts: int
    shared_strings: int
    shared_strings_bytes: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(expanded=settings.XLSX_MAX_EXPANDED_BYTES, part=settings.XLSX_MAX_PART_BYTES,
                   ratio=settings.XLSX_MAX_RATIO, parts=settings.XLSX_MAX_PARTS,
                   shared_strings=settings.XLSX_MAX_SHARED_STRINGS,
                   shared_strings_bytes=settings.XLSX_MAX_SHARED_STRINGS_BYTES)


def _too_many_texts(limits: Limits) -> ApplicationError:
    return ApplicationError(
        _("El libro tiene demasiados textos distintos para leerlo (el máximo es %(count)s textos distintos o "
          "%(size)s de texto). Guárdelo como «CSV UTF-8» e impórtelo así, o divídalo en varios archivos.")
        % {"count": f"{limits.shared_strings:,}".replace(",", "."), "size": human_size(limits.shared_strings_bytes)},
        field=FIELD)


def check_xlsx(path: str, *, sheet_name: str | None = DATA_SHEET) -> str:
    """Every part of the workbook decompressed once, in chunks, counting the bytes that come out
    (the sizes the zip declares are not trusted): each part within its limit (a sheet: the total;
    the shared strings: their own limit, in bytes and in number of texts; any other part:
    XLSX_MAX_PART_BYTES), the whole within XLSX_MAX_EXPANDED_BYTES, and no part or the whole
    expanding more than XLSX_MAX_RATIO times. No XML part may carry a DTD. The workbook's parts
    must be there and point at each other. Returns the zip name of the sheet to read: the one
    named `sheet_name`, else the first."""
    limits = Limits.from_settings()
    try:
        archive = zipfile.ZipFile(path)
    except Exception:  # noqa: BLE001 — zipfile raises many types for a broken central directory
        raise _broken() from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.parts:
            raise _malicious(_("El archivo tiene %(n)s partes") % {"n": len(members)})
        # The declared sizes only serve to refuse early; a file that lies about them is caught
        # while it is decompressed below.
        if sum(m.file_size for m in members) > limits.expanded or any(
                m.file_size > RATIO_FLOOR and m.file_size > limits.ratio * max(m.compress_size, 1) for m in members):
            raise _malicious(_("El archivo se descomprime a un tamaño desproporcionado"))
        names = {m.filename: m for m in members}
        for required in ("[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
            if required not in names:
                raise _missing_part(required)
        shared = _shared_strings_parts(archive, names["[Content_Types].xml"], limits)
        part = _data_sheet_part(archive, names, limits, sheet_name)
        total = 0
        for member in members:
            total += _scan_part(archive, member, limits, total, shared=member.filename in shared,
                                data_sheet=member.filename == part)
        if total > RATIO_FLOOR and total > limits.ratio * max(os.path.getsize(path), 1):
            raise _malicious(_("El archivo se descomprime a un tamaño desproporcionado"))
    return part


def _missing_part(name: str) -> ApplicationError:
    return ApplicationError(_("El archivo está dañado: le falta una parte del libro de Excel (%(part)s). Ábralo en "
                              "Excel y guárdelo de nuevo como «Libro de Excel (.xlsx)».") % {"part": name},
                            field=FIELD)


def _open_part(archive: zipfile.ZipFile, member: zipfile.ZipInfo):
    try:
        return archive.open(member)
    except Exception:  # noqa: BLE001 — bad local header, encryption, unknown compression
        raise _broken() from None


def _read_chunks(archive, member, limit: int, limits: Limits):
    """The part's bytes in chunks, refusing it once more than `limit` come out, or more than
    XLSX_MAX_RATIO times its compressed size; a part that does not decompress to what its header
    declares (size, CRC) is refused as tampered with."""
    count = 0
    with _open_part(archive, member) as stream:
        while True:
            try:
                chunk = stream.read(CHUNK)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, RuntimeError,
                    OSError):
                raise ApplicationError(_("El archivo está dañado o fue alterado: una de sus partes no se descomprime "
                                         "como declara (posible archivo malicioso); no se abrió."),
                                       field=FIELD) from None
            if not chunk:
                return
            count += len(chunk)
            if count > limit:
                yield None  # the caller names the limit
                return
            if count > RATIO_FLOOR and count > limits.ratio * max(member.compress_size, 1):
                raise _malicious(_("El archivo se descomprime a un tamaño desproporcionado"))
            yield chunk


def _scan_part(archive, member, limits: Limits, total: int, *, shared: bool, data_sheet: bool) -> int:
    """One part decompressed and checked (see check_xlsx); returns its size."""
    name = member.filename
    remaining = limits.expanded - total
    if shared:
        limit = min(limits.shared_strings_bytes, remaining)
    elif name.startswith("xl/worksheets/"):
        limit = remaining
    else:
        limit = min(limits.part, remaining)
    xml = name.endswith((".xml", ".rels"))
    size, strings, tail = 0, 0, b""
    for chunk in _read_chunks(archive, member, limit, limits):
        if chunk is None:
            if shared and limit == limits.shared_strings_bytes:
                raise _too_many_texts(limits)
            raise _malicious(_("Una parte del archivo (%(part)s) se descomprime a más de %(limit)s")
                             % {"part": name, "limit": human_size(limit)})
        size += len(chunk)
        window = tail + chunk
        if xml and any(d in window for d in DOCTYPES):
            raise _malicious(_("El archivo trae definiciones XML (DOCTYPE) que un libro de Excel no lleva"))
        if shared:
            # <si> starts each text; a prefixed <x:si> and its </x:si> both count: stricter, never laxer.
            strings += window.count(b"<si") + window.count(b":si>") - tail.count(b"<si") - tail.count(b":si>")
            if strings > limits.shared_strings:
                raise _too_many_texts(limits)
        if data_sheet and (b"<mergeCell " in window or b":mergeCell " in window):
            raise ApplicationError(_("La hoja tiene celdas combinadas. Sepárelas (Inicio › Combinar y centrar) para "
                                     "que cada dato quede en su propia celda, y vuelva a subir el archivo."),
                                   field=FIELD)
        tail = window[-32:]
    return size


class _Stop(Exception):
    pass


def _expat_scan(archive, member, limits: Limits, start_element) -> None:
    """Stream a small XML part through expat (no tree is built; DTDs refused) calling
    `start_element(name, attributes)` with "namespace local" names; it may raise _Stop."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(*args):
        raise _malicious(_("El archivo trae definiciones XML (DOCTYPE) que un libro de Excel no lleva"))

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = start_element
    try:
        for chunk in _read_chunks(archive, member, limits.part, limits):
            if chunk is None:
                raise _malicious(_("Una parte del archivo (%(part)s) se descomprime a más de %(limit)s")
                                 % {"part": member.filename, "limit": human_size(limits.part)})
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Stop:
        return
    except expat.ExpatError:
        raise _broken() from None


def _shared_strings_parts(archive, content_types, limits: Limits) -> set[str]:
    """The parts [Content_Types].xml declares as shared strings (openpyxl finds them there)."""
    parts = {"xl/sharedStrings.xml"}

    def start(name, attributes):
        if name.endswith(" Override") and attributes.get("ContentType") == SHARED_STRINGS_TYPE:
            parts.add(attributes.get("PartName", "").lstrip("/"))

    _expat_scan(archive, content_types, limits, start)
    return parts


def _data_sheet_part(archive, names: dict, limits: Limits, sheet_name: str | None) -> str:
    """The XML part of the sheet named `sheet_name` (or the first sheet), from the workbook and its
    relationships, read through expat without building a tree."""
    sheets = []

    def sheet(name, attributes):
        if name == f"{MAIN_NS} sheet":
            sheets.append((attributes.get("name"), attributes.get(f"{REL_NS} id")))
        elif name == f"{MAIN_NS} definedNames" or name == f"{MAIN_NS} calcPr":
            raise _Stop  # the sheets come before these: nothing more to read

    _expat_scan(archive, names["xl/workbook.xml"], limits, sheet)
    chosen = next((s for s in sheets if s[0] == sheet_name), sheets[0] if sheets else None)
    if chosen is None:
        raise ApplicationError(_("El libro no tiene hojas."), field=FIELD)
    targets = []

    def relationship(name, attributes):
        if name.endswith(" Relationship") and attributes.get("Id") == chosen[1]:
            targets.append(attributes.get("Target") or "")
            raise _Stop

    _expat_scan(archive, names["xl/_rels/workbook.xml.rels"], limits, relationship)
    if not targets:
        raise _missing_part(_("la relación de la hoja «%(name)s»") % {"name": chosen[0]})
    target = targets[0]
    part = target.lstrip("/") if target.startswith("/") else os.path.normpath(f"xl/{target}").replace(os.sep, "/")
    if part not in names:
        raise _missing_part(part)
    return part


@contextmanager
def _open_sheet(path: str):
    from openpyxl import load_workbook

    # A file object, not the path: openpyxl refuses paths whose name does not end in .xlsx
    # (staged uploads have none).
    with open(path, "rb") as handle:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 — openpyxl raises many types for a broken file
            raise _broken() from None
        try:
            yield workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
        finally:
            workbook.close()


def _inspect_xlsx(path: str) -> SheetFile:
    check_xlsx(path)
    try:
        with _open_sheet(path) as sheet:
            first = next(sheet.iter_rows(max_row=1, values_only=True), ())
            estimated = max((sheet.max_row or 1) - 1, 0)
    except (ApplicationError, MemoryError):
        raise
    except Exception:  # noqa: BLE001 — openpyxl raises many types for a broken file
        raise _broken() from None
    return SheetFile(path, "xlsx", _headers(first), estimated)


def _xlsx_rows(path: str):
    number = 1
    with _open_sheet(path) as sheet:
        try:
            for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
                if any(v not in (None, "") for v in values):
                    yield number, list(values)
        except MemoryError:
            raise
        except Exception:  # noqa: BLE001 — a broken sheet: the file's problem, not a reason to retry
            raise ApplicationError(_("El archivo está dañado a partir de la fila %(row)s: no se puede leer como libro "
                                     "de Excel.") % {"row": number + 1}, field=FIELD) from None


# --- CSV ------------------------------------------------------------------------------------


def _utf16(head: bytes) -> str | None:
    """UTF-16 by its byte-order mark, or without one when the text is clearly UTF-16 (every other
    byte zero, as Latin letters are): the codec, else None."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    sample = sample[:len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.9 and even < 0.1:
        return "utf-16-le"
    if even > 0.9 and odd < 0.1:
        return "utf-16-be"
    return None


def _decodes(path: str, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


# Windows-1252 text that is really another code page read wrongly: a symbol inside a word («Pe–a»
# is «Peña» in Mac Roman, «Mar¡a» is «María» in MS-DOS 850) or three accented letters in a row
# («Èâàí» is «Иван» in Windows-1251). Spanish and Mayan words have neither; apostrophes inside
# words are allowed (K'iche', Q’eqchi’, Q´eqchi´), and so are non-breaking spaces.
_MOJIBAKE = re.compile(r"[^\W\d_][^\w\s\x00-\x7f’‘´`][^\W\d_]|[^\W\d_\x00-\x7f]{3}")
_NON_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")
SAMPLE = 256 * 1024
MAX_LINE_BYTES = 4 * CHUNK  # a CSV line (at least one chunk: see _count_lines)


def _non_ascii_lines(path: str) -> bytes:
    """The lines that have a byte over 127 (up to SAMPLE bytes of them): where an encoding shows."""
    out, size, tail = [], 0, b""
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            text = tail + chunk
            cut = text.rfind(b"\n") + 1
            text, tail = text[:cut] if cut else b"", text[cut:] if cut else text
            for match in _NON_ASCII_LINE.finditer(text):
                out.append(match[0])
                size += len(match[0]) + 1
                if size >= SAMPLE:
                    return b"\n".join(out)[:SAMPLE]
    out.extend(m[0] for m in _NON_ASCII_LINE.finditer(tail))
    return b"\n".join(out)[:SAMPLE]


def _encoding(path: str, head: bytes) -> str:
    """UTF-8 (with or without BOM, what Excel's «CSV UTF-8» writes), UTF-16 (Excel's «Texto
    Unicode»), or Windows-1252 (Excel's plain «CSV» in Spanish, a superset of Latin-1's letters)
    when the text reads as Spanish in it (charset-normalizer finds no mess, and no word is garbled);
    anything else is refused, naming the problem, rather than imported as mojibake."""
    if head.startswith(codecs.BOM_UTF8):
        if not _decodes(path, "utf-8-sig"):
            raise ApplicationError(_("El archivo dice estar en UTF-8 pero tiene caracteres que no lo son. Ábralo y "
                                     "guárdelo de nuevo como «CSV UTF-8 (delimitado por comas)»."), field=FIELD)
        return "utf-8-sig"
    utf16 = _utf16(head)
    if utf16:
        if not _decodes(path, utf16):
            raise ApplicationError(_("El archivo parece estar en UTF-16 pero tiene caracteres que no lo son. Ábralo y "
                                     "guárdelo de nuevo como «CSV UTF-8 (delimitado por comas)»."), field=FIELD)
        return utf16
    if _decodes(path, "utf-8"):
        return "utf-8-sig"
    import charset_normalizer

    sample = _non_ascii_lines(path)
    readable = _decodes(path, "cp1252") and charset_normalizer.from_bytes(sample, cp_isolation=["cp1252"]).best()
    if readable and not _MOJIBAKE.search(sample.decode("cp1252")):
        return "cp1252"
    guess = charset_normalizer.from_bytes(sample).best()
    detail = (_(" Parece estar en «%(encoding)s».") % {"encoding": guess.encoding}
              if guess is not None and guess.encoding not in {"cp1252", "latin_1", "ascii"} else "")
    raise ApplicationError(_("No se reconoce la codificación del archivo: no es UTF-8 ni Windows-1252 (Latin-1), y "
                             "leerlo así cambiaría letras.%(detail)s En Excel, guárdelo como «CSV UTF-8 (delimitado "
                             "por comas)» y vuelva a subirlo.") % {"detail": detail}, field=FIELD)


def _inspect_csv(path: str, head: bytes) -> SheetFile:
    encoding = _encoding(path, head)
    with open(path, encoding=encoding, newline="") as handle:
        sample = handle.read(HEAD).lstrip("\ufeff")
    first_line = re.split(r"\r\n|\r|\n", sample, maxsplit=1)[0]  # Windows, Unix or old Mac line ends
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
    except csv.Error as error:
        raise _csv_error(1, error) from None
    lines = _count_lines(path)
    return SheetFile(path, "csv", _headers(header), max(lines - 1, 0), encoding, delimiter)


def _count_lines(path: str) -> int:
    """Lines in the file (an estimate for the progress bar; old Mac files end lines with CR only),
    refusing a line longer than MAX_LINE_BYTES: the csv module reads a whole line before it looks
    at its cells, so one line of 200 MB would be 200 MB of memory before its field limit is seen.
    Only the stretches that cross a chunk boundary can be longer than a chunk: O(1) per chunk."""
    newlines = returns = run = 0  # run: bytes since the last line end
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            first = min((i for i in (chunk.find(b"\n"), chunk.find(b"\r")) if i >= 0), default=-1)
            if first < 0:
                run += len(chunk)
            else:
                if run + first > MAX_LINE_BYTES:
                    break
                run = len(chunk) - 1 - max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
            if run > MAX_LINE_BYTES:
                break
            newlines += chunk.count(b"\n")
            returns += chunk.count(b"\r")
        else:
            return newlines or returns
    raise ApplicationError(
        _("El archivo no se puede leer desde la fila %(row)s: una línea pasa de %(size)s. Revise que cada comilla "
          "(\") que abre una celda también la cierre.") % {"row": (newlines or returns) + 1,
                                                           "size": human_size(MAX_LINE_BYTES)}, field=FIELD)


def _csv_error(row: int, error: csv.Error) -> ApplicationError:
    if "field larger than field limit" in str(error):
        return ApplicationError(
            _("El archivo no se puede leer desde la fila %(row)s: una celda es demasiado larga (más de %(limit)s "
              "caracteres). Revise que cada comilla (\") que abre una celda también la cierre.")
            % {"row": row, "limit": f"{csv.field_size_limit():,}".replace(",", ".")}, field=FIELD)
    return ApplicationError(_("El archivo no se puede leer desde la fila %(row)s: no tiene el formato de un CSV.")
                            % {"row": row}, field=FIELD)


def _csv_rows(path: str, encoding: str, delimiter: str):
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            next(reader, None)
            for values in reader:
                if "".join(values).strip():  # some cell is not blank (one scan in C instead of one per cell)
                    yield reader.line_num, values
        except csv.Error as error:  # the file's problem: the batch fails with it, the job is not retried
            raise _csv_error(reader.line_num, error) from None


def _headers(values) -> list[str]:
    return [" ".join(str(v).split()) if v is not None else "" for v in values]
