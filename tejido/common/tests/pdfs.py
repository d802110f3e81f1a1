"""Small PDFs for the upload tests: clean ones (a reportlab page, a binary stream) and ones that
carry JavaScript, a launch action or an attachment, openly or hidden."""

import io
import zlib


def build(objects: list[bytes]) -> bytes:
    """A PDF with these objects (numbered from 1) and a cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


PAGES = [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]


def with_catalog(catalog_extra: bytes = b"", *more: bytes) -> bytes:
    return build([b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", *PAGES, *more])


def clean_reportlab() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Certificado de donación — Zacapa")
    page.showPage()
    page.save()
    return out.getvalue()


def clean_with_binary_stream() -> bytes:
    """An image-like stream whose bytes happen to spell /JS and /AA: stream data is not PDF syntax."""
    data = (bytes(range(256)) + b"/JS (x) /AA << >> /Launch ") * 50
    return with_catalog(b"", stream(b"/Type /XObject /Subtype /Image /Width 1 /Height 1", data))


def clean_apple_metadata() -> bytes:
    """macOS writes /AAPL:Keywords: not the /AA (additional actions) name."""
    return with_catalog(b"", b"<< /AAPL:Keywords [(donaci\\363n)] /Producer (macOS) >>")


def javascript_open_action() -> bytes:
    return with_catalog(b"/OpenAction << /S /JavaScript /JS (app.alert('x')) >>")


def javascript_hex_escaped() -> bytes:
    """The same names spelt with #xx escapes, which PDF readers decode."""
    return with_catalog(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert('x')) >>")


def additional_actions() -> bytes:
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", PAGES[0],
                  b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /AA << /O 4 0 R >> >>",
                  b"<< /S /GoTo /D [3 0 R /Fit] >>"])


def launch_action() -> bytes:
    return with_catalog(b"/OpenAction << /S /Launch /F (calc.exe) >>")


def embedded_file() -> bytes:
    return with_catalog(b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                        b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                        stream(b"/Type /EmbeddedFile", b"MZ\x90\x00"))


def javascript_in_object_stream() -> bytes:
    """PDF 1.5 object streams: the action dictionary only exists compressed, inside /ObjStm."""
    inner = b"<< /S /JavaScript /JS (app.alert('x')) >>"
    header = b"5 0 "
    data = zlib.compress(header + inner)
    return with_catalog(b"/OpenAction 5 0 R",
                        stream(b"/Type /ObjStm /N 1 /First %d /Filter /FlateDecode" % len(header), data))


def javascript_in_escaped_object_stream() -> bytes:
    """The object stream's own names escaped (/Obj#53tm, /Fl#61teDecode): still decompressed and read."""
    inner = b"<< /S /JavaScript /JS (app.alert('x')) >>"
    data = zlib.compress(b"5 0 " + inner)
    return with_catalog(b"/OpenAction 5 0 R", stream(b"/Type /Obj#53tm /N 1 /First 4 /Filter /Fl#61teDecode", data))


def object_stream_bomb(expands_to: int = 300 * 1024 * 1024) -> bytes:
    """An object stream that inflates to hundreds of MB: refused, never inflated whole."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(compressor.compress(chunk) for _ in range(expands_to // len(chunk))) + compressor.flush()
    return with_catalog(b"", stream(b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", data))


RISKY = {
    "javascript": javascript_open_action,
    "javascript_escapado": javascript_hex_escaped,
    "acciones_adicionales": additional_actions,
    "lanzar_programa": launch_action,
    "archivo_incrustado": embedded_file,
    "javascript_comprimido": javascript_in_object_stream,
    "javascript_comprimido_escapado": javascript_in_escaped_object_stream,
}
CLEAN = {
    "reportlab": clean_reportlab,
    "flujo_binario": clean_with_binary_stream,
    "metadatos_apple": clean_apple_metadata,
}
