"""API fuzzing: schemathesis generates requests from the project's own OpenAPI schema and sends
them through the WSGI app as a national officer with a token. No 5xx, and responses match the
schema where it declares them (undeclared statuses such as 404/422 are not judged here).

Two tests walk every operation themselves (schemathesis' pytest plugin does not run under pytest 9):
random valid requests (12 per operation, derandomized), and integers at their extremes: every
number at its declared minimum and maximum and just outside them (schemathesis' coverage phase),
and every integer parameter and body field at 2**64, 10**30 and -2**64 whatever the schema
declares, the rest of the request valid (the class of 500 an outside test found: ids SQLite cannot
bind). Both are bounded in time (about a minute each on SQLite)."""

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import GenerationConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.generation.meta import CoverageScenario
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tejido.accounts.models import ApiToken, Role
from tejido.common.testing import ZACAPA_TOWN, make_center, make_person, make_user
from tejido.security.openapi import input_integers, minimal, set_at

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


def _schema_and_headers():
    from config.wsgi import application

    user = make_user("fuzz.central", Role.PROGRAM_STAFF, program="childcare")
    make_person(ZACAPA_TOWN)
    make_center()
    _token, key = ApiToken.issue(user, "fuzz")
    # identity: the answers are judged as JSON, not as the gzip a browser would get
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application), {
        "Authorization": f"Bearer {key}", "Accept-Encoding": "identity"}


def test_api_operations_have_no_server_errors(territory, keep_test_connection):
    schema, headers = _schema_and_headers()
    counter = {"operations": 0, "examples": 0}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        counter["operations"] += 1
        try:
            _fuzz(operation, headers, counter)
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:400]}")
    print(f"fuzz: {counter['operations']} operaciones, {counter['examples']} ejemplos")
    assert counter["operations"] > 100
    assert failures == [], "\n\n".join(failures)


# Coverage-phase scenarios about numbers: at the declared bounds, next to them, and just outside.
BOUNDARIES = {CoverageScenario.MINIMUM_VALUE, CoverageScenario.MAXIMUM_VALUE, CoverageScenario.NEAR_BOUNDARY_NUMBER,
              CoverageScenario.VALUE_ABOVE_MAXIMUM, CoverageScenario.VALUE_BELOW_MINIMUM}
EXTREMES = (2**64, 10**30, -(2**64))
TIME_LIMIT_S = 180


def _extreme_cases(operation, document, base):
    """Explicit examples: each integer of the operation (path, query, JSON body; bounded or not) at
    each of EXTREMES, in the default valid request (schemathesis' positive case; a small valid body)."""
    components = document.get("components", {}).get("schemas", {})
    content = (document["paths"][operation.path][operation.method.lower()].get("requestBody", {})
               .get("content", {}).get("application/json"))
    for method, template, where, path, _leaf in input_integers(document):
        if (method, template) != (operation.method.upper(), operation.path):
            continue
        for value in EXTREMES:
            path_parameters = dict(base.path_parameters or {})
            query = dict(base.query or {})
            body = minimal(content["schema"], components, path if where == "body" else ()) if content else None
            if where == "path":
                path_parameters[path[0]] = value
            elif where == "query":
                query[path[0]] = [value] if len(path) > 1 else value
            elif where == "body":
                body = set_at(body, path, value)
            else:
                continue  # headers, cookies: no integer today
            kwargs = {"body": body, "media_type": "application/json"} if body is not None else {}
            yield operation.Case(path_parameters=path_parameters, query=query, **kwargs)


def test_api_integer_extremes_have_no_server_errors(territory, keep_test_connection):
    """A new endpoint whose integer reaches the database unchecked answers 5xx here and fails CI
    (and test_huge_integers.py fails it for a bare `int` in the schema)."""
    schema, headers = _schema_and_headers()
    document = schema.raw_schema
    config = GenerationConfig(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], deterministic=True)
    started = time.monotonic()
    counter = {"boundaries": 0, "extremes": 0}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        base = None
        cases = []
        for case in schema.iter_coverage_cases(operation, generation_modes=config.modes, generation_config=config):
            scenario = case._meta.phase.data.scenario  # which coverage scenario produced the case
            if scenario in BOUNDARIES:
                cases.append(("boundaries", case))
            elif case._meta.generation.mode == GenerationMode.POSITIVE and (
                    base is None or scenario == CoverageScenario.DEFAULT_POSITIVE_TEST):
                base = case  # a valid request to put the extremes in (the default one if there is one)
        if base is not None:
            cases += [("extremes", case) for case in _extreme_cases(operation, document, base)]
        for kind, case in cases:
            counter[kind] += 1
            try:
                case.call_and_validate(headers=headers, checks=[not_a_server_error])
            except (Exception, FailureGroup) as error:  # noqa: BLE001 - collect every failure, then report
                failures.append(f"{operation.method.upper()} {operation.path} {case.path_parameters} {case.query} "
                                f"{str(case.body)[:120]}: {str(error)[:300]}")
    elapsed = time.monotonic() - started
    print(f"extremos: {counter['boundaries']} casos de límites, {counter['extremes']} de extremos, {elapsed:.0f} s")
    assert counter["extremes"] > 300 and counter["boundaries"] > 300
    assert failures == [], "\n\n".join(failures[:40]) + f"\n({len(failures)} fallos)"
    assert elapsed < TIME_LIMIT_S, f"the extremes took {elapsed:.0f} s (limit {TIME_LIMIT_S} s)"
