"""Uploaded files that cannot hurt the server (issue 15).

- `CappedUploadHandler` (settings.FILE_UPLOAD_HANDLERS): while Django reads a multipart request it
  writes each file to a temporary file in chunks (never whole into memory), keeps at most
  UPLOAD_MAX_BYTES of it and counts the rest, so `upload.size` is the real size and every form
  refuses it by its own, lower, limit.
- `stage()`: copies an upload (or any binary file object) to disk in chunks while hashing it,
  refusing it as soon as it passes the limit; the caller reads the copy, never `upload.read()`.
- `memory_cap()`: a process-wide memory ceiling (RLIMIT_DATA) for the import jobs, so a file that
  gets past every check still cannot take the machine's memory: the job fails with MemoryError.
- `check_pdf()`: refuses PDFs with active content (JavaScript, automatic actions, launching a
  program, attached files), scanning the file in chunks.
"""

import hashlib
import os
import re
import resource
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.translation import gettext as _

from .errors import ApplicationError

CHUNK = 1 << 20
HEAD = 64 * 1024  # first bytes kept for the cheap checks (magic bytes, NUL bytes, BOM)


def human_size(size: int) -> str:
    if size >= 1048576:
        return f"{size / 1048576:.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def too_large(limit: int, field: str, size: int | None = None) -> ApplicationError:
    if size is None:
        return ApplicationError(_("El archivo pesa más de %(limit)s, el máximo. Divídalo en varios archivos.")
                                % {"limit": human_size(limit)}, field=field)
    return ApplicationError(_("El archivo pesa %(size)s; el máximo es %(limit)s. Divídalo en varios archivos.")
                            % {"size": human_size(size), "limit": human_size(limit)}, field=field)


class CappedUploadHandler(TemporaryFileUploadHandler):
    """Keeps at most UPLOAD_MAX_BYTES of an uploaded file on disk and counts the rest: a 200 MB
    body costs at most that much disk and no memory, and `size` still says 200 MB."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.truncated = False

    def receive_data_chunk(self, raw_data, start):
        limit = settings.UPLOAD_MAX_BYTES
        if start + len(raw_data) > limit:
            self.truncated = True
            raw_data = raw_data[:max(limit - start, 0)]
        if raw_data:
            self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        self.file.truncated = self.truncated
        return self.file


@dataclass
class Staged:
    path: str
    size: int
    sha256: str
    head: bytes  # the first HEAD bytes

    def delete(self) -> None:
        if os.path.exists(self.path):
            os.unlink(self.path)


def stage(upload, *, limit: int, field: str, directory=None) -> Staged:
    """Copy `upload` to a new file in `directory` in chunks, hashing it; refuse it (and delete the
    partial copy) once it passes `limit` bytes (0: no limit). A file whose size is known is refused
    before anything is copied."""
    size = getattr(upload, "size", None)
    if getattr(upload, "truncated", False) or (limit and size is not None and size > limit):
        raise too_large(limit or settings.UPLOAD_MAX_BYTES, field, size)
    if directory is not None:
        os.makedirs(directory, exist_ok=True)
    fd, path = tempfile.mkstemp(dir=directory)
    digest, total, head = hashlib.sha256(), 0, b""
    try:
        with os.fdopen(fd, "wb") as out:
            chunks = upload.chunks(CHUNK) if hasattr(upload, "chunks") else iter(lambda: upload.read(CHUNK), b"")
            for chunk in chunks:
                total += len(chunk)
                if limit and total > limit:
                    raise too_large(limit, field)
                if len(head) < HEAD:
                    head += chunk[:HEAD - len(head)]
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        os.unlink(path)
        raise
    return Staged(path, total, digest.hexdigest(), head)


# --- memory ceiling -----------------------------------------------------------------------------


def _proc_status() -> dict[str, int]:
    """VmData and VmRSS of this process, in bytes (Linux)."""
    values = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _sep, rest = line.partition(":")
            if name in ("VmData", "VmRSS"):
                values[name] = int(rest.split()[0]) * 1024
    return values


@contextmanager
def memory_cap(megabytes: int):
    """Inside the block this process may grow by at most what keeps its resident memory under
    `megabytes`: its data segment (RLIMIT_DATA: heap and private memory, what Python allocates) is
    limited to its current size plus that headroom, so an allocation past it raises MemoryError
    instead of the machine running out. Restored on exit. Linux only; elsewhere a no-op."""
    if not megabytes or not os.path.exists("/proc/self/status"):
        yield
        return
    current = _proc_status()
    headroom = max(megabytes * 1048576 - current["VmRSS"], 32 * 1048576)
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    cap = current["VmData"] + headroom
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


# --- PDF active content -------------------------------------------------------------------------
#
# What is covered: every PDF name (/JS, /J#53 ...: #xx escapes decoded, as readers do) in the
# file's own syntax (dictionaries and arrays; strings and comments too: stricter, never laxer); in
# streams whose data reads as text (so objects after a fake «stream» keyword are still seen);
# and in object streams (PDF 1.5 /ObjStm, where dictionaries can live compressed) that are plain or
# FlateDecode, inflated with a limit. Binary stream data (images, compressed page content, fonts)
# is skipped from «stream» to the first «endstream», so bytes that happen to spell /JS inside a
# JPEG do not count. An object stream that cannot be read (encrypted, another filter, a predictor,
# corrupt, or inflating past PDF_MAX_INFLATED) is refused too: what cannot be checked is not
# accepted. Not covered: objects placed in a region that this scan takes for binary stream data
# (e.g. after a fake «stream» keyword, padded with binary bytes) but a reader, following /Length,
# reads as objects (defence in depth: documents are only ever served as downloads,
# Content-Disposition: attachment, with nosniff); and JavaScript reached through other names
# (e.g. XFA forms, /RichMedia), which the list below does not include.

ACTIVE_NAMES = {"JS", "JavaScript", "AA", "Launch", "EmbeddedFile", "EmbeddedFiles"}
FILTERS = {"FlateDecode", "Fl", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode", "LZW",
           "RunLengthDecode", "RL", "CCITTFaxDecode", "CCF", "JBIG2Decode", "DCTDecode", "DCT", "JPXDecode", "Crypt"}
PDF_MAX_INFLATED = 8 * 1048576  # one object stream
PDF_MAX_INFLATED_TOTAL = 64 * 1048576  # all of them
_NAME = re.compile(rb"/([^\x00\s()<>\[\]{}/%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_DELIMITERS = b" \t\r\n\x00\x0c()<>[]{}/%"
_TEXT_BYTES = bytes(range(0x20, 0x7F)) + b"\t\r\n\x0c"
_TAIL = 32  # bytes kept back between chunks: a keyword or a name may continue in the next chunk
_WINDOW = 4096  # text kept before «stream»: the stream's dictionary


class PdfUnreadable(Exception):
    pass


def _names(text: bytes) -> list[str]:
    out = []
    for match in _NAME.finditer(text):
        name = match[1]
        if b"#" in name:
            name = _ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name)
        out.append(name.decode("latin-1"))
    return out


class _PdfScan:
    def __init__(self):
        self.found: set[str] = set()
        self.buffer = b""
        self.window = b""
        self.in_stream = False
        self.mode = "skip"  # inside a stream: "skip", "plain" (object stream) or "flate" (inflated)
        self.inflater = None
        self.content = bytearray()
        self.inflated_total = 0

    def _text(self, text: bytes) -> None:
        self.found.update(n for n in _names(text) if n in ACTIVE_NAMES)
        self.window = (self.window + text)[-_WINDOW:]

    def _open_stream(self) -> None:
        objects = list(_OBJECT.finditer(self.window))
        names = _names(self.window[objects[-1].end():] if objects else self.window)
        self.window = b""
        self.mode, self.content = "skip", bytearray()
        self.stream_size, self.stream_binary, self.stream_names = 0, 0, set()
        if "ObjStm" not in names:
            return
        filters = [n for n in names if n in FILTERS]
        if not filters:
            self.mode = "plain"
        elif filters in (["FlateDecode"], ["Fl"]) and "Predictor" not in names:
            self.mode, self.inflater = "flate", zlib.decompressobj()
        else:
            raise PdfUnreadable

    def _stream_data(self, data: bytes) -> None:
        if self.mode == "skip":
            self.stream_size += len(data)
            self.stream_binary += len(data.translate(None, _TEXT_BYTES))
            self.stream_names.update(n for n in _names(data) if n in ACTIVE_NAMES)
        elif self.mode == "plain":
            self.content += data
        elif self.mode == "flate" and not self.inflater.eof:
            try:
                self.content += self.inflater.decompress(data, PDF_MAX_INFLATED + 1 - len(self.content))
            except zlib.error:
                raise PdfUnreadable from None
        if len(self.content) > PDF_MAX_INFLATED:
            raise PdfUnreadable

    def _close_stream(self) -> None:
        if self.mode == "skip" and self.stream_binary * 10 <= self.stream_size:  # text, not image or compressed
            self.found.update(self.stream_names)
        if self.mode != "skip":
            self.inflated_total += len(self.content)
            if self.inflated_total > PDF_MAX_INFLATED_TOTAL:
                raise PdfUnreadable
            self.found.update(n for n in _names(bytes(self.content)) if n in ACTIVE_NAMES)
        self.mode, self.inflater, self.content = "skip", None, bytearray()

    def feed(self, data: bytes, final: bool = False) -> None:
        self.buffer += data
        while True:
            if not self.in_stream:
                match = _STREAM.search(self.buffer)
                if match is None:
                    cut = len(self.buffer) if final else self._safe_cut()
                    self._text(self.buffer[:cut])
                    self.buffer = self.buffer[cut:]
                    return
                self._text(self.buffer[:match.start()])
                self._open_stream()
                self.buffer = self.buffer[match.end():]
                self.in_stream = True
            else:
                end = self.buffer.find(b"endstream")
                if end < 0:
                    cut = len(self.buffer) if final else self._safe_cut()
                    self._stream_data(self.buffer[:cut])
                    self.buffer = self.buffer[cut:]
                    if final:
                        self._close_stream()
                    return
                self._stream_data(self.buffer[:end])
                self._close_stream()
                self.buffer = self.buffer[end + len(b"endstream"):]
                self.in_stream = False

    def _safe_cut(self) -> int:
        """Where the buffer can be cut without splitting a name or a keyword: at the last delimiter
        before the kept tail (a name starts at «/» and ends at a delimiter; keywords have none)."""
        limit = len(self.buffer) - _TAIL
        if limit <= 0:
            return 0
        return max(0, max(self.buffer.rfind(bytes([d]), 0, limit) for d in _DELIMITERS))


def pdf_active_names(handle) -> set[str]:
    """The active-content names (ACTIVE_NAMES) in a PDF read from `handle` in chunks.
    Raises PdfUnreadable for an object stream that cannot be checked."""
    scan = _PdfScan()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        scan.feed(chunk)
    scan.feed(b"", final=True)
    return scan.found


def check_pdf(upload, *, field: str) -> None:
    """Refuse a PDF with JavaScript, automatic actions (/AA), a program launch or attached files;
    `upload` is left at its start."""
    upload.seek(0)
    try:
        found = pdf_active_names(upload)
    except PdfUnreadable:
        found = None
    finally:
        upload.seek(0)
    if found is None:
        raise ApplicationError(_("El PDF tiene partes comprimidas o cifradas que no se pueden revisar, y por "
                                 "seguridad no se acepta. Imprímalo como PDF (p. ej. «Microsoft Print to PDF») y "
                                 "suba esa copia."), field=field)
    if found:
        raise ApplicationError(_("El PDF contiene %(what)s, que no se aceptan por seguridad. Imprímalo como PDF "
                                 "(p. ej. «Microsoft Print to PDF») y suba esa copia.")
                               % {"what": _describe(found)}, field=field)


def _describe(names: set[str]) -> str:
    parts = []
    if names & {"JS", "JavaScript"}:
        parts.append(_("JavaScript"))
    if "AA" in names:
        parts.append(_("acciones automáticas"))
    if "Launch" in names:
        parts.append(_("órdenes de abrir programas"))
    if names & {"EmbeddedFile", "EmbeddedFiles"}:
        parts.append(_("archivos incrustados"))
    return ", ".join(parts)
