"""Discover every page and API operation and fill their parameters with real records, so the
role x scope matrix covers new pages without anyone remembering to add them."""

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from tejido.common.exports import all_exports

from . import urlmap

ADMIN_PREFIX = "configuracion/"
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Target:
    kind: str  # "web" or "api"
    name: str  # URL name or API operation id
    method: str
    path: str  # concrete path
    models: tuple  # model labels used to fill the path (empty: no record in it)


def url_patterns(resolver=None, prefix=""):
    """(route, name) of every URL pattern, walking included resolvers."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


def web_routes():
    """Project pages (the Django admin and the API are walked separately)."""
    for route, name in url_patterns():
        if route.startswith("api/") or "^" in route or "(" in route:
            continue
        if route.startswith(ADMIN_PREFIX):
            if "<" not in route:
                yield route, name
            continue
        yield route, name


def unmapped_web_routes() -> list[str]:
    return [name for route, name in web_routes() if "<" in route and name not in urlmap.WEB]


def in_department(qs, path: str, department_id: int):
    """department_id > 0: that department; < 0: any department but -department_id."""
    if department_id > 0:
        return qs.filter(**{path: department_id})
    return qs.exclude(**{path: -department_id}).exclude(**{path: None})


def record_in(label: str, department_id: int, *, not_owned_by=None, skip: int = 0):
    """The skip-th record of `label` in the department (or not owned by the user), or None."""
    model = apps.get_model(label)
    manager = getattr(model, "all_objects", model.objects)
    qs = manager.order_by("pk")
    if label in urlmap.OWNED_BY:
        field = urlmap.OWNED_BY[label]
        return (qs.exclude(**{f"{field}": not_owned_by}) if not_owned_by else qs)[skip:skip + 1].first()
    if label in urlmap.UNSCOPED or label == "territory.Department":
        return in_department(qs, "pk", department_id).first() if label == "territory.Department" else qs.first()
    for path in urlmap.DEPARTMENT_PATHS:
        try:
            return in_department(qs, path, department_id)[skip:skip + 1].first()
        except Exception:  # noqa: BLE001 - this model has no such path; try the next
            continue
    raise LookupError(f"No department path for {label}")


def _value(spec: str, department_id: int, user, skip: int = 0):
    """Concrete value for one URL parameter, and the model it came from ('' for fixed values)."""
    if spec == "year":
        return str(dt.date.today().year), ""
    if spec == "product":
        from tejido.stock.models import Product

        return Product.objects.order_by("pk").values_list("code", flat=True).first() or "X", ""
    if not re.fullmatch(r"\w+\.[A-Z]\w+", spec):
        return spec, ""
    obj = record_in(spec, department_id, not_owned_by=user, skip=skip)
    return (str(obj.pk) if obj else None), spec


def fill(route: str, specs: dict, department_id: int, user, skip: int = 0):
    """The route with parameters replaced (the first record parameter takes the skip-th record);
    None when a record is missing."""
    used = []
    path = route
    for match in _PARAM.finditer(route):
        name = match.group("name")
        spec = specs.get(name)
        if spec is None:
            return None, ()
        value, label = _value(spec, department_id, user, skip if not used else 0)
        if value is None:
            return None, ()
        if label:
            used.append(label)
        path = path.replace(match.group(0), value, 1)
    return "/" + path, tuple(used)


def export_targets(department_id, user):
    """One URL per registered export list (CSV), filled like the pages."""
    item_specs = {"inscripciones-childcare": CENTER_PK, "inscripciones-elderly": CENTER_PK,
                  "inscripciones-women": CENTER_PK, "madres-cuidadoras": CENTER_PK,
                  "familias-albergadas": {"pk": "shelters.Shelter"}, "plan": {"pk": "year"},
                  "presupuesto": {"pk": "year"}, "tarjeta-existencias": {"pk": "territory.Office", "code": "product"},
                  "asistentes-jornada": {"pk": "socialservice.OutreachDay"},
                  "entregas-jornada": {"pk": "socialservice.OutreachDay"},
                  "bienes-donacion": {"pk": "donations.Donation"},
                  "distribuciones-donacion": {"pk": "donations.Donation"},
                  "puestos-docentes": CENTER_PK, "documentos-centro": CENTER_PK, "ventas-feria": {"pk": "women.Fair"},
                  "movimientos-sede": {"pk": "territory.Office"}}
    for slug in sorted(all_exports()):
        specs = item_specs.get(slug, {})
        route = f"exportar/{slug}" + ("/<pk>" if "pk" in specs else "") + ("/<code>" if "code" in specs else "")
        path, used = fill(route + ".csv", specs, department_id, user)
        if path:
            yield Target("web", f"export:{slug}", "GET", path, used)


CENTER_PK = {"pk": "centers.Center"}
CANDIDATES = 25
# Set by the test: a national reader's GET (admin), used to pick a record of the right kind.
national_get = None
_chosen: dict = {}


def _first_openable(kind, name, method, route, specs, department_id, user):
    """A page such as /adulto-mayor/centros/<pk>/ needs an elderly center, not any center: take
    the first candidate a national administrator can open, so the refusal of the departmental
    officer means scope and not "wrong kind of record"."""
    key = (route, department_id, getattr(user, "pk", None))
    if key not in _chosen:
        chosen = None
        for skip in range(CANDIDATES if national_get and method == "GET" else 1):
            path, used = fill(route, specs, department_id, user, skip)
            if path is None:
                break
            chosen = chosen or (path, used)
            if national_get is None or method != "GET" or not used or national_get(kind, path) != 404:
                chosen = (path, used)
                break
        _chosen[key] = chosen
    if _chosen[key] is None:
        return Target(kind, name, method, f"(sin registro) /{route}", ())
    path, used = _chosen[key]
    return Target(kind, name, method, path, used)


def web_targets(department_id: int, user):
    for route, name in web_routes():
        if name in {"export", "export_item", "export_item_code"}:
            continue
        if "<" not in route:
            yield Target("web", name or route, "GET", "/" + route, ())
            continue
        yield _first_openable("web", name, "GET", route, urlmap.WEB[name], department_id, user)
    yield from export_targets(department_id, user)


def api_operations(schema: dict):
    """(method, path template, operation id, parameters) from the OpenAPI schema."""
    for template, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method.upper(), template, operation.get("operationId", template)


def api_targets(schema: dict, department_id: int, user):
    for method, template, operation_id in api_operations(schema):
        route = re.sub(r"\{(\w+)\}", r"<\1>", template).lstrip("/")
        yield _first_openable("api", operation_id, method, route, urlmap.API, department_id, user)


def unmapped_api_parameters(schema: dict) -> set[str]:
    return {name for _m, template, _o in api_operations(schema) for name in re.findall(r"\{(\w+)\}", template)
            if name not in urlmap.API}


def load_schema(client) -> dict:
    return json.loads(client.get("/api/v1/openapi.json").content)
