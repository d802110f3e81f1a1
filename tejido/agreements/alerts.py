"""What needs action in the user's scope: agreements about to end or ended while their centers
still operate, licences about to expire and centers operating without one."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from .selectors import (
    agreements_for,
    centers_licence_expiring,
    centers_without_licence,
    expired_with_active_centers,
    expiring,
)

DEFAULT_DAYS = 60


def alert_days() -> int:
    return int(getattr(settings, "TEJIDO_AGREEMENT_ALERT_DAYS", DEFAULT_DAYS))


def alerts(user, *, today=None, days: int | None = None) -> list[dict]:
    today = today or timezone.localdate()
    days = alert_days() if days is None else days
    agreements = agreements_for(user)
    found = []

    def add(level, count, text, url):
        if count:
            found.append({"level": level, "text": text, "url": url, "count": count})

    n = expired_with_active_centers(agreements, today).count()
    add("danger", n, ngettext("%(n)d convenio vencido con centros que siguen funcionando",
                              "%(n)d convenios vencidos con centros que siguen funcionando", n) % {"n": n},
        reverse("agreements_home") + "?alerta=vencidos")
    n = expiring(agreements, today, days).count()
    add("warning", n, ngettext("%(n)d convenio vence en los próximos %(d)d días",
                               "%(n)d convenios vencen en los próximos %(d)d días", n) % {"n": n, "d": days},
        reverse("agreements_home") + "?alerta=por_vencer")
    n = centers_without_licence(user=user, day=today).count()
    add("danger", n, ngettext("%(n)d centro funciona sin licencia sanitaria vigente",
                              "%(n)d centros funcionan sin licencia sanitaria vigente", n) % {"n": n},
        reverse("agreements_compliance"))
    n = centers_licence_expiring(user=user, today=today, days=days).count()
    add("warning", n, ngettext("%(n)d licencia sanitaria vence en los próximos %(d)d días",
                               "%(n)d licencias sanitarias vencen en los próximos %(d)d días", n)
        % {"n": n, "d": days}, reverse("agreements_compliance") + "?estado=por_vencer")
    return found

