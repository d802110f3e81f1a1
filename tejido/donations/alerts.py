"""What needs action in donations for a user's scope, for the role home pages."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from .selectors import donation_list

STALE_DAYS = 90


def alerts(user) -> list[dict]:
    """Donations received more than 90 days ago with items not yet fully distributed."""
    cutoff = timezone.localdate() - dt.timedelta(days=STALE_DAYS)
    count = donation_list(user=user, end=cutoff, pending=True).count()
    if not count:
        return []
    return [{"level": "warning", "count": count, "url": f"{reverse('donations_home')}?pendientes=1&desde=2000-01-01",
             "text": ngettext("%(n)s donación con bienes sin distribuir después de %(d)s días.",
                              "%(n)s donaciones con bienes sin distribuir después de %(d)s días.", count)
             % {"n": count, "d": STALE_DAYS}}]
