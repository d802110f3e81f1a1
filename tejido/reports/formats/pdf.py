"""A report as a PDF for publication (ReportLab): the same tables, charts and map as the DOCX.

Tables fit the page whatever their texts: numbers keep their width on one line, text columns
share the rest of the frame and wrap (a word longer than its column breaks inside), and a row
taller than a page continues on the next one. Every text goes to ReportLab escaped, so what
users typed (`<b>`, `&`) is shown as typed and never read as ReportLab's markup."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..charts import chart_png, map_png
from .fonts import register as register_fonts
from .text import cell_text, check_texts, printable, scope_text

MARGIN = 1.5 * cm
# The width tables get: the page less its margins and the 6 pt SimpleDocTemplate's frame pads on
# each side.
FRAME_WIDTH = letter[0] - 2 * MARGIN - 2 * 6
FONT, BOLD = register_fonts()  # DejaVu Sans: Mayan names' ʼ (U+02BC), which Helvetica lacks
SIZE, LEADING = 7, 8.5
PAD = 3  # a cell's left and right padding
TEXT_MIN = 60  # a text column is never made narrower than this (or its widest text, if shorter)
HEADER_WORD = 80  # a longer word of a column's label is broken rather than widen its column
HEADER_MAX = 120  # a taller header row is not repeated on each page

_styles = getSampleStyleSheet()
for _name in ("Title", "Normal", "Heading2", "Heading3"):
    _styles[_name].fontName = BOLD if _name != "Normal" else FONT
SMALL = _styles["BodyText"].clone("small", fontName=FONT, fontSize=SIZE, leading=LEADING)
# A word longer than its column is broken inside (splitLongWords, ReportLab's default, said here).
CELL = SMALL.clone("cell", spaceBefore=0, spaceAfter=0, splitLongWords=1)
CELL_BOLD = CELL.clone("cell_bold", fontName=BOLD)
NUMBER = CELL.clone("number", alignment=TA_RIGHT)
NUMBER_BOLD = NUMBER.clone("number_bold", fontName=BOLD)


def _narrative(narrative: list[dict], before: str) -> list:
    """Flowables of the report's text of the sections that go before table `before`."""
    story = []
    for section in narrative:
        if section["before"] == before:
            story.append(Paragraph(escape(section["label"]), _styles["Heading2"]))
            story.extend(Paragraph(escape(p.strip()).replace("\n", "<br/>"), _styles["Normal"])
                         for p in section["text"].split("\n\n") if p.strip())
    return story


def report_pdf(report: dict, *, charts: bool = True) -> bytes:
    report = printable(report)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=letter, leftMargin=MARGIN, rightMargin=MARGIN,
                            title=report["title"], author="SOSEP — Tejido")
    story = [Paragraph(escape(report["title"]), _styles["Title"]),
             Paragraph(escape(f"{report['period']['label'].capitalize()} · {scope_text(report)}"), _styles["Normal"]),
             Spacer(1, 0.4 * cm)]
    if report.get("checks"):
        story.append(Paragraph("Comprobaciones entre cuadros", _styles["Heading3"]))
    for text, failed in check_texts(report):
        story.append(Paragraph(f"<b>{escape(text)}</b>" if failed else escape(text), SMALL))
    narrative = report.get("narrative", [])
    story.extend(_narrative(narrative, ""))
    for number, table in enumerate(report["tables"], start=1):
        story.extend(_narrative(narrative, table["id"]))
        story.append(Paragraph(escape(f"Cuadro {number}. {table['title']}"), _styles["Heading3"]))
        story.append(table_flowable(table, FRAME_WIDTH))
        if table.get("note"):
            story.append(Paragraph(escape(table["note"]), SMALL))
        if charts:
            for image in (chart_png(table), map_png(table)):
                if image:
                    story.append(Image(io.BytesIO(image), width=12 * cm, height=12 * cm, kind="proportional"))
        story.append(Spacer(1, 0.4 * cm))
    doc.build(story)
    return out.getvalue()


def table_flowable(table: dict, width: float) -> Table:
    """The table as a ReportLab Table at most `width` wide (column widths from column_widths).
    Cells are plain strings, which ReportLab draws fastest, unless they need more than one line:
    those become Paragraphs that wrap."""
    columns = table["columns"]
    rows = list(table["rows"]) + ([table["totals"]] if table["totals"] else [])
    texts = [[cell_text(row.get(c["id"]), c["kind"]) for c in columns] for row in rows]
    bold_last = bool(table["totals"])
    # Each text's width on one line, measured once (column widths and whether a cell wraps).
    sizes = [[stringWidth(text, BOLD if bold_last and n == len(texts) - 1 else FONT, SIZE) for text in line]
             for n, line in enumerate(texts)]
    widths = column_widths(columns, sizes, width)
    pad = min(PAD, min(widths) / 4)  # columns are at least 4 pads wide unless the table is squeezed
    header = [Paragraph(escape(c["label"]), SMALL) for c in columns]
    # The header repeats on every page the table takes, unless it is itself too tall for that.
    tall = max(p.wrap(w - 2 * pad, HEADER_MAX)[1] for p, w in zip(header, widths, strict=True)) > HEADER_MAX
    data = [header]
    for index, (line, line_sizes) in enumerate(zip(texts, sizes, strict=True)):
        bold = bold_last and index == len(texts) - 1
        data.append([_cell(text, size, column["kind"], widths[i] - 2 * pad, bold)
                     for i, (text, size, column) in enumerate(zip(line, line_sizes, columns, strict=True))])
    grid = Table(data, colWidths=widths, repeatRows=0 if tall else 1, splitInRow=1)
    style = [("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("FONT", (0, 0), (-1, -1), FONT, SIZE, LEADING),
             ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde7ee")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for index, column in enumerate(columns):
        if column["kind"] != "text":
            style.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    if bold_last:
        style.append(("FONT", (0, -1), (-1, -1), BOLD, SIZE, LEADING))
    grid.setStyle(TableStyle(style))
    return grid


def _cell(text: str, size: float, kind: str, inner: float, bold: bool):
    if size <= inner and "\n" not in text:
        return text  # one line, drawn as typed (plain strings are not markup)
    if kind == "text":
        return Paragraph(escape(text), CELL_BOLD if bold else CELL)
    return Paragraph(escape(text), NUMBER_BOLD if bold else NUMBER)  # only in a squeezed table


def column_widths(columns: list[dict], sizes: list[list[float]], width: float) -> list[float]:
    """Widths (padding included) that add up to at most `width`, all positive, for cells whose
    texts are `sizes` wide on one line (rows of widths, in the columns' order).

    Each column first gets its least width: a number column its widest number (numbers are not
    wrapped), a text column its widest text up to TEXT_MIN. What is left goes first to the
    number columns' headers (so their words, up to HEADER_WORD, are not broken), then to the
    text columns up to their widest text, the one missing least first and the rest in equal
    shares (water filling). Only when the least widths alone do not fit (many wide numbers) is
    everything scaled down alike; numbers then wrap too."""
    least, wanted = [], []
    for i, column in enumerate(columns):
        widest = max((line[i] for line in sizes), default=0)
        header = min(max((stringWidth(word, FONT, SIZE) for word in column["label"].split()), default=0),
                     HEADER_WORD)
        # 1 pt more than the text: ReportLab breaks a line exactly as wide as its column.
        if column["kind"] == "text":
            least.append(max(min(max(widest, header), TEXT_MIN), 2 * PAD) + 2 * PAD + 1)
        else:
            least.append(max(widest, 2 * PAD) + 2 * PAD + 1)
        wanted.append(max(widest, header, 2 * PAD) + 2 * PAD + 1)
    total = sum(least)
    if total >= width:
        return [w * width / total for w in least]
    widths = list(least)
    spare = width - total
    for group in ([i for i, c in enumerate(columns) if c["kind"] != "text"],
                  [i for i, c in enumerate(columns) if c["kind"] == "text"]):
        spare = _water_fill(widths, wanted, group, spare)
    return widths


def _water_fill(widths: list[float], wanted: list[float], group: list[int], spare: float) -> float:
    """Widen the group's columns towards what they want with `spare`: the one missing least gets
    all it misses first, the others equal shares. Returns what is left."""
    short = sorted((i for i in group if wanted[i] > widths[i]), key=lambda i: wanted[i] - widths[i])
    while short and spare > 0:
        share = spare / len(short)
        i = short[0]
        missing = wanted[i] - widths[i]
        if missing <= share:
            widths[i] = wanted[i]
            spare -= missing
            short.pop(0)
        else:
            for j in short:
                widths[j] += share
            return 0
    return spare
