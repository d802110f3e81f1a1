"""Stock that needs action: products at or below their reorder level in the user's offices."""

from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from tejido.territory.scope import restrict

from .models import StockLevel


def alerts(user) -> list[dict]:
    low = restrict(StockLevel.objects.filter(product__reorder_level__gt=0, quantity__lte=F("product__reorder_level"))
                   .select_related("office", "product"), user, department="office__department_id")
    return [{"level": "danger" if level.quantity == 0 else "warning",
             "text": _("%(office)s: %(product)s con %(n)s en existencia (nivel de reposición %(r)s).")
             % {"office": level.office, "product": level.product.name, "n": level.quantity,
                "r": level.product.reorder_level},
             "url": reverse("stock_office", args=[level.office_id]), "count": 1}
            for level in low.order_by("quantity")[:20]]
