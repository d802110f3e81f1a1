"""Shelters that need attention in the user's scope: each one over capacity (danger), and
how many are open (warning), for the role home pages."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .selectors import shelters_in_scope, with_occupancy


def alerts(user) -> list[dict]:
    today = timezone.localdate()
    open_shelters = list(with_occupancy(shelters_in_scope(user).filter(closed_on__isnull=True,
                                                                       opened_on__lte=today), today)
                         .order_by("-present", "name"))
    if not open_shelters:
        return []
    found = [{"level": "danger",
              "text": _("%(name)s supera su capacidad: %(n)s personas para %(cap)s.")
              % {"name": s.name, "n": s.present, "cap": s.capacity},
              "url": reverse("shelters_detail", args=[s.pk]), "count": s.present}
             for s in open_shelters if s.present > s.capacity]
    people = sum(s.present for s in open_shelters)
    found.append({"level": "warning",
                  "text": _("%(n)s albergues abiertos con %(p)s personas albergadas hoy.")
                  % {"n": len(open_shelters), "p": people} if len(open_shelters) != 1
                  else _("1 albergue abierto con %(p)s personas albergadas hoy.") % {"p": people},
                  "url": reverse("shelters_home") + "?estado=abierto", "count": len(open_shelters)})
    return found
