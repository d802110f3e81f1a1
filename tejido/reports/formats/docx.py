"""A report as an editable DOCX draft (python-docx) for the communications unit: headings,
tables, charts and the map; the same numbers as the JSON."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ..charts import chart_png, map_png
from .text import cell_text, check_texts, printable, scope_text


def _narrative(doc, narrative: list[dict], before: str) -> None:
    """The report's text of the sections that go before table `before` (reports/narrative.py)."""
    for section in narrative:
        if section["before"] == before:
            doc.add_heading(section["label"], level=1)
            for paragraph in section["text"].split("\n\n"):
                doc.add_paragraph(paragraph.strip())


def report_docx(report: dict, *, charts: bool = True) -> bytes:
    report = printable(report)  # Word's XML refuses control characters
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(report["title"], level=0)
    doc.add_paragraph(f"{report['period']['label'].capitalize()} · {scope_text(report)}")
    if report.get("checks"):
        doc.add_heading("Comprobaciones entre cuadros", level=2)
    for text, failed in check_texts(report):
        doc.add_paragraph(text, style="List Bullet").runs[0].bold = failed
    narrative = report.get("narrative", [])
    _narrative(doc, narrative, "")
    for number, table in enumerate(report["tables"], start=1):
        _narrative(doc, narrative, table["id"])
        doc.add_heading(f"Cuadro {number}. {table['title']}", level=2)
        columns = table["columns"]
        grid = doc.add_table(rows=1, cols=len(columns))
        grid.style = "Table Grid"
        for cell, column in zip(grid.rows[0].cells, columns, strict=True):
            cell.text = column["label"]
            cell.paragraphs[0].runs[0].bold = True
        rows = list(table["rows"]) + ([table["totals"]] if table["totals"] else [])
        for index, row in enumerate(rows):
            cells = grid.add_row().cells
            for cell, column in zip(cells, columns, strict=True):
                cell.text = cell_text(row.get(column["id"]), column["kind"])
                if column["kind"] != "text":
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if table["totals"] and index == len(rows) - 1 and cell.paragraphs[0].runs:
                    cell.paragraphs[0].runs[0].bold = True
        if table.get("note"):
            doc.add_paragraph(table["note"]).runs[0].italic = True
        if charts:
            for image in (chart_png(table), map_png(table)):
                if image:
                    doc.add_picture(io.BytesIO(image), width=Cm(14))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
