"""Building spreadsheets in tests: the template's headers and any rows, as XLSX or CSV bytes."""

import io

from openpyxl import Workbook

from tejido.imports.kinds import KINDS

HEADERS = [c.header for c in KINDS["personas"].columns]


def person_row(**values) -> list:
    """A full «Personas» row; keyword names are the column names (given_names=..., cui=...)."""
    row = dict(given_names="Ana Lucía", first_surname="Pérez", second_surname="Caal", married_surname="",
               sex="Mujer", birth_date="17/05/2019", birth_date_estimated="", cui="", municipality_id="1901",
               pueblo="Maya", language_community="Q'eqchi'", disability="", poverty_status="", address="",
               phone="", registered_center_id="")
    row.update(values)
    return [row[c.name] for c in KINDS["personas"].columns]


def xlsx_bytes(rows, headers=HEADERS, *, merge: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Datos"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows, headers=HEADERS, *, encoding="utf-8", delimiter=",") -> bytes:
    lines = [delimiter.join(headers)] + [delimiter.join(str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def read_report(path) -> list[list]:
    if str(path).endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True)["Datos"]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def queries_of(run_import, user, data: bytes, kind: str):
    """(batch, number of queries) of one import: the set-based kinds' queries must not grow with rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        batch = run_import(user, data, kind=kind)
    return batch, len(queries)
