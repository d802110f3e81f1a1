"""A report as a PDF for publication (ReportLab): the same tables, charts and map as the DOCX."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..charts import chart_png, map_png
from .text import cell_text, scope_text


def report_pdf(report: dict, *, charts: bool = True) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7, leading=8.5)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=letter, leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                            title=report["title"], author="SOSEP — Tejido")
    story = [Paragraph(escape(report["title"]), styles["Title"]),
             Paragraph(escape(f"{report['period']['label'].capitalize()} · {scope_text(report)}"), styles["Normal"]),
             Spacer(1, 0.4 * cm)]
    for number, table in enumerate(report["tables"], start=1):
        story.append(Paragraph(escape(f"Cuadro {number}. {table['title']}"), styles["Heading3"]))
        columns = table["columns"]
        data = [[Paragraph(escape(c["label"]), small) for c in columns]]
        rows = list(table["rows"]) + ([table["totals"]] if table["totals"] else [])
        data += [[cell_text(r.get(c["id"]), c["kind"]) for c in columns] for r in rows]
        grid = Table(data, repeatRows=1)
        style = [("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 7),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde7ee")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        for index, column in enumerate(columns):
            if column["kind"] != "text":
                style.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
        if table["totals"]:
            style.append(("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"))
        grid.setStyle(TableStyle(style))
        story.append(grid)
        if table.get("note"):
            story.append(Paragraph(escape(table["note"]), small))
        if charts:
            for image in (chart_png(table), map_png(table)):
                if image:
                    story.append(Image(io.BytesIO(image), width=12 * cm, height=12 * cm, kind="proportional"))
        story.append(Spacer(1, 0.4 * cm))
    doc.build(story)
    return out.getvalue()
