"""Optimistic locking for edit forms and API updates (docs/reliability.md).

The version of a record is its `updated_at` (every DomainModel has one, renewed on each save),
written as ISO text. A form carries the version it was loaded with in a hidden field «version»;
the service locks the row (`select_for_update`) and compares before writing. A different
version means someone saved in between: the save is refused with ConflictError, nothing is
written, and the page shows the form with the current values and, beside them, what the user
typed where it differs."""

from django.utils.translation import gettext_lazy as _

from tejido.common.errors import ApplicationError

FIELD = "version"
MESSAGE = _("Otra persona modificó este registro mientras usted lo editaba: revise los datos actuales y "
            "vuelva a guardar.")


class ConflictError(ApplicationError):
    """A stale save: the web shows it above the form, the API answers 409."""

    def __init__(self, current):
        super().__init__(str(MESSAGE), field=None, extra={"version": version_of(current)})
        self.current = current


def version_of(obj) -> str:
    return obj.updated_at.isoformat() if obj is not None and obj.updated_at else ""


def check_version(obj, version: str | None) -> None:
    """Call inside the service's transaction, before changing anything. No version (an API client
    that sends no If-Match) means no check: such a client accepts last-write-wins."""
    current = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    if version and version_of(current) != version.strip().strip('"'):
        raise ConflictError(current)


def differences(form, current, fields) -> list[tuple[str, str, str]]:
    """(label, current value, value the user typed) of each field where the two differ."""
    rows = []
    for name in fields:
        if name not in form.fields or name not in form.cleaned_data:
            continue
        stored, typed = getattr(current, name), form.cleaned_data[name]
        if stored != typed:
            rows.append((str(form.fields[name].label or name), _shown(form, name, stored), _shown(form, name, typed)))
    return rows


def _shown(form, name: str, value) -> str:
    if value in (None, ""):
        return "—"
    choices = dict(getattr(form.fields[name], "choices", None) or ())
    return str(choices.get(value, value))
