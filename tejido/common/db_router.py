"""Reads of report builds and dashboards from a PostgreSQL read replica, when there is one.

Set DATABASE_REPLICA_URL (docs/deploy.md) and the work wrapped in `reading_from_replica()` (report
builds, dashboards, the public figures) reads from the "replica" alias; everything else, and
every write, stays on "default". A replica lags the primary by a moment, which a report of closed
periods does not notice. Without a replica the context does nothing."""

import contextlib
import contextvars

from django.db import connections

REPLICA = "replica"
_reading = contextvars.ContextVar("tejido_reading_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextlib.contextmanager
def reading_from_replica():
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary's schema by streaming
