"""Export of the support requests list (the social service home page)."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .views import request_rows

register(ListExport(
    slug="solicitudes-apoyo", title=_("Solicitudes de apoyo"), model="socialservice.SupportRequest",
    rows=request_rows,
    columns=[Column(_("N.º"), "pk"), Column(_("Fecha"), "date"), Column(_("Registro de la persona"), "person.pk"),
             Column(_("Nombres"), "person.given_names"), Column(_("Apellidos"), "person.surnames"),
             Column(_("CUI"), "person.cui"), Column(_("Solicita"), "what"), Column(_("Cantidad"), "quantity"),
             Column(_("Descripción"), "description"), Column(_("Sede"), "office.name"),
             Column(_("Estado"), "get_status_display"), Column(_("Fecha de resolución"), "decided_on")],
))
