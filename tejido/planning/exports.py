"""Export of the plan page: physical targets and execution of a year's outputs."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .views import plan_rows

KINDS = {"heading": _("Encabezado"), "output": _("Producto"), "suboutput": _("Subproducto")}

register(ListExport(
    slug="plan", title=_("Plan anual"), model="planning.Plan", personal=False, rows=plan_rows,
    columns=[Column(_("Nivel"), lambda r: KINDS.get(r["kind"], r["kind"])), Column(_("Concepto"), "output"),
             Column(_("Unidad de medida"), "unit"), Column(_("Meta vigente"), "target"),
             Column(_("Programado en el periodo"), "programmed"), Column(_("Ejecución"), "executed"),
             Column(_("% de ejecución"), "percent"), Column(_("Regla de conteo"), "rule")],
))
