"""The integers an OpenAPI document accepts, and small valid requests around one of them: shared by
the walk with huge integers (tests/test_huge_integers.py) and the fuzzer's extremes (tests/test_api_fuzz.py)."""

import datetime as dt


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return schema


def integer_leaves(schema: dict, components: dict, path=(), seen=()):
    """(path, schema) of every integer inside a JSON schema; a path step is a property name or []."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return
        yield from integer_leaves(components[name], components, path, (*seen, name))
        return
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            yield from integer_leaves(sub, components, path, seen)
    if schema.get("type") == "integer":
        yield path, schema
    if schema.get("type") == "array" and "items" in schema:
        yield from integer_leaves(schema["items"], components, (*path, []), seen)
    for name, sub in schema.get("properties", {}).items():
        yield from integer_leaves(sub, components, (*path, name), seen)


def input_integers(schema: dict):
    """(method, path template, where, parameter or body path, schema) for every integer input."""
    components = schema.get("components", {}).get("schemas", {})
    for template, item in schema["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                for path, leaf in integer_leaves(parameter.get("schema", {}), components):
                    yield method.upper(), template, parameter["in"], (parameter["name"], *path), leaf
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for path, leaf in integer_leaves(content["application/json"]["schema"], components):
                    yield method.upper(), template, "body", path, leaf


def minimal(schema: dict, components: dict, through=()):
    """A small valid value of a JSON schema: required properties only (and the one on `through`)."""
    schema = _resolve(schema, components)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if _resolve(s, components).get("type") != "null"]
            return minimal(options[0], components, through)
    if "allOf" in schema:
        return minimal(schema["allOf"][0], components, through)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if kind == "object":
        wanted = set(schema.get("required", []))
        if through and isinstance(through[0], str):
            wanted.add(through[0])
        return {name: minimal(sub, components, through[1:] if through and through[0] == name else ())
                for name, sub in schema.get("properties", {}).items() if name in wanted}
    if kind == "array":
        count = max(schema.get("minItems", 0), 1 if through else 0)
        return [minimal(schema.get("items", {}), components, through[1:]) for _i in range(count)]
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return dt.date.today().isoformat()
    if schema.get("format") == "date-time":
        return dt.datetime.now().isoformat()
    if schema.get("format") == "time":
        return "08:00:00"
    return "x" * max(schema.get("minLength", 1), 1)


def set_at(body, path, value):
    """Put `value` at `path` inside `body` (a list step sets the first item)."""
    target = body
    for step in path[:-1]:
        target = target[0] if step == [] else target[step]
    if path[-1] == []:
        target[0] = value
    else:
        target[path[-1]] = value
    return body
