"""Exports of the women's program pages: units, rosters, trainings, fairs, the sales of one
fair by woman and the monthly income reports."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.programs.exports import event_columns, register_program

from . import selectors
from .site import SITE, product_line_label
from .views import _period, fair_sale_rows, income_rows

register_program(SITE)

register(ListExport(
    slug="unidades-productivas", title=_("Unidades productivas"), model="centers.Center", personal=False,
    rows=lambda request: selectors.unit_list(user=request.user),
    columns=[Column(_("Registro"), "pk"), Column(_("Unidad productiva"), "name"),
             Column(_("Línea productiva"), product_line_label), Column(_("Departamento"), "department.name"),
             Column(_("Municipio"), "municipality.name"), Column(_("Mujeres activas"), "active_people")],
))

register(ListExport(
    slug="capacitaciones-mujer", title=_("Capacitaciones"), model="programs.Event", personal=False,
    rows=lambda request: selectors.training_list(user=request.user, **_period(request)),
    columns=event_columns(Column(_("Tipo de capacitación"), "women_training.get_training_kind_display"),
                          Column(_("Línea productiva"), "women_training.get_product_line_display")),
))

register(ListExport(
    slug="comercializacion-mujer", title=_("Comercialización"), model="programs.Event", personal=False,
    rows=lambda request: selectors.fair_list(user=request.user, **_period(request)),
    columns=event_columns(Column(_("Fin"), "women_fair.end"), Column(_("Ventas (Q)"), "sales")),
))

register(ListExport(
    slug="ventas-feria", title=_("Ventas por mujer"), model="women.Fair", rows=fair_sale_rows,
    columns=[Column(_("Registro de la persona"), "person.pk"), Column(_("Nombres"), "person.given_names"),
             Column(_("Apellidos"), "person.surnames"), Column(_("CUI"), "person.cui"),
             Column(_("Ventas (Q)"), "amount")],
))

register(ListExport(
    slug="ingresos-mujer", title=_("Ingresos mensuales"), model="women.IncomeReport", rows=income_rows,
    columns=[Column(_("Mes"), lambda r: r.month.strftime("%Y-%m")), Column(_("Registro de la persona"), "person.pk"),
             Column(_("Nombres"), "person.given_names"), Column(_("Apellidos"), "person.surnames"),
             Column(_("CUI"), "person.cui"), Column(_("Unidad productiva"), "center.name"),
             Column(_("Ventas propias (Q)"), "own_sales"), Column(_("Eventos comerciales (Q)"), "fair_sales"),
             Column(_("Total (Q)"), "total")],
))
