"""Exports of the stock pages: stock by office (one column per product), the stock card and
the movements of one office."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, read_value, register

from . import selectors
from .views import card_for, office_movement_rows


def _table_columns(request):
    products = selectors.stock_table(user=request.user)["products"]
    return [Column(_("Sede"), "office.name"), Column(_("Departamento"), "office.department.name"),
            *[Column(p.name, lambda row, i=i: row["quantities"][i]) for i, p in enumerate(products)]]


register(ListExport(
    slug="existencias", title=_("Existencias por sede"), model="stock.StockLevel", personal=False,
    rows=lambda request: selectors.stock_table(user=request.user)["rows"], columns=_table_columns,
))


def _card_rows(request, pk, code) -> list[dict]:
    """The opening balance first, then each movement with the balance after it, as on the page.
    Built before the response starts, so an office out of scope answers 404, not half a file."""
    card = card_for(request, pk, code)
    opening = {"movement": None, "label": _("Saldo inicial"), "in": None, "out": None, "balance": card["opening"]}
    return [opening, *({**row, "label": row["movement"].get_kind_display()} for row in card["rows"])]


def _movement(attribute):
    return lambda row: read_value(row["movement"], attribute) if row["movement"] else None


register(ListExport(
    slug="tarjeta-existencias", title=_("Tarjeta de existencias"), model="stock.Movement", personal=False,
    rows=_card_rows,
    columns=[Column(_("Fecha"), _movement("date")), Column(_("Movimiento"), "label"),
             Column(_("Origen"), _movement("get_origin_display")),
             Column(_("Otra sede"), _movement("other_office.name")),
             Column(_("Documento"), _movement("reference")),
             Column(_("Entrada"), lambda row: row["in"] or None), Column(_("Salida"), lambda row: row["out"] or None),
             Column(_("Saldo"), "balance")],
))


def _movement_kind(movement) -> str:
    label = movement.get_kind_display()
    if movement.origin:
        label += f" ({movement.get_origin_display().lower()})"
    return label


register(ListExport(
    slug="movimientos-sede", title=_("Movimientos de existencias"), model="stock.Movement", personal=False,
    rows=office_movement_rows,
    columns=[Column(_("Fecha"), "date"), Column(_("Sede"), "office.name"), Column(_("Producto"), "product.name"),
             Column(_("Movimiento"), _movement_kind), Column(_("Otra sede"), "other_office.name"),
             Column(_("Cantidad"), "delta"), Column(_("Documento"), "reference"),
             Column(_("Registró"), lambda m: m.created_by.get_full_name() or m.created_by.username
                    if m.created_by_id else "")],
))
