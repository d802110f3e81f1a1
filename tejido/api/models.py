from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """A create request sent with an `Idempotency-Key` header (tejido.api.idempotency): the
    first one creates the record, a repeat of the same key by the same user gets that record back.
    Offline capture (docs/offline.md) sends every queued record with one, so a record sent twice
    (the answer was lost on a bad link, two tabs synchronised at once) is created once.

    Holds no personal data: who, which operation, a hash of what was sent and the record made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    operation = models.CharField(max_length=40)
    fingerprint = models.CharField(max_length=64)  # SHA-256 of the operation and the request body
    object_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_request_per_idempotency_key")]
        verbose_name = "clave de idempotencia"
        verbose_name_plural = "claves de idempotencia"
