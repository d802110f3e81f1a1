"""Nobody edits the audit trail through the application: not the access log (AccessEvent) nor
any Historical* table, not even an administrator with the second factor."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client

from tejido.common.audit import log_access
from tejido.common.models import AccessEvent
from tejido.common.testing import api_client_for, make_person, verify_second_factor

pytestmark = pytest.mark.django_db


def _history_models():
    return [m for m in apps.get_models() if m.__name__.startswith("Historical")]


def test_history_models_are_not_in_the_admin():
    assert _history_models(), "django-simple-history models must exist for this test to mean anything"
    registered = {m for m in admin.site._registry}
    assert [m.__name__ for m in _history_models() if m in registered] == []


def test_admin_with_second_factor_cannot_add_change_or_delete_access_events(people):
    log_access(people["zacapa"], AccessEvent.Action.VIEW, model="registry.Person", object_id=1)
    event = AccessEvent.objects.latest("pk")
    client = Client()
    verify_second_factor(client, people["admin"])
    base = "/configuracion/common/accessevent/"
    assert client.get(base).status_code in (200, 403)  # reading is at most allowed ...
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}add/", {"action": "view", "model": "x"}).status_code == 403
    assert client.post(f"{base}{event.pk}/change/", {"action": "export", "model": "x"}).status_code in (302, 403, 200)
    assert client.post(f"{base}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    # bulk delete action from the change list
    client.post(base, {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"})
    event.refresh_from_db()
    assert (event.action, event.model) == (AccessEvent.Action.VIEW, "registry.Person")
    assert AccessEvent.objects.filter(pk=event.pk).exists()


def test_history_rows_cannot_be_changed_from_pages_or_api(people):
    person = make_person()
    person.given_names = "Cambiada"
    person.save()
    history = person.history.model
    rows = list(history.objects.filter(id=person.pk).values_list("history_id", "given_names"))
    client = Client()
    verify_second_factor(client, people["admin"])
    for path in (f"/historial/persona/{person.pk}/", f"/configuracion/registry/person/{person.pk}/history/"):
        client.post(path, {"given_names": "Falsa", "history_id": rows[0][0]})
    api = api_client_for(people["admin"])
    schema = api.get("/api/v1/openapi.json").json()
    writable = [(p, m) for p, item in schema["paths"].items() for m in item
                if m in {"post", "put", "patch", "delete"} and ("histor" in p or "acceso" in p)]
    assert writable == []
    assert list(history.objects.filter(id=person.pk).values_list("history_id", "given_names")) == rows


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only")
def test_postgresql_trigger_refuses_update_and_delete_of_access_events(people):
    log_access(people["zacapa"], AccessEvent.Action.VIEW, model="registry.Person", object_id=1)
    event = AccessEvent.objects.latest("pk")
    for statement in (lambda: AccessEvent.objects.filter(pk=event.pk).update(model="otra"),
                      lambda: AccessEvent.objects.filter(pk=event.pk).delete()):
        with pytest.raises(DatabaseError, match="solo anexar"), transaction.atomic():
            statement()
    assert AccessEvent.objects.get(pk=event.pk).model == "registry.Person"
    log_access(people["zacapa"], AccessEvent.Action.VIEW, model="registry.Person", object_id=2)  # inserts work
