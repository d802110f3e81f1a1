"""When a record was taken on the device (offline capture, docs/offline.md): `captured_at`.

The server still records who sent it (the request's user) and when it arrived (`created_at`,
`taken_at`); `captured_at` says when the officer took it, which can be hours or days earlier."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApplicationError

CLOCK_SKEW = dt.timedelta(minutes=10)  # a phone's clock a little ahead is not an error
OLDEST = dt.timedelta(days=30)  # keys of repeated requests are kept 90 days (tejido.api.idempotency)


def check_captured_at(value: dt.datetime | None, field: str = "captured_at") -> dt.datetime | None:
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    now = timezone.now()
    if value > now + CLOCK_SKEW:
        raise ApplicationError(_("La hora de captura está en el futuro: revise la fecha y hora del teléfono."),
                               field=field)
    if value < now - OLDEST:
        raise ApplicationError(_("Este registro se tomó hace más de 30 días y ya no se puede enviar: regístrelo "
                                 "de nuevo."), field=field)
    return value
