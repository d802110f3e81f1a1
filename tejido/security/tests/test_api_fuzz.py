"""API fuzzing: schemathesis generates requests from the project's own OpenAPI schema and sends
them through the WSGI app as a national officer with a token. No 5xx, and responses match the
schema where it declares them (undeclared statuses such as 404/422 are not judged here).

One test walks every operation itself (schemathesis' pytest plugin does not run under pytest 9)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tejido.accounts.models import ApiToken, Role
from tejido.common.testing import ZACAPA_TOWN, make_center, make_person, make_user

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _fuzz(operation, headers, counter) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case):
        counter["examples"] += 1
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.fixture
def keep_test_connection():
    """The real WSGI handler closes "old" connections at each request's start and end; inside the
    test's transaction that would close it (on PostgreSQL; SQLite's in-memory one ignores it).
    Django's own test client disconnects the same handler."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_api_operations_have_no_server_errors(territory, keep_test_connection):
    from config.wsgi import application

    user = make_user("fuzz.central", Role.PROGRAM_STAFF, program="childcare")
    make_person(ZACAPA_TOWN)
    make_center()
    _token, key = ApiToken.issue(user, "fuzz")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    counter = {"operations": 0, "examples": 0}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        counter["operations"] += 1
        try:
            # identity: the answers are judged as JSON, not as the gzip a browser would get
            _fuzz(operation, {"Authorization": f"Bearer {key}", "Accept-Encoding": "identity"}, counter)
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:400]}")
    print(f"fuzz: {counter['operations']} operaciones, {counter['examples']} ejemplos")
    assert counter["operations"] > 100
    assert failures == [], "\n\n".join(failures)
