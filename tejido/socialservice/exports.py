"""Exports of the social service lists: support requests, outreach days, the people who
attended one outreach day and the products handed out at it."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.programs.exports import event_columns
from tejido.programs.views import period_from_request

from . import selectors
from .views import outreach_attendee_rows, outreach_delivery_rows, request_rows

register(ListExport(
    slug="solicitudes-apoyo", title=_("Solicitudes de apoyo"), model="socialservice.SupportRequest",
    rows=request_rows,
    columns=[Column(_("N.º"), "pk"), Column(_("Fecha"), "date"), Column(_("Registro de la persona"), "person.pk"),
             Column(_("Nombres"), "person.given_names"), Column(_("Apellidos"), "person.surnames"),
             Column(_("CUI"), "person.cui"), Column(_("Solicita"), "what"), Column(_("Cantidad"), "quantity"),
             Column(_("Descripción"), "description"), Column(_("Sede"), "office.name"),
             Column(_("Estado"), "get_status_display"), Column(_("Fecha de resolución"), "decided_on")],
))

def outreach_rows(request):
    """Outreach days for ?desde=&hasta=, as the outreach page lists them."""
    start, end = period_from_request(request)
    return selectors.outreach_list(user=request.user, start=start, end=end)


def _category(event) -> str:
    return _("Jornada médica") if event.category == "jornada_medica" else _("Jornada de servicios integrados")


register(ListExport(
    slug="jornadas", title=_("Jornadas"), model="programs.Event", personal=False, rows=outreach_rows,
    columns=event_columns(Column(_("Categoría"), _category), Column(_("Sede"), "outreach.office.name")),
))


register(ListExport(
    slug="asistentes-jornada", title=_("Personas atendidas en la jornada"), model="socialservice.OutreachDay",
    rows=outreach_attendee_rows,
    columns=[Column(_("Registro de la persona"), "pk"), Column(_("Nombres"), "given_names"),
             Column(_("Apellidos"), "surnames"), Column(_("CUI"), "cui"), Column(_("Sexo"), "get_sex_display"),
             Column(_("Fecha de nacimiento"), "birth_date"), Column(_("Municipio"), "municipality.name"),
             Column(_("Departamento"), "municipality.department.name")],
))



def _delivery_columns(request, pk) -> list[Column]:
    """Product names as on the page (the delivery keeps the product's code), read once per export."""
    from tejido.stock.models import Product

    names = dict(Product.objects.values_list("code", "name"))
    return [Column(_("Fecha"), "date"), Column(_("Constancia"), "receipt"),
            Column(_("Producto"), lambda d: names.get(d.item, d.item)), Column(_("Cantidad"), "quantity"),
            Column(_("Observación"), "note")]


register(ListExport(
    slug="entregas-jornada", title=_("Productos entregados en la jornada"), model="socialservice.OutreachDay",
    personal=False, rows=outreach_delivery_rows, columns=_delivery_columns,
))
