"""CSV and JSON of a publication. Hidden cells carry their marker ("<5" or "*") instead of a number;
every text cell is protected against spreadsheet formula injection."""

import csv
import io
import json

from django.utils.translation import gettext as _

from tejido.common.text import neutralize_formula

BOM = "\ufeff"  # Excel opens UTF-8 with accents correctly only with it


def publication_json(publication: dict) -> str:
    return json.dumps(publication, ensure_ascii=False, indent=1)


def _shown(value, mark) -> object:
    if mark:
        return mark
    return "" if value is None else neutralize_formula(value)


def _lines(table: dict):
    """(row label, row, markers) for every row and the totals row."""
    first = table["columns"][0]["id"]
    for row, marks in zip(table["rows"], table["suppressed"]["rows"], strict=True):
        yield row.get(first, ""), row, marks
    if table.get("totals"):
        yield table["totals"].get(first) or _("Total"), table["totals"], table["suppressed"]["totals"]


def publication_csv(publication: dict) -> str:
    """Every cell of every table on its own line (long format): one file, easy to filter."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["periodo_inicio", "periodo_fin", "ambito", "cuadro", "titulo_cuadro", "fila", "columna",
                     "titulo_columna", "valor"])
    scope = ", ".join(publication["scope"]["departments"]) or _("nacional")
    period = publication["period"]
    for table in publication["tables"]:
        for label, row, marks in _lines(table):
            for column in table["columns"][1:]:
                if column["id"] not in row:
                    continue
                writer.writerow([period["start"], period["end"], neutralize_formula(scope), table["id"],
                                 neutralize_formula(table["title"]), neutralize_formula(str(label)), column["id"],
                                 neutralize_formula(column["label"]),
                                 _shown(row[column["id"]], marks.get(column["id"]))])
    return BOM + out.getvalue()


def table_csv(table: dict) -> str:
    """One table as it looks on the page (wide format)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize_formula(c["label"]) for c in table["columns"]])
    for _label, row, marks in _lines(table):
        writer.writerow([_shown(row.get(c["id"]), marks.get(c["id"])) for c in table["columns"]])
    return BOM + out.getvalue()
