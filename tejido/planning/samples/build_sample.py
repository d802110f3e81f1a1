"""Builds the sample SICOIN execution files: ejecucion_sicoin_ejemplo.csv (2022, January and
February, the five activities × six spending groups; current budget = seed 004's per activity)
and, from it, ejecucion_sicoin_ejemplo.xlsx.

    .venv/bin/python tejido/planning/samples/build_sample.py"""

import csv
import io
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).parent
GROUPS = ("000", "100", "200", "300", "400", "900")
ACTIVITIES = [  # name, current budget (seed 004 table 2), share per group (%)
    ("Dirección y Coordinación", "29634540.00", (60, 20, 10, 5, 3, 2)),
    ("Atención Integral a la Primera Infancia", "102153732.00", (30, 5, 10, 1, 54, 0)),
    ("Servicio y Asistencia Social", "8351601.00", (40, 10, 35, 5, 10, 0)),
    ("Desarrollo de la Mujer", "7890351.00", (60, 10, 25, 5, 0, 0)),
    ("Atención Integral al Adulto Mayor", "30030876.00", (55, 15, 25, 5, 0, 0)),
]
MONTHLY_EXECUTION = {1: Decimal("0.06"), 2: Decimal("0.07")}
HEADER = ["anio", "mes", "actividad", "grupo_gasto", "asignado", "vigente", "ejecutado"]


def rows() -> list[list]:
    out = []
    for month, rate in MONTHLY_EXECUTION.items():
        for name, budget, shares in ACTIVITIES:
            total = Decimal(budget)
            amounts = [(total * share / 100).quantize(Decimal("0.01")) for share in shares]
            amounts[0] += total - sum(amounts)  # rounding stays in group 000
            for group, amount in zip(GROUPS, amounts, strict=True):
                executed = (amount * rate).quantize(Decimal("0.01"))
                out.append([2022, month, name, group, f"{amount:.2f}", f"{amount:.2f}", f"{executed:.2f}"])
    return out


def csv_bytes() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(data: bytes) -> bytes:
    """The same table as an Excel workbook, amounts as numbers (as SICOIN's Excel export)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ejecución"
    for i, row in enumerate(csv.reader(io.StringIO(data.decode("utf-8")))):
        sheet.append(row if i == 0 else [int(row[0]), int(row[1]), row[2], row[3], *(float(v) for v in row[4:])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


if __name__ == "__main__":
    data = csv_bytes()
    (HERE / "ejecucion_sicoin_ejemplo.csv").write_bytes(data)
    (HERE / "ejecucion_sicoin_ejemplo.xlsx").write_bytes(xlsx_bytes(data))
    print("ok")
