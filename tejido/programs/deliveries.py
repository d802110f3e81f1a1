"""Deliveries every program records (kits, orthopedic products, services): the one writer and
the scoped reader. A delivery from an office's stock is made by tejido.stock, which calls this
inside its own transaction."""

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.common.query import filter_given
from tejido.territory.scope import require_write, restrict

from .models import Delivery
from .services import _check_date, check_center_in_scope

DELIVERY_SCOPE = {"department": "department_id", "center": "center_id"}


@transaction.atomic
def delivery_create(*, program: str, item: str, quantity: int, date: dt.date, municipality, acting_user,
                    person=None, center=None, event=None, receipt: str = "", note: str = "") -> Delivery:
    if center is not None:
        check_center_in_scope(acting_user, center)
        municipality = center.municipality
    else:
        scope = require_write(acting_user)
        if not scope.national and municipality.department_id not in scope.department_ids:
            raise ApplicationError(_("Ese municipio está fuera de los departamentos que usted atiende."),
                                   field="municipality")
    if not item:
        raise ApplicationError(_("Elija qué se entregó."), field="item")
    if quantity is None or quantity < 1 or quantity > 100_000:
        raise ApplicationError(_("La cantidad debe ser un número entero entre 1 y 100,000."), field="quantity")
    _check_date(date, "date", person)
    delivery = Delivery(program=program, item=item[:40], quantity=quantity, date=date, person=person, center=center,
                        event=event, municipality=municipality, department_id=municipality.department_id,
                        receipt=(receipt or "").strip()[:40], note=" ".join((note or "").split())[:250],
                        created_by=acting_user)
    save_with_history(delivery, acting_user=acting_user)
    return delivery


def delivery_list(*, user, program: str = "", item: str = "", start=None, end=None) -> QuerySet:
    """Deliveries are counted by anyone in scope; the person's name is read through the
    person's own scope (templates show it only to roles that see personal data)."""
    qs = restrict(Delivery.objects.select_related("person", "center", "municipality", "department"), user,
                  **DELIVERY_SCOPE)
    return filter_given(qs, program=program, item=item, date__gte=start, date__lte=end)


def delivered_by_item(*, user, program: str, start, end) -> dict[str, int]:
    """Quantity delivered per item code in the period and scope."""
    rows = (delivery_list(user=user, program=program, start=start, end=end)
            .values("item").annotate(n=Sum("quantity")).order_by("item"))
    return {r["item"]: r["n"] for r in rows}
