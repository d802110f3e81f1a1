"""Export of the donations list (the donations home page)."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .views import donation_rows

register(ListExport(
    slug="donaciones", title=_("Donaciones"), model="donations.Donation", personal=False, rows=donation_rows,
    columns=[Column(_("Código"), "code"), Column(_("Entidad donante"), "donor.name"),
             Column(_("Tipo"), "donor.get_kind_display"), Column(_("Fecha de recepción"), "received_on"),
             Column(_("Sede"), "office.name"), Column(_("Departamento"), "department.name"),
             Column(_("Valor en quetzales"), "value")],
))
