"""Exports of Mis Años Dorados pages: centers, rosters, activities, deliveries, referrals."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.programs.exports import referral_columns, register_program, register_program_events

from .site import PROGRAM, SITE
from .views import delivery_rows, referral_rows

register_program(SITE)
register_program_events("actividades-elderly", _("Atención integral y eventos"), PROGRAM)

register(ListExport(
    slug="entregas-elderly", title=_("Entregas de kits y alimentos"), model="programs.Delivery", rows=delivery_rows,
    columns=[Column(_("N.º"), "pk"), Column(_("Fecha"), "date"), Column(_("Centro"), "center.name"),
             Column(_("Qué"), "item_label"), Column(_("Cantidad"), "quantity"),
             Column(_("Registro de la persona"), "person.pk"), Column(_("Persona"), "person.full_name"),
             Column(_("Municipio"), "municipality.name"), Column(_("Departamento"), "department.name"),
             Column(_("Observación"), "note")],
))

register(ListExport(slug="derivaciones-elderly", title=_("Derivaciones"), model="programs.Referral",
                    rows=referral_rows, columns=referral_columns()))
