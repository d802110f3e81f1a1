"""/api/v1/informes/{informe}: a report as the JSON contract of docs/reports.md."""

import datetime as dt

from ninja import Field, Query, Router, Schema

from tejido.api.types import Id, Int

from .builder import build_report
from .period import Period

router = Router()


class ReportQuery(Schema):
    anio: int | None = Field(None, ge=2000, le=2100)
    cuatrimestre: Int | None = None
    mes: Int | None = None
    desde: dt.date | None = None
    hasta: dt.date | None = None
    departamento: list[Id] = []
    programa: str = ""


def period_of(q: ReportQuery) -> Period:
    from django.utils.translation import gettext as _

    from tejido.common.errors import ApplicationError

    if q.desde or q.hasta:
        if not (q.desde and q.hasta):
            raise ApplicationError(_("Indique desde y hasta."), field="hasta")
        return Period.between(q.desde, q.hasta)
    if not q.anio:
        raise ApplicationError(_("Indique el año o un rango de fechas."), field="anio")
    if q.cuatrimestre is not None:
        return Period.four_month(q.anio, q.cuatrimestre)
    if q.mes is not None:
        return Period.month(q.anio, q.mes)
    return Period.year(q.anio)


@router.get("/{informe}", summary="Informe (memoria anual, cuatrimestral o mensual) en el contrato JSON")
def report(request, informe: str, q: Query[ReportQuery]):
    return build_report(informe, user=request.auth, period=period_of(q), departments=q.departamento,
                        program=q.programa)


class NarrativeIn(Schema):
    text: str = Field(max_length=20000, description="Texto de la sección; las cifras como referencias "
                      "[[cuadro|fila|columna]] (docs/reports.md, «Textos del informe»).")


class NarrativeOut(Schema):
    section: str
    text: str = Field(description="El texto con cada referencia cambiada por la cifra del cuadro.")
    problems: list[str] = Field(description="Números escritos a mano (con la referencia que corresponde, si la hay).")


@router.put("/{informe}/textos/{seccion}", response=NarrativeOut,
            summary="Guardar el texto de una sección del informe (Planificación)")
def narrative_put(request, informe: str, seccion: str, q: Query[ReportQuery], payload: NarrativeIn):
    from .narrative import narrative_save, render

    report = build_report(informe, user=request.auth, period=period_of(q))
    narrative_save(acting_user=request.auth, report=report, section=seccion, text=payload.text)
    text, problems = render(payload.text.strip(), report)
    return {"section": seccion, "text": text, "problems": problems}
