"""Malformed uploads an attacker (or a broken export) sends, built from a valid workbook or CSV.
Shared by the imports tests and the budget import tests (tejido/planning/tests)."""

import io
import random
import struct
import zipfile

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join('<!ENTITY lol%d "%s">' % (n, ("&lol%s;" % (n - 1 if n > 1 else "")) * 10) for n in range(1, 10))
    + "]>"
)


def replace_part(data: bytes, name: str, content: bytes | str | None) -> bytes:
    """The same zip with `name` replaced by `content` (None: removed)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != name:
                archive.writestr(info.filename, source.read(info.filename))
        if content is not None:
            archive.writestr(name, content)
    return out.getvalue()


def part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def billion_laughs(workbook: bytes) -> bytes:
    """workbook.xml declares nested entities that expand to a billion «lol»s in the sheet's name."""
    xml = part(workbook, "xl/workbook.xml")
    xml = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    return replace_part(workbook, "xl/workbook.xml", BILLION_LAUGHS + xml.replace('name="', 'name="&lol9;', 1))


def bad_relationship(workbook: bytes) -> bytes:
    """workbook.xml.rels sends the sheet to a part that is not in the zip."""
    rels = part(workbook, "xl/_rels/workbook.xml.rels").replace("worksheets/sheet1.xml", "worksheets/nada.xml")
    return replace_part(workbook, "xl/_rels/workbook.xml.rels", rels)


def falsified_sizes(workbook: bytes, expand_to: int = 5 * 1024 * 1024) -> bytes:
    """The sheet grows to `expand_to` bytes, but the zip's local header and central directory say it
    unpacks to 1,000 bytes: a check that trusts the declared sizes sees a tiny part."""
    sheet = part(workbook, "xl/worksheets/sheet1.xml")
    padded = sheet.replace("</worksheet>", " " * max(expand_to - len(sheet), 0) + "</worksheet>")
    data = bytearray(replace_part(workbook, "xl/worksheets/sheet1.xml", padded))
    name = b"xl/worksheets/sheet1.xml"
    # Local file header: signature PK\3\4, uncompressed size at offset 22.
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30:local + 30 + name_length]) == name:
            struct.pack_into("<I", data, local + 22, 1000)
        local = data.find(b"PK\x03\x04", local + 4)
    # Central directory entry: signature PK\1\2, uncompressed size at offset 24.
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, 1000)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def junk(size: int = 64 * 1024, seed: int = 15) -> bytes:
    return random.Random(seed).randbytes(size)


def malformed_workbooks(workbook: bytes) -> dict[str, tuple[bytes, str]]:
    """name -> (file bytes, file name), each built from the valid `workbook`."""
    return {
        "basura": (junk(), "datos.csv"),
        "basura_xlsx": (junk(), "datos.xlsx"),
        "zip_truncado": (workbook[: len(workbook) // 2], "datos.xlsx"),
        "sin_content_types": (replace_part(workbook, "[Content_Types].xml", None), "datos.xlsx"),
        "sin_workbook": (replace_part(workbook, "xl/workbook.xml", None), "datos.xlsx"),
        "sin_hoja": (replace_part(workbook, "xl/worksheets/sheet1.xml", None), "datos.xlsx"),
        "sin_relaciones": (replace_part(workbook, "xl/_rels/workbook.xml.rels", None), "datos.xlsx"),
        "relacion_rota": (bad_relationship(workbook), "datos.xlsx"),
        "billion_laughs": (billion_laughs(workbook), "datos.xlsx"),
        "tamanos_falsos": (falsified_sizes(workbook), "datos.xlsx"),
    }


def with_shared_strings(workbook: bytes) -> bytes:
    """openpyxl writes texts inline; Excel keeps them in xl/sharedStrings.xml, one <si> per distinct
    text, cells pointing at it by number. The same workbook the way Excel writes it."""
    import re
    from html import unescape  # character references too: the sheet has «Direcci&#243;n»
    from xml.sax.saxutils import escape

    sheet = part(workbook, "xl/worksheets/sheet1.xml")
    texts: dict[str, int] = {}

    def shared(match):
        text = unescape(match[2])
        index = texts.setdefault(text, len(texts))
        return f'<c{match[1]} t="s"><v>{index}</v></c>'

    sheet = re.sub(r'<c([^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', shared, sheet)
    strings = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
               % (len(texts), len(texts)) + "".join(f"<si><t>{escape(t)}</t></si>" for t in texts) + "</sst>")
    types = part(workbook, "[Content_Types].xml").replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = part(workbook, "xl/_rels/workbook.xml.rels").replace(
        "</Relationships>", '<Relationship Id="rIdTexts" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    for name, content in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", strings),
                          ("[Content_Types].xml", types), ("xl/_rels/workbook.xml.rels", rels)):
        workbook = replace_part(workbook, name, content)
    return workbook
