"""A report as an XLSX workbook: one sheet per table, numbers stored as numbers."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .text import printable


def report_xlsx(report: dict) -> bytes:
    # Excel refuses control characters (openpyxl raises) and repairs a cell over 32,767 characters.
    report = printable(report, longest=32_767)
    book = Workbook()
    cover = book.active
    cover.title = "Informe"
    cover.append([report["title"]])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([f"Periodo: {report['period']['label']} ({report['period']['start']} a {report['period']['end']})"])
    scope = report["scope"]
    cover.append(["Alcance: " + (", ".join(scope["departments"]) if scope["departments"] else "nacional")])
    cover.append([f"Generado: {report['generated_at']}"])
    cover.append([])
    cover.append(["Cuadro", "Hoja"])
    for index, table in enumerate(report["tables"], start=1):
        sheet = book.create_sheet(f"{index:02d} {table['id']}"[:31])
        cover.append([table["title"], sheet.title])
        sheet.append([table["title"]])
        sheet["A1"].font = Font(bold=True)
        sheet.append([])
        columns = table["columns"]
        sheet.append([c["label"] for c in columns])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append([row.get(c["id"]) for c in columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text typed by users is never a formula
        if table["totals"]:
            sheet.append([table["totals"].get(c["id"]) for c in columns])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
        for i, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = max(12, min(45, len(column["label"]) + 4))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
