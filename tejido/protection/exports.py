"""Export of the protection case list: only the protection officer, and logged like every
export. It holds what the list shows (no description, no reporter): the case file stays
on its page."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .access import require_protection_officer
from .views import case_rows

register(ListExport(
    slug="casos-proteccion", title=_("Casos de protección"), model="protection.ProtectionCase", rows=case_rows,
    extra_check=require_protection_officer,  # "not found" for everyone else (refusals are logged)
    columns=[Column(_("N.º"), "pk"), Column(_("Reporte"), "reported_on"), Column(_("Registro de la niña o niño"),
             "child.pk"), Column(_("Niña o niño"), lambda c: f"{c.child.surnames}, {c.child.given_names}"),
             Column(_("Centro"), "center.name"), Column(_("Departamento"), "department.name"),
             Column(_("Sospecha"), "get_suspicion_display"), Column(_("Estado"), "get_status_display"),
             Column(_("Fecha de cierre"), "closed_on")],
))
