"""Every free-text field of every model holds an XSS payload; every page an administrator or a
departmental officer can open must show it escaped (htmx fragments and reflected searches too)."""

from urllib.parse import quote

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.test import Client

from tejido.accounts.models import User
from tejido.common.testing import ZACAPA, verify_second_factor
from tejido.security import matrix

pytestmark = pytest.mark.django_db
PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
SHORT = "<script>alert(1)"  # for short fields: still unsafe if rendered raw
RAW = ("<script>alert(1)", "<img src=x")
# Identifiers and machine fields: they never hold free text (URLs, lookups, hashes).
SKIP = {"search_name", "username", "password", "key_hash", "prefix", "code", "cui", "slug", "kind", "token"}


def _poison() -> int:
    """Write the payload into every free-text field of every project model; count the fields."""
    fields = 0
    for model in apps.get_models():
        if not model.__module__.startswith("tejido") or model.__name__.startswith("Historical"):
            continue
        manager = getattr(model, "all_objects", model._default_manager)
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices or field.name in SKIP:
                continue
            value = PAYLOAD if not field.max_length or field.max_length >= len(PAYLOAD) else SHORT
            if field.max_length and field.max_length < len(value):
                continue
            try:
                with transaction.atomic():
                    if manager.update(**{field.attname: value}):
                        fields += 1
            except IntegrityError:
                continue  # unique text (e.g. a code): not free text
    return fields


def _clients() -> dict[str, Client]:
    admin = Client(raise_request_exception=False)
    verify_second_factor(admin, User.objects.get(username="admin"))
    officer = Client(raise_request_exception=False)
    officer.force_login(User.objects.get(username="delegada.zacapa"))
    return {"admin": admin, "delegada.zacapa": officer}


def test_payload_in_every_text_field_is_rendered_escaped(territory):
    from tejido.demo.loader import load_demo

    load_demo(families=40)
    assert _poison() > 50
    clients = _clients()
    matrix.national_get = None
    matrix._chosen.clear()
    raw, checked = [], 0
    for username, client in clients.items():
        user = User.objects.get(username=username)
        for target in matrix.web_targets(ZACAPA, user):
            if target.path.startswith("(sin registro)") or "salir" in target.path:
                continue
            variants = [target.path]
            if "<" not in target.path and not target.models:
                variants.append(f"{target.path}?q={quote(PAYLOAD)}")  # reflected search term
            for path in variants:
                for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                    response = client.get(path, **headers)
                    if response.status_code != 200:
                        continue
                    content_type = response.get("Content-Type", "")
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    if "html" not in content_type:
                        # CSV/XLSX/JSON/PNG downloads and the admin's JS catalogue are never rendered as a page
                        continue
                    checked += 1
                    text = body.decode("utf-8", "replace")
                    raw += [f"{username} {path} {headers}: {m}" for m in RAW if m in text]
    assert checked > 200
    assert raw == [], "\n".join(raw[:40])
