"""Integers beyond 64 bits in every page and API parameter: a clean 4xx, never a 500.

An outside test found 500s for ids like 2**64 in query filters (`?municipality=`, `?departamento=`,
`?persona=`, `?sede=`) and in a JSON body (`stay_ids`): SQLite cannot bind them and PostgreSQL's
bigint columns cannot hold them. The walk covers what exists today and what is added later:

- API: every integer in the OpenAPI document (path and query parameters, request bodies) declares
  a minimum and a maximum that fit a signed 64-bit column, and sending 2**64 or 10**30 in each one
  (the rest of the request valid, path records real) answers 4xx.
- Pages: every `<int:…>` of every URL (the resolver), and every query-string key a page reads
  (found by recording which keys each page asks its `request.GET` for), with the same values:
  path parameters answer 4xx, query strings never 5xx.

One test per side; the demo data (~40 s) gives every path a real record."""

import json
import re
from urllib.parse import parse_qsl, urlencode

import pytest
from django.test import Client

from tejido.accounts.models import ApiToken, User
from tejido.common.query import MAX_ID
from tejido.common.testing import verify_second_factor
from tejido.security import matrix, urlmap
from tejido.security.openapi import input_integers, minimal, set_at

pytestmark = pytest.mark.django_db

HUGE = (2**64, 10**30)
ANYWHERE = -999  # matrix.record_in: any department (but a non-existent one)


def api_path(template: str, user, huge_name: str | None = None, huge=None) -> str | None:
    """The template with its path parameters filled with real records (or `huge` for one)."""
    path = template
    for name in re.findall(r"\{(\w+)\}", template):
        if name == huge_name:
            value = str(huge)
        else:
            value, _label = matrix._value(urlmap.API[name], ANYWHERE, user)
            if value is None:
                return None
        path = path.replace("{" + name + "}", value, 1)
    return path


def _admin_clients():
    from tejido.demo.loader import load_demo

    load_demo(families=20)
    admin = User.objects.get(username="admin")
    web = Client(raise_request_exception=False)
    verify_second_factor(web, admin)
    _token, key = ApiToken.issue(admin, "enteros")
    api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {key}")
    return admin, web, api


def test_every_api_integer_input_is_bounded_to_64_bits():
    """The schema says it, so clients and the fuzzer know the range (and a new endpoint with a bare
    `int` fails here)."""
    schema = matrix.load_schema(Client())
    unbounded = [f"{method} {template} {where} {'.'.join(str(s) for s in path)}"
                 for method, template, where, path, leaf in input_integers(schema)
                 if leaf.get("maximum") is None or leaf["maximum"] > MAX_ID
                 or leaf.get("minimum") is None or leaf["minimum"] < -MAX_ID - 1]
    assert unbounded == []


def test_api_integer_parameters_and_body_fields_answer_4xx_to_huge_values(territory):
    admin, web, api = _admin_clients()
    schema = matrix.load_schema(web)
    components = schema.get("components", {}).get("schemas", {})
    problems, sent = [], 0
    for method, template, where, path, _leaf in input_integers(schema):
        operation = schema["paths"][template][method.lower()]
        content = operation.get("requestBody", {}).get("content", {}).get("application/json")
        for huge in HUGE:
            url = api_path(template, admin, path[0] if where == "path" else None, huge)
            if url is None:
                continue  # no record of that kind in the demo
            body = minimal(content["schema"], components, path if where == "body" else ()) if content else None
            if where == "body":
                body = set_at(body, path, huge)
            if where == "query":
                url += "?" + urlencode({path[0]: huge})
            if operation.get("requestBody") and not content:
                response = getattr(api, method.lower())(url)  # multipart (uploads): no body at all
            elif body is not None:
                response = getattr(api, method.lower())(url, json.dumps(body), content_type="application/json")
            else:
                response = getattr(api, method.lower())(url)
            sent += 1
            if not 400 <= response.status_code < 500:
                problems.append(f"{method} {url} {where} {'.'.join(str(s) for s in path)}={huge}: "
                                f"{response.status_code} {response.content[:150]!r}")
    assert sent > 300
    assert problems == [], "\n".join(problems)


# --- pages -------------------------------------------------------------------------------------

class _Reads:
    keys: set = set()


def _recording_query_dict():
    from django.http import QueryDict

    class RecordingQueryDict(QueryDict):
        """request.GET that notes every key a view asks for."""

        def __getitem__(self, key):
            _Reads.keys.add(key)
            return super().__getitem__(key)

        def get(self, key, default=None):
            _Reads.keys.add(key)
            return super().get(key, default)

        def getlist(self, key, default=None):
            _Reads.keys.add(key)
            return super().getlist(key, default)

        def __contains__(self, key):
            _Reads.keys.add(key)
            return super().__contains__(key)

    return RecordingQueryDict


_INT_PARAM = re.compile(r"<int:(\w+)>")


def query_bases() -> dict[str, list[str]]:
    """Pages that answer 404 until a key says what to show (a report's drill-down needs its program or
    source): the walk starts from each of these query strings, then adds each key the page reads."""
    from tejido.reports.drill_sources import SOURCES

    return {"report_people": ["programa=childcare"],
            "report_records": [f"fuente={source}&programa=childcare" for source in SOURCES]}


def page_paths(user):
    """(route, URL name, path with real records or None) for every page (exports once per list)."""
    for route, name in matrix.web_routes():
        if route.startswith(matrix.ADMIN_PREFIX) or "salir" in route:
            continue
        if "<" not in route:
            yield route, name, "/" + route
            continue
        if name in {"export", "export_item", "export_item_code"}:
            continue
        path, _used = matrix.fill(route, urlmap.WEB[name], ANYWHERE, user)
        yield route, name, path
    for target in matrix.export_targets(ANYWHERE, user):
        yield target.path.lstrip("/"), target.name, target.path


def _fill_with(route: str, name: str, huge_name: str, huge: int, user) -> str | None:
    """The route with `huge` in one int parameter and real records in the others."""
    path, _used = matrix.fill(route, {**urlmap.WEB.get(name, {}), huge_name: str(huge)}, ANYWHERE, user)
    return path


def test_pages_answer_huge_ids_in_path_and_query_string_without_500(territory, monkeypatch):
    import django.core.handlers.wsgi

    monkeypatch.setattr(django.core.handlers.wsgi, "QueryDict", _recording_query_dict())
    admin, web, _api = _admin_clients()
    bases = query_bases()
    problems, sent = [], 0

    def check(url, expect_4xx):
        nonlocal sent
        sent += 1
        status = web.get(url).status_code
        if status >= 500 or (expect_4xx and not 400 <= status < 500):
            problems.append(f"GET {url}: {status}")

    for route, name, path in page_paths(admin):
        # every <int:…> of the route, one at a time, the others real
        for parameter in _INT_PARAM.findall(route):
            for huge in HUGE:
                filled = _fill_with(route, name, parameter, huge, admin)
                if filled:
                    check(filled, expect_4xx=True)
        if path is None:
            continue  # no record in the demo for this page
        for base in bases.get(name, [""]):
            base_query = dict(parse_qsl(base))
            # the query-string keys the page reads, with only the base set, then with all of them set
            _Reads.keys = set()
            web.get(path + "?" + urlencode(base_query))
            keys = set(_Reads.keys)
            if keys:
                _Reads.keys = set()
                web.get(path + "?" + urlencode({**dict.fromkeys(keys, HUGE[0]), **base_query}))
                keys |= _Reads.keys
            for key in sorted(keys):
                for huge in HUGE:
                    check(path + "?" + urlencode({**base_query, key: huge}), expect_4xx=False)
    assert sent > 300
    assert problems == [], "\n".join(problems)

