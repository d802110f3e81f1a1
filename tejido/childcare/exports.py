"""Exports of the childcare pages: centers, rosters (shared program pages), events, caregivers."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.programs.exports import register_program, register_program_events

from .site import PROGRAM, SITE
from .views import caregiver_rows

register_program(SITE)
register_program_events("eventos-childcare", _("Capacitaciones y charlas"), PROGRAM)

register(ListExport(
    slug="madres-cuidadoras", title=_("Madres cuidadoras"), model="childcare.Caregiver", rows=caregiver_rows,
    columns=[Column(_("Registro de la persona"), "person.pk"), Column(_("Nombre"), "person.full_name"),
             Column(_("CUI"), "person.cui"), Column(_("Quién paga"), "get_payer_display"),
             Column(_("Monto mensual (Q)"), "monthly_amount"), Column(_("Desde"), "start"),
             Column(_("Centro"), "center.name")],
))
