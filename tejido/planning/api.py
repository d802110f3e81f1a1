"""/api/v1/planificacion: the plan of a year with executed values, budget execution, and the
SICOIN execution import (multipart file)."""

import datetime as dt
from decimal import Decimal

from ninja import Field, File, Router, Schema, Status, UploadedFile

from tejido.api.types import Int
from tejido.common.errors import NotFoundOrOutOfScope

from . import figures
from .budget_import import import_execution

router = Router()


class TargetRow(Schema):
    kind: str
    id: int | None
    output: str
    unit: str
    target: int | None
    programmed: int | None
    executed: int | None
    percent: Decimal | None
    executed_ytd: int | None = Field(description="Ejecución acumulada: de enero al final del periodo.")
    percent_ytd: Decimal | None
    rule: str


class TargetTotal(Schema):
    output: str
    target: int
    executed: int
    percent: Decimal | None
    executed_ytd: int
    percent_ytd: Decimal | None


class PlanOut(Schema):
    year: int
    name: str
    desde: dt.date
    hasta: dt.date
    rows: list[TargetRow]
    total: TargetTotal
    note: str


class Amounts(Schema):
    assigned: Decimal
    current: Decimal
    executed: Decimal = Field(description="Ejecutado en los meses del periodo.")
    percent: Decimal | None
    executed_ytd: Decimal = Field(description="Ejecución acumulada: de enero al último mes del periodo.")
    percent_ytd: Decimal | None
    balance: Decimal = Field(description="Saldo por ejecutar: vigente − ejecución acumulada.")


class ActivityRow(Amounts):
    activity: str
    code: str


class GroupRow(Amounts):
    group: str
    name: str


class BudgetOut(Schema):
    year: int
    desde: dt.date
    hasta: dt.date
    by_activity: list[ActivityRow]
    by_group: list[GroupRow]
    totals: Amounts
    group_totals: Amounts
    note: str


class ImportOut(Schema):
    id: int
    year: int
    rows: int
    months: list[int]


@router.get("/planes/{year}", response=PlanOut, summary="Plan del año con metas y ejecución del periodo")
def plan(request, year: Int, desde: dt.date | None = None, hasta: dt.date | None = None):
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise NotFoundOrOutOfScope()  # no plan for year 60419790065872010215424 (was a 500)
    start, end = desde or dt.date(year, 1, 1), hasta or dt.date(year, 12, 31)
    if end.year != year:
        end = dt.date(year, 12, 31)
    data = figures.physical_targets(request.auth, start, end)
    if data["plan"] is None:
        raise NotFoundOrOutOfScope()
    return {"year": year, "name": str(data["plan"]), "desde": start, "hasta": end, "rows": data["rows"],
            "total": data["total"], "note": data["note"]}


@router.get("/presupuesto", response=BudgetOut, summary="Ejecución presupuestaria por actividad y grupo de gasto")
def budget(request, desde: dt.date, hasta: dt.date):
    data = figures.budget_execution(request.auth, desde, hasta)
    if data["plan"] is None:
        raise NotFoundOrOutOfScope()
    return {"year": data["plan"].year, "desde": desde, "hasta": hasta, **{k: v for k, v in data.items() if k != "plan"}}


@router.post("/presupuesto/importacion", response={201: ImportOut},
             summary="Importar la ejecución de SICOIN (CSV o XLSX; todo o nada)")
def budget_import(request, file: File[UploadedFile]):
    batch = import_execution(upload=file, file_name=file.name or "", acting_user=request.auth)
    return Status(201, {"id": batch.pk, "year": batch.plan.year, "rows": batch.rows,
                        "months": [int(m) for m in batch.months.split(",") if m]})
