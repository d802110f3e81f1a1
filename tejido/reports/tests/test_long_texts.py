"""Long texts never break a report document (issue 15 item 6): every table of every report, with
500-character texts in every text cell, label, title and note (a sentence with ReportLab markup in
it, a 500-character word, a URL, control characters and matplotlib math signs), renders as PDF,
DOCX, XLSX and HTML; the PDF keeps the text and stays inside the page. And the national annual
PDF that gave a 500 to an outside test, end to end through the page."""

import copy
import datetime as dt
import io
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from tejido.reports.builder import REPORTS, build_report, table_ids
from tejido.reports.formats.docx import report_docx
from tejido.reports.formats.pdf import report_pdf
from tejido.reports.formats.xlsx import report_xlsx
from tejido.reports.period import Period
from tejido.reports.tables import DECIMAL, INT, MONEY, PERCENT, TABLES, TEXT

pytestmark = pytest.mark.django_db

PERIODS = {"annual": Period.year(2023), "four_monthly": Period.four_month(2023, 1), "monthly": Period.month(2023, 5)}


def _fill(start: str, filler: str) -> str:
    return (start + filler * 500)[:500]


SENTENCE = _fill("Centro <b>& «Los Pinos» </para> <font size=40> & amp; ", "palabra larga ")
WORD = _fill("PalabraSinEspacios", "abcdefghij")
URL = _fill("https://www.sosep.gob.gt/informes?p0=v0&p1=<v1>", "/segmento")
ODD = _fill("Texto\x0bcon\x1bcontrol y $\\frac{ sin cerrar $ ", "Kʼicheʼ ")
TEXTS = [SENTENCE, WORD, URL, ODD]
CENTER = _fill("CentroDeRecepcionSinEspacios", "0123456789")[:150]  # the longest center name
NUMBERS = {INT: 9_876_543, MONEY: 999_999_999_999.99, PERCENT: 1234.56, DECIMAL: 98_765.43}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def long_texts(report: dict) -> dict:
    """The report with every text replaced by a long one, and four more rows per table (so tables
    that are empty on the fixture have rows too); numbers at their widest."""
    report = copy.deepcopy(report)
    report["title"] = SENTENCE
    report["period"]["label"] = WORD
    report["scope"]["departments"] = [URL]
    for table in report["tables"]:
        table["title"], table["note"] = WORD, SENTENCE
        columns = table["columns"]
        for index, column in enumerate(columns):
            column["label"] = TEXTS[index % len(TEXTS)]
        table["rows"] = [{c["id"]: TEXTS[(index + k) % len(TEXTS)] if c["kind"] == TEXT else NUMBERS[c["kind"]]
                          for k, c in enumerate(columns)} for index in range(len(TEXTS))] + [
            {c["id"]: TEXTS[k % len(TEXTS)] if c["kind"] == TEXT else row.get(c["id"]) for k, c in enumerate(columns)}
            for row in table["rows"]]
        table["totals"] = {c["id"]: SENTENCE if c["kind"] == TEXT else NUMBERS[c["kind"]] for c in columns}
    return report


def _check_pdf(pdf: bytes, *, by_column: bool = False) -> str:
    """The PDF opens, every text run stays inside its page; returns the text without whitespace,
    then each table column's lines read top to bottom (pypdf reads a row line by line across the
    cells, so a cell wrapped over three lines comes out interleaved with its neighbours)."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    columns = {}  # x → runs over every page: a row that continues on the next page is read whole
    for number, page in enumerate(reader.pages):
        width = float(page.mediabox.width)
        outside = []

        def visit(text, cm, tm, font, size, width=width, outside=outside, number=number):
            if not text.strip():
                return
            a, b, c, d, e, f = tm
            x = e * cm[0] + f * cm[2] + cm[4]
            y = e * cm[1] + f * cm[3] + cm[5]
            columns.setdefault(round(x), []).append((number, -y, text))
            scale = (a * cm[0] + b * cm[2])
            # embedded subsets are named «ABCDEF+DejaVuSans»
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1] if font else "DejaVuSans"
            right = x + max(stringWidth(line, name, size * scale) for line in text.splitlines() or [text])
            if x < 0 or right > width + 1:
                outside.append((round(x), round(right), text[:40]))

        page.extract_text(visitor_text=visit)
        assert not outside, outside[:5]
        out.append(page.extract_text())  # read again without the visitor (pypdf drops a run with one)
    if by_column:
        out += ["".join(text for _page, _y, text in sorted(runs)) for runs in columns.values()]
    return _squeezed(" ".join(out))


def _check_texts_in(text: str) -> None:
    assert _squeezed(WORD) in text  # a word longer than the column, broken over lines but all there
    assert _squeezed(SENTENCE[:60]) in text  # markup shown as typed
    assert _squeezed(URL[:60]) in text
    assert "$\\frac{" in text


@pytest.mark.parametrize("report_id", list(REPORTS))
def test_every_table_of_every_report_renders_long_texts(people, report_id):
    report = build_report(report_id, user=people["planner"], period=PERIODS[report_id])
    assert [t["id"] for t in report["tables"]] == table_ids(report_id)
    if report_id == "annual":
        assert {t["id"] for t in report["tables"]} == set(TABLES)  # every registered table, once
    report = long_texts(report)

    text = _check_pdf(report_pdf(report, charts=report_id == "annual"))
    _check_texts_in(text)

    document = Document(io.BytesIO(report_docx(report, charts=False)))
    assert len(document.tables) == len(report["tables"])
    cells = [cell.text for grid in document.tables for row in grid.rows for cell in row.cells]
    assert WORD in cells and SENTENCE in cells and URL in cells
    assert any(cell.startswith("Texto con control y $\\frac{") for cell in cells)  # control characters left out

    book = load_workbook(io.BytesIO(report_xlsx(report)))
    values = {cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert {WORD, SENTENCE, URL} <= values

    html = render_to_string("reports/_tables.html", {"report": report, "images": {}, "drill": False})
    assert "Centro &lt;b&gt;&amp; «Los Pinos» &lt;/para&gt;" in html and WORD in html


def test_report_tables_fit_the_frame_whatever_the_texts(people):
    """ReportLab's own measure: every table is at most as wide as the frame, none has a column of
    negative width, and numbers are not wrapped when they fit."""
    from tejido.reports.formats.pdf import FRAME_WIDTH, table_flowable

    report = long_texts(build_report("annual", user=people["planner"], period=PERIODS["annual"]))
    huge = copy.deepcopy(report["tables"][0])
    huge["rows"][0][huge["columns"][0]["id"]] = "renglon " * 3000  # taller than a page: the row splits
    for table in report["tables"] + [huge]:
        grid = table_flowable(table, FRAME_WIDTH)
        width, _height = grid.wrap(FRAME_WIDTH, 10**6)
        assert 0 < width <= FRAME_WIDTH + 0.01, table["id"]
    assert _check_pdf(report_pdf({**report, "tables": [huge]}, charts=False)).count("renglon") == 3000


def test_column_widths_are_positive_and_fit():
    from tejido.reports.formats.pdf import FRAME_WIDTH, column_widths, table_flowable

    def table(kinds, value):
        columns = [{"id": f"c{i}", "label": f"Columna {i}", "kind": kind} for i, kind in enumerate(kinds)]
        return {"id": "t", "title": "T", "columns": columns, "rows": [{c["id"]: value(c) for c in columns}] * 3,
                "totals": {}}

    # Numbers keep their width, the text column takes the rest and wraps.
    mixed = table([TEXT, INT, MONEY, PERCENT], lambda c: WORD if c["kind"] == TEXT else NUMBERS[c["kind"]])
    grid = table_flowable(mixed, FRAME_WIDTH)
    assert [type(cell).__name__ for cell in grid._cellvalues[1]] == ["Paragraph", "str", "str", "str"]
    assert grid.wrap(FRAME_WIDTH, 10**6)[0] <= FRAME_WIDTH + 0.01
    # More wide numbers than fit: everything shrinks alike and the numbers wrap too; still no
    # negative width, and the PDF stays inside the page.
    crowded = table([MONEY] * 40, lambda c: NUMBERS[MONEY])
    widths = column_widths(crowded["columns"], [[400.0] * 40], FRAME_WIDTH)
    assert all(w > 0 for w in widths) and sum(widths) <= FRAME_WIDTH + 0.01
    report = {"title": "T", "period": {"label": "año 2023"}, "scope": {"departments": []}, "tables": [crowded, mixed]}
    assert "Q999,999,999" in _check_pdf(report_pdf(report, charts=False))
    # Empty columns and an empty table.
    assert all(w > 0 for w in column_widths(crowded["columns"], [], FRAME_WIDTH))
    empty = table([TEXT, INT], lambda c: None)
    assert table_flowable({**empty, "rows": []}, FRAME_WIDTH).wrap(FRAME_WIDTH, 10**6)[0] <= FRAME_WIDTH


def test_national_annual_pdf_with_long_record_texts(people):
    """The page's national annual PDF (a 500 for an outside test): a donation whose donor name and
    items fill their fields to the limit (its items cell is over 500 characters: one word, one
    sentence with markup, a URL) and a reception center whose name is one long word."""
    from tejido.common.testing import ZACAPA_TOWN, make_center
    from tejido.donations import services as donations
    from tejido.migrants.services import MemberData, reception_create
    from tejido.territory.models import Municipality, Office

    items = [{"description": text[:250], "quantity": 1, "unit": "lote", "category": "materiales", "value": "10.00"}
             for text in (WORD, SENTENCE, URL)]
    donations.donation_create(office=Office.objects.get(code="sede-19"), received_on=dt.date(2023, 3, 1),
                              donor_name=WORD[:200], donor_kind="nacional", acting_user=people["admin"], items=items)
    center = make_center(ZACAPA_TOWN, kind="migrant_reception", name=CENTER)
    reception_create(acting_user=people["admin"], date=dt.date(2023, 6, 1), center=center, arrival_mode="aerea",
                     returned_from="mexico", destination_municipality=Municipality.objects.get(pk=ZACAPA_TOWN),
                     members=[MemberData(given_names="Ana", first_surname="Pérez", sex="F", age_years=30,
                                         relationship="jefe")])
    client = Client()
    client.force_login(people["planner"])
    query = "/informes/?informe=annual&tipo=anio&anio=2023"
    response = client.get(query + "&formato=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _check_pdf(response.content, by_column=True)
    # a cell that continues on the next page does so under its repeated header («Entidad donante»,
    # «Centro de recepción»): read without the header
    unheaded = text.replace("Entidaddonante", "").replace("Centroderecepción", "")
    assert _squeezed(WORD[:200]) in unheaded and CENTER in unheaded
    assert "Centro<b>&«LosPinos»</para>" in text and _squeezed(URL[:60]) in text
    for fmt in ("docx", "xlsx"):
        assert client.get(f"{query}&formato={fmt}").status_code == 200
    page = client.get(query + "&graficas=1")
    assert page.status_code == 200 and "Centro &lt;b&gt;&amp; «Los Pinos»" in page.content.decode()


def test_xlsx_cell_keeps_to_excels_limit():
    column = {"id": "text", "label": "Texto", "kind": TEXT}
    report = {"title": "T", "period": {"label": "año 2023", "start": "2023-01-01", "end": "2023-12-31"},
              "scope": {"departments": []}, "generated_at": "2023-12-31T00:00:00",
              "tables": [{"id": "t", "title": "T", "columns": [column], "rows": [{"text": "x" * 40_000}],
                          "totals": {}}]}
    value = load_workbook(io.BytesIO(report_xlsx(report)))["01 t"]["A4"].value
    assert len(value) == 32_767 and value.endswith("x…")


def test_mayan_names_keep_their_apostrophe_in_the_pdf():
    """«Kʼicheʼ» (U+02BC) came out as ■ with Helvetica; the embedded DejaVu Sans has it."""
    column = {"id": "text", "label": "Comunidad lingüística", "kind": TEXT}
    report = {"title": "Pueblos", "report": "annual", "generated_at": "2026-12-07T00:00:00",
              "period": {"label": "año 2023", "start": "2023-01-01", "end": "2023-12-31"},
              "scope": {"national": True, "departments": [], "program": None},
              "tables": [{"id": "t", "title": "Comunidades", "columns": [column], "note": "",
                          "rows": [{"text": "Kʼicheʼ"}, {"text": "Qʼeqchiʼ"}, {"text": "Tz’utujil"}], "totals": None}]}
    reader = PdfReader(io.BytesIO(report_pdf(report, charts=False)))
    text = reader.pages[0].extract_text()
    assert "Kʼicheʼ" in text and "Qʼeqchiʼ" in text and "Tz’utujil" in text
    fonts = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any(name.endswith("DejaVuSans") for name in fonts), fonts
