"""Exports of the women's program pages: units, rosters, trainings and fairs."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.programs.exports import event_columns, register_program

from . import selectors
from .site import SITE, product_line_label
from .views import _period

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
