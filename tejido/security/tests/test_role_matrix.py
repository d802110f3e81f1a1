"""Role x scope matrix: every page and API operation, as every role, on demo data in Zacapa and
other departments. Writes docs/security-matrix.md. One test (the demo takes ~40 s to load)."""

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from tejido.accounts.models import ApiToken, Role, User
from tejido.common.testing import ZACAPA, verify_second_factor
from tejido.registry.models import Person
from tejido.security import matrix, urlmap

pytestmark = pytest.mark.django_db

ROLES = ["anonimo", "admin", "central", "delegada_zacapa", "digitadora", "planificacion", "auditor", "proteccion"]
DEMO_USERS = {"admin": "admin", "central": "central.hogares", "delegada_zacapa": "delegada.zacapa",
              "digitadora": "digitadora.cadi", "planificacion": "planificacion", "auditor": "auditor",
              "proteccion": "proteccion"}
READ_ONLY = ("planificacion", "auditor")
OTHERS = -ZACAPA  # records of any department but Zacapa (Jutiapa, the capital's migrant centers...)
# Tables a read-only request may legitimately write to: sessions, login attempts, the access log,
# and the user's own credentials (a planner may issue herself an API token or enrol a TOTP device).
NOT_COUNTED = ("django_session", "axes_", "common_accessevent", "accounts_apitoken", "otp_totp_totpdevice")
DOC = Path(__file__).resolve().parents[3] / "docs" / "security-matrix.md"


def test_every_parameterised_page_and_api_parameter_has_a_model():
    """Guard: a new parameterised URL must say which record fills it, or the matrix skips it."""
    assert matrix.unmapped_web_routes() == []
    assert matrix.unmapped_api_parameters(matrix.load_schema(Client())) == set()


def _clients() -> dict[str, tuple]:
    clients = {"anonimo": (Client(raise_request_exception=False), Client(raise_request_exception=False))}
    for role, username in DEMO_USERS.items():
        user = User.objects.get(username=username)
        web = Client(raise_request_exception=False)
        device = None
        if user.needs_second_factor:
            device = verify_second_factor(web, user)
        else:
            web.force_login(user)
        _token, key = ApiToken.issue(user, "matriz", device=device)
        api = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {key}")
        clients[role] = (web, api, user)
    return clients


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if not t.startswith(NOT_COUNTED)]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def _personal_markers() -> list[str]:
    """Full names and CUIs of every person: none may reach a planner."""
    markers = []
    for person in Person.all_objects.all():
        markers.append(f"{person.given_names} {person.first_surname}")
        if person.cui:
            markers.append(person.cui)
    return markers


def _request(client, target: matrix.Target, *, data=None):
    method = target.method.lower() if data is not None or target.method != "GET" else "get"
    if target.kind == "api" and method != "get":
        return getattr(client, method)(target.path, "{}", content_type="application/json")
    if method == "get":
        return client.get(target.path)
    return getattr(client, method)(target.path, data or {})


def _judge(role, target, response, markers, problems):
    status = response.status_code
    where = f"{role} {target.method} {target.path}"
    if status >= 500:
        problems.append(f"{where}: {status}")
    public = target.path.startswith(urlmap.PUBLIC_PREFIXES)
    if role == "anonimo" and not public:
        if target.kind == "api" and status != 401:
            problems.append(f"{where}: anónimo recibe {status}, se espera 401")
        to_login = "/cuenta/ingresar/" in response.get("Location", "") or "/configuracion/login/" in response.get(
            "Location", "")
        if target.kind == "web" and not (status == 302 and to_login):
            problems.append(f"{where}: anónimo recibe {status}, se espera ir a ingresar")
    if status == 200 and not public and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"{where}: sin Cache-Control: no-store")
    scoped = [label for label in target.models if label not in urlmap.UNSCOPED]
    # 422: the API validates the body before it looks the record up, so the answer is the same
    # for any number and tells nothing about the record.
    refused = (403, 404, 405) + ((422,) if target.method != "GET" else ())
    if role == "delegada_zacapa" and scoped and status not in refused:
        problems.append(f"{where}: registro de otro departamento responde {status}")
    if "protection.ProtectionCase" in target.models or "/proteccion" in target.path or "proteccion" in target.name:
        if role not in ("proteccion", "anonimo") and status == 200:
            problems.append(f"{where}: casos de protección visibles para {role}")
    if role == "planificacion" and status == 200 and not response.streaming:
        body = response.content.decode("utf-8", "replace")
        leaked = [m for m in markers if m in body]
        if leaked:
            problems.append(f"{where}: datos personales para planificación: {leaked[:2]}")


def _write_matrix(rows: dict, roles, missing) -> None:
    lines = ["# Matriz de roles y alcance", "",
             "Generada por `tejido/security/tests/test_role_matrix.py` sobre los datos de demostración: "
             "cada página y operación de la API, abierta por cada rol. Los registros de las rutas con "
             "parámetros son **de otro departamento** (Jutiapa u otro; la delegada es de Zacapa), "
             "así que 404 para ella es lo correcto. "
             "302 = a ingresar (o al segundo factor); 401 = API sin credenciales; 403 = rol sin permiso; "
             "405 = método no permitido.", "",
             "| Ruta | " + " | ".join(roles) + " |", "|---|" + "---|" * len(roles)]
    for (method, path), statuses in sorted(rows.items(), key=lambda item: item[0][1]):
        label = f"{method} `{path}`" if method != "GET" else f"`{path}`"
        lines.append(f"| {label} | " + " | ".join(str(statuses.get(r, "")) for r in roles) + " |")
    if missing:
        lines += ["", "Rutas sin registro en los datos de demostración (no recorridas):", ""]
        lines += [f"- `{path.removeprefix('(sin registro) ')}`" for path in sorted(set(missing))]
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_role_scope_matrix(territory):
    from tejido.demo.loader import load_demo

    load_demo(families=40)
    clients = _clients()
    schema = matrix.load_schema(clients["admin"][0])
    admin_web, admin_api = clients["admin"][0], clients["admin"][1]
    matrix.national_get = lambda kind, path: (admin_api if kind == "api" else admin_web).get(path).status_code
    matrix._chosen.clear()
    markers = _personal_markers()
    problems, rows, missing = [], {}, []
    targets = []
    for role in ROLES:
        user = clients[role][2] if role != "anonimo" else None
        targets.append((role, [*matrix.web_targets(OTHERS, user), *matrix.api_targets(schema, OTHERS, user)]))
    for role, role_targets in targets:
        web, api = clients[role][0], clients[role][1]
        for target in role_targets:
            if target.path.startswith("(sin registro)"):
                missing.append(target.path)
                continue
            if target.kind == "web" and target.name.endswith(("logout", "salir")):
                continue
            response = _request(api if target.kind == "api" else web, target)
            rows.setdefault((target.method, target.path), {})[role] = response.status_code
            _judge(role, target, response, markers, problems)
    _write_matrix(rows, ROLES, missing)
    opened = [s for s in rows.values() if s.get("admin") == 200]
    print(f"matrix: {len(rows)} rutas x {len(ROLES)} roles; {len(opened)} abiertas por admin; "
          f"{len(set(missing))} sin registro")
    assert len(rows) > 300, "the walk must reach every page and operation"
    assert problems == [], "\n".join(problems[:60]) + f"\n({len(problems)} problemas)"


def test_read_only_roles_change_no_row_by_posting_everywhere(territory):
    from tejido.demo.loader import load_demo

    load_demo(families=40)
    clients = _clients()
    schema = matrix.load_schema(clients["admin"][0])
    matrix.national_get = None
    matrix._chosen.clear()
    before = _row_counts()
    errors = []
    for role in READ_ONLY:
        web, api, user = clients[role]
        # records of Zacapa: in the auditor's and planner's (national) view, so only the role stops the write
        for target in [*matrix.web_targets(ZACAPA, user), *matrix.api_targets(schema, ZACAPA, user)]:
            if target.path.startswith("(sin registro)") or "salir" in target.path:
                continue
            if target.kind == "web":
                response = web.post(target.path, {"nombre": "x", "name": "x", "given_names": "Ana"})
            else:
                method = "post" if target.method == "GET" else target.method.lower()
                response = getattr(api, method)(target.path, "{}", content_type="application/json")
            if response.status_code >= 500:
                errors.append(f"{role} POST {target.path}: {response.status_code}")
    after = _row_counts()
    changed = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    assert changed == {}
    assert errors == []


def test_row_counts_notice_a_write():
    """The read-only test would be empty if counting missed writes: prove one is seen."""
    before = _row_counts()
    User.objects.create_user("contada", password="x", role=Role.AUDITOR)
    assert _row_counts()["accounts_user"] == before["accounts_user"] + 1


