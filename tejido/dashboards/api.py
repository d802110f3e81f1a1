"""/api/v1/tableros/: the dashboard's pieces as JSON, for the viewer's scope (counts only, no names).

The same functions as the page (`panels.py`): headline figures (the report engine's totals),
coverage by department and the plan's targets against execution month by month. Each count
carries `records`, the drill-down page listing what it counted, when the viewer may see it."""

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from tejido.accounts.models import Program
from tejido.common.errors import ApplicationError
from tejido.territory.scope import scope_of

from . import panels

router = Router()


class DashboardQuery(Schema):
    anio: int | None = Field(None, ge=2000, le=2100)
    programa: str = ""


def _plain(value):
    return float(value) if hasattr(value, "as_tuple") else value  # Decimal percentages as numbers


@router.get("/", summary="Tablero: cifras del año, cobertura por departamento y metas contra ejecución")
def dashboard(request, q: Query[DashboardQuery]):
    from django.utils.translation import gettext as _

    user = request.auth
    today = timezone.localdate()
    year = q.anio or today.year
    if year > today.year:
        raise ApplicationError(_("El año no puede ser posterior al actual."), field="anio")
    if q.programa and q.programa not in Program.values:
        raise ApplicationError(_("Programa desconocido."), field="programa")
    period = panels.year_period(year, today)
    personal = scope_of(user).sees_personal_data
    tables = panels.headline_tables(user, period, q.programa)
    coverage = panels.coverage(tables, q.programa)
    links = panels.coverage_links(tables, coverage, period, personal)
    execution = panels.monthly_execution(user, year, period.end, q.programa)
    return {
        "year": year, "period": {"start": period.start, "end": period.end}, "program": q.programa or None,
        "figures": [{"program": f["program"], "label": f["label"], "value": f["value"], "records": f["records"]}
                    for f in panels.figures(tables, period, personal)],
        "coverage": {"columns": [{"id": c["id"], "label": str(c["label"])} for c in coverage["columns"]],
                     "rows": [{**row, "records": {c: links[f"{row['department']}|{c}"] for c in row
                                                  if f"{row['department']}|{c}" in links}}
                              for row in coverage["rows"]],
                     "totals": {k: str(v) if k == "department" else v for k, v in coverage["totals"].items()}},
        "execution": {
            "plan": str(execution["plan"]) if execution["plan"] else None, "note": str(execution["note"]),
            "outputs": [{"id": o["id"], "name": o["name"], "unit": str(o["unit"]), "kind": o["kind"],
                         "target": o["target"], "executed": o["executed"], "percent": _plain(o["percent"]),
                         "months": [{"month": m["month"], "programmed": m["programmed"], "executed": m["executed"],
                                     "records": m["records"]} for m in o["months"]]}
                        for o in execution["outputs"]]},
    }
