"""Exports of the plan page (targets and execution of the outputs) and of the budget by activity."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .services import require_budget_read
from .views import budget_rows, plan_rows

KINDS = {"heading": _("Encabezado"), "output": _("Producto"), "suboutput": _("Subproducto")}

register(ListExport(
    slug="plan", title=_("Plan anual"), model="planning.Plan", personal=False, rows=plan_rows,
    columns=[Column(_("Nivel"), lambda r: KINDS.get(r["kind"], r["kind"])), Column(_("Concepto"), "output"),
             Column(_("Unidad de medida"), "unit"), Column(_("Meta vigente"), "target"),
             Column(_("Programado en el periodo"), "programmed"), Column(_("Ejecución del periodo"), "executed"),
             Column(_("% del periodo"), "percent"), Column(_("Ejecución acumulada"), "executed_ytd"),
             Column(_("% de ejecución acumulada"), "percent_ytd"), Column(_("Regla de conteo"), "rule")],
))

register(ListExport(
    slug="presupuesto", title=_("Presupuesto por actividad"), model="planning.BudgetLine", personal=False,
    rows=budget_rows, extra_check=require_budget_read,  # national roles, as on the page
    columns=[Column(_("Código"), "code"), Column(_("Actividad presupuestaria"), "activity"),
             Column(_("Asignado"), "assigned"), Column(_("Vigente"), "current"),
             Column(_("Ejecutado en el periodo"), "executed"), Column(_("% de ejecución"), "percent"),
             Column(_("Ejecución acumulada"), "executed_ytd"), Column(_("% acumulado"), "percent_ytd"),
             Column(_("Saldo por ejecutar"), "balance")],
))
