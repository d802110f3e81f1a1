"""Exports of the donations list (the donations home page) and of one donation's goods and
distributions (its detail page)."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.territory.scope import scope_of

from .views import distribution_rows, donation_rows, item_rows

register(ListExport(
    slug="donaciones", title=_("Donaciones"), model="donations.Donation", personal=False, rows=donation_rows,
    columns=[Column(_("Código"), "code"), Column(_("Entidad donante"), "donor.name"),
             Column(_("Tipo"), "donor.get_kind_display"), Column(_("Fecha de recepción"), "received_on"),
             Column(_("Sede"), "office.name"), Column(_("Departamento"), "department.name"),
             Column(_("Valor en quetzales"), "value")],
))

register(ListExport(
    slug="bienes-donacion", title=_("Bienes de la donación"), model="donations.Donation", personal=False,
    rows=item_rows,
    columns=[Column(_("Donación"), "donation.code"), Column(_("Descripción"), "description"),
             Column(_("Categoría"), "get_category_display"), Column(_("Unidad"), "unit"),
             Column(_("Cantidad"), "quantity"), Column(_("Distribuido"), "distributed"), Column(_("Saldo"), "balance"),
             Column(_("Valor en quetzales"), "value"), Column(_("Valor del saldo"), "balance_value"),
             Column(_("Producto de inventario"), "product.name")],
))


def _distribution_columns(request, pk) -> list[Column]:
    """As on the page: the beneficiary's number and name only for roles that see personal data;
    a planner gets "(persona registrada)", as the page shows."""
    columns = [Column(_("Fecha"), "date"), Column(_("Bien"), "item.description"), Column(_("Cantidad"), "quantity"),
               Column(_("Destino"), "get_kind_display"), Column(_("Detalle del destino"), "destination")]
    if scope_of(request.user).sees_personal_data:
        columns += [Column(_("Registro del beneficiario"), "person_id"), Column(_("Beneficiario"), "person.full_name")]
    else:
        registered = _("(persona registrada)")
        columns.append(Column(_("Beneficiario"), lambda d: registered if d.person_id else ""))
    return [*columns, Column(_("Constancia"), "receipt"), Column(_("Observación"), "note")]


register(ListExport(
    slug="distribuciones-donacion", title=_("Distribuciones de la donación"), model="donations.Distribution",
    personal=False, rows=distribution_rows, columns=_distribution_columns,
))
