"""Writing the audit trail: change history through django-simple-history, reads here."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .access_context import source_fields
from .access_records import record_department_id
from .models import AccessEvent

_RESOLVE = object()


def log_access(user, action: str, *, model: str, object_id="", record_obj=None, record_department=_RESOLVE,
               via=None, **detail) -> AccessEvent:
    """Append one event; `detail` is whatever the writer adds (q=, list=, department=...).

    Where it came from (address, channel, browser, API token) is read from the current request
    (access_context); `via` forces the channel (exports). The department is the record's own
    (`record_obj`, the object itself, saves a query), unless the caller gives `record_department`
    (an id or None). These three names are not used as detail keys by any writer."""
    if record_department is _RESOLVE:
        record_department = record_department_id(model, object_id, record_obj)
    return AccessEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action, model=model, object_id=str(object_id or ""), detail=detail,
        department_id=record_department, **source_fields(via),
    )


def log_view(user, obj: models.Model) -> AccessEvent:
    return log_access(user, AccessEvent.Action.VIEW, model=obj._meta.label, object_id=obj.pk, record_obj=obj)


def save_with_history(obj: models.Model, *, acting_user, reason: str = "", **save_kwargs) -> None:
    """Save so that the history row names who did it and why (services call this)."""
    obj._history_user = acting_user
    if reason:
        obj._change_reason = reason
    obj.save(**save_kwargs)


def stored_values(obj: models.Model) -> dict:
    """The record's field values but `updated_at`: taken before an update and compared after it, an
    update that changes nothing (an empty API PATCH, a form saved as it was) is not saved: no history
    row, no new `updated_at` (that is, the version other officers hold stays valid)."""
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname != "updated_at"}


OPERATIONS = {"+": _("Creación"), "~": _("Modificación"), "-": _("Eliminación definitiva")}


def history_rows(obj: models.Model):
    """History of one record, newest first, with the changed fields and old/new values."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    rows = []
    # Each record with the one before it (None for the oldest). No records at all (people bulk-imported
    # before imports wrote history rows) is an empty history, not an error.
    for newer, older in zip(records, [*records[1:], None][:len(records)], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                changes.append({"field": _field_label(obj, change.field), "old": change.old, "new": change.new})
        rows.append({"record": newer, "changes": changes,
                     "operation": OPERATIONS.get(newer.history_type, newer.history_type)})
    return rows


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:
        return name
