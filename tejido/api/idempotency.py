"""Idempotent creates for the API: `Idempotency-Key: <client key>` (docs/offline.md).

A client that may send the same record twice (offline capture retries after a lost answer, two
tabs synchronise the same queue) sends a key of its own with each create. The first request with a
key inserts a row (user, key) in the same transaction that creates the record and stores the
record's id in it; a request with a key the same user already used gets that record back (same
status, `Idempotent-Replayed: true`), never a second one. Two requests with the same key at once:
PostgreSQL makes the second INSERT wait on the unique index until the first commits, then it fails
and the second answers with the first's record; SQLite runs the two transactions one after the
other (`BEGIN IMMEDIATE`). A request that fails (a rule broken, a 409) rolls its row back, so the
corrected request may use the same key. The same key with a different body is refused (422).

    @router.post("/x", response={201: XOut, 422: ...})
    def create(request, payload: XIn, response: HttpResponse, idempotency_key: IdempotencyKeyHeader = None):
        record = once(request, response, key=idempotency_key, operation="app.x", payload=payload,
                      create=lambda: services.x_create(...), load=lambda pk: X.objects.get(pk=pk))
"""

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from typing import Annotated, TypeVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from ninja import Header

from tejido.common.errors import ApplicationError

from .models import IdempotencyKey

KEY_HELP = ("Clave única del cliente para este registro (8 a 64 letras, números, «-» o «_», p. ej. un UUID). "
            "Si la misma persona la envía otra vez, responde con el registro ya creado y no crea otro.")
IdempotencyKeyHeader = Annotated[str | None, Header(alias="Idempotency-Key", description=KEY_HELP, max_length=64)]
KEY_FORMAT = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
KEEP = dt.timedelta(days=90)  # older keys are forgotten (captured_at older than 30 days is refused)
REPLAYED = "Idempotent-Replayed"

T = TypeVar("T")


class KeyReused(ApplicationError):
    """The key was already used for another request body (422)."""


def fingerprint(operation: str, payload) -> str:
    body = payload.model_dump_json() if hasattr(payload, "model_dump_json") else str(payload)
    return hashlib.sha256(f"{operation}\n{body}".encode()).hexdigest()


def once(request, response, *, key: str | None, operation: str, payload, create: Callable[[], T],
         load: Callable[[int], T]) -> T:
    """create() the record, or load() the one this user's earlier request with `key` created."""
    if key is None:
        return create()
    if not KEY_FORMAT.match(key):
        raise ApplicationError("Clave de idempotencia no válida: use de 8 a 64 letras, números, «-» o «_».",
                               field="Idempotency-Key")
    user = request.auth
    digest = fingerprint(operation, payload)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(user=user, key=key, operation=operation, fingerprint=digest)
        except IntegrityError:
            # Another request with this key committed first (on PostgreSQL this INSERT waited for it).
            row = IdempotencyKey.objects.get(user=user, key=key)
            if row.operation != operation or row.fingerprint != digest:
                raise KeyReused("Esta clave de idempotencia ya se usó con otros datos; use una clave nueva "
                                "para cada registro.", field="Idempotency-Key") from None
            response[REPLAYED] = "true"
            return load(row.object_id)
        record = create()
        row.object_id = record.pk
        row.save(update_fields=["object_id"])
    if row.pk % 100 == 0:  # now and then, forget keys nobody will repeat
        IdempotencyKey.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return record
