"""Referrals waiting for an answer in the user's territory (home page to-do list)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tejido.territory.scope import restrict, scope_of

from .models import Referral

OVERDUE_DAYS = 15


def alerts(user) -> list[dict]:
    if not scope_of(user).sees_personal_data:
        return []
    pending = restrict(Referral.objects.filter(status=Referral.Status.PENDING), user, department="department_id")
    total = pending.count()
    if not total:
        return []
    overdue = pending.filter(date__lt=timezone.localdate() - dt.timedelta(days=OVERDUE_DAYS)).count()
    text = ngettext("%(n)s derivación espera respuesta", "%(n)s derivaciones esperan respuesta", total) % {"n": total}
    if overdue:
        text += _(" (%(n)s con más de %(d)s días)") % {"n": overdue, "d": OVERDUE_DAYS}
    return [{"level": "danger" if overdue else "warning", "text": text, "url": reverse("referral_inbox"),
             "count": total}]
