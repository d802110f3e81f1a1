"""Report builds and dashboards read from the replica when one is configured; writes and the rest
of the application never do."""

import pytest

from tejido.common import db_router
from tejido.common.db_router import ReplicaRouter, reading_from_replica
from tejido.registry.models import Person
from tejido.reports.builder import build_report
from tejido.reports.period import Period

pytestmark = pytest.mark.django_db


def test_router_sends_reads_in_context_to_the_replica_only_when_configured(monkeypatch):
    router = ReplicaRouter()
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    assert router.db_for_read(Person) is None
    with reading_from_replica():
        assert router.db_for_read(Person) == "replica"
        assert router.db_for_write(Person) == "default"
    assert router.db_for_read(Person) is None
    assert router.allow_migrate("replica", "registry") is False and router.allow_migrate("default", "registry")
    monkeypatch.setattr(db_router, "replica_configured", lambda: False)
    with reading_from_replica():
        assert router.db_for_read(Person) is None


def test_report_tables_are_built_reading_from_the_replica(people, monkeypatch):
    seen = []
    original = ReplicaRouter.db_for_read

    def spy(self, model, **hints):
        seen.append(db_router._reading.get())
        return original(self, model, **hints)

    monkeypatch.setattr(ReplicaRouter, "db_for_read", spy)
    build_report("monthly", user=people["central"], period=Period.month(2025, 5))
    assert seen and any(seen)
