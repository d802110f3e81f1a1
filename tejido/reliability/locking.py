"""Optimistic locking for edit forms and API updates (docs/reliability.md).

The version of a record is its `updated_at` (every DomainModel has one, renewed on each save),
written as ISO text; for a model without it (plan outputs), or when the form also changes rows
that hang from the record (`version_rows()`), a digest of all their stored values. A form carries
the version it was loaded with in a hidden field «version»; the row is locked
(`select_for_update`) and compared before writing. A different version means someone saved in
between: the save is refused with ConflictError, nothing is written, and the page says so above
the form with the current values.

Views use `Edit` (one per edited record): it reads the posted version and wraps the service call
in `with edit.saving():`, which locks and compares in the same transaction as the service's writes.
A state change on a record (answer a referral, register an exit, close a shelter) is an edit too:
a form loaded before someone else changed the record is refused the same way."""

import hashlib
from contextlib import contextmanager

from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tejido.common.errors import ApplicationError

FIELD = "version"
MESSAGE = _("Otra persona modificó este registro mientras usted lo editaba: revise los datos actuales y "
            "vuelva a guardar.")


class ConflictError(ApplicationError):
    """A stale save: the web shows it above the form, the API answers 409."""

    shown = False  # True once Edit put the message at the top of the page

    def __init__(self, current, version: str | None = None):
        super().__init__(str(MESSAGE), field=None,
                         extra={"version": version_of(current) if version is None else version})
        self.current = current


def version_of(obj) -> str:
    """`updated_at` as ISO text; a digest of the stored values where there is none, or where the
    model names the other rows its edit form changes (`version_rows()`: a plan output's rule and
    monthly values, a shelter's stays)."""
    if obj is None or obj.pk is None:
        return ""
    rows = getattr(obj, "version_rows", None)
    if rows is None and getattr(obj, "updated_at", None):
        return obj.updated_at.isoformat()
    rows = [obj, *(rows() if rows else ())]
    text = repr([(row._meta.label, [(f.attname, str(getattr(row, f.attname))) for f in row._meta.concrete_fields])
                 for row in rows if row is not None])
    return "h" + hashlib.sha256(text.encode()).hexdigest()[:32]


def check_version(obj, version: str | None, *, refresh: bool = False):
    """Call inside the service's transaction, before changing anything. No version (an API client
    that sends no If-Match) means no check: such a client accepts last-write-wins.
    `refresh=True` (state changes: answer a referral, close a shelter) copies the locked row's
    values into `obj`, so the service checks the state as it is now, not as the copy loaded before
    the lock had it: two simultaneous calls cannot both pass. Returns the locked row."""
    current = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
    now = version_of(current)
    if version and now != version.strip().strip('"'):
        raise ConflictError(current, now)
    if refresh:
        for field in obj._meta.concrete_fields:  # a changed foreign key drops its cached object
            setattr(obj, field.attname, getattr(current, field.attname))
    return current


def form_version(request, obj) -> str:
    """The version an edit form carries: the current one after a refused save, else the one it was
    posted with (a form shown again for an error keeps it), else the record's as loaded now."""
    refused = getattr(obj, "_refused_version", None)
    if refused:
        return refused
    posted = request.POST.get(FIELD, "")[:80] if request is not None and request.method == "POST" else ""
    return posted or version_of(obj)


class Edit:
    """The check of an edit form, for any record (one shared mechanism for every edit page):

        edit = Edit(request, record)
        with edit.saving():            # locks the row and compares, then the service writes
            services.x_update(...)

    and `{% version_field record %}` (or `reliability/_version.html`) inside the `<form>`.
    A refused save raises ConflictError after reloading the record and putting the Spanish message
    at the top of the page (`messages`); `apply_error` leaves it there, so the bound form keeps what
    the user typed and now carries the current version: saving again, knowingly, goes through.
    Pages that edit the record's own fields call `compare()` for the table of differences instead
    (`table=True`: the table carries the message)."""

    def __init__(self, request, obj, *, table: bool = False):
        self.request, self.obj, self.table = request, obj, table
        self.version = form_version(request, obj)
        self.conflict: list[tuple[str, str, str]] = []
        self.refused = False

    @contextmanager
    def saving(self):
        try:
            with transaction.atomic():
                check_version(self.obj, self.version)
                yield
        except ConflictError as error:
            self.refused = True
            self.obj.refresh_from_db()
            self.version = self.obj._refused_version = error.extra["version"]
            if not self.table:
                messages.error(self.request, MESSAGE)
                error.shown = True
            raise

    def compare(self, form, fields, current: dict | None = None) -> list[tuple[str, str, str]]:
        """After a refused save: each field where the stored value differs from the typed one."""
        self.conflict = differences(form, current if current is not None else self.obj, fields)
        return self.conflict

    def context(self) -> dict:
        return {"version": self.version, "conflict": self.conflict}


def differences(form, current, fields) -> list[tuple[str, str, str]]:
    """(label, current value, value the user typed) of each field where the two differ; `current` is
    the record or a dict of the form's initial values built from it."""
    rows = []
    for name in fields:
        if name not in form.fields or name not in form.cleaned_data:
            continue
        stored = current.get(name) if isinstance(current, dict) else getattr(current, name)
        typed = form.cleaned_data[name]
        if stored != typed:
            rows.append((str(form.fields[name].label or name), _shown(form, name, stored), _shown(form, name, typed)))
    return rows


def _shown(form, name: str, value) -> str:
    if value in (None, "", [], ()):
        return "—"
    choices = {str(k): v for k, v in (getattr(form.fields[name], "choices", None) or ()) if not isinstance(v, list)}
    if isinstance(value, list | tuple | set):
        return ", ".join(str(choices.get(str(v), v)) for v in value)
    return str(choices.get(str(value), value))


# --- Create-or-replace forms -----------------------------------------------------------------
# A form that saves "the" row of a key (a woman's income for a month, her sales at a fair, a budget
# line) must not overwrite silently what another officer saved for that key. The first save that
# finds the row is refused with a description of it, a «Reemplazar el registro existente» checkbox
# and the row's version in the hidden «version»; replacing then needs the box ticked and that
# version still current (otherwise ConflictError, and the form shows the row as it is now).

REPLACE_FIELD = "replace"


class ExistingError(ApplicationError):
    """The key already has a row and the user has not confirmed replacing it."""

    def __init__(self, message: str, current, version: str, field: str | None = None):
        super().__init__(message, field=field, extra={"version": version})
        self.current = current


class Replace:
    """What a create-or-replace form posted: the checkbox and the version of the existing row it
    was shown (empty until it was shown one). Services call `check(existing, describe)` inside their
    transaction with `existing` locked (`select_for_update`) or None; views call `refused(error)`
    and put the object in the context as `replace` for `reliability/_replace.html`."""

    def __init__(self, request=None, *, confirmed: bool = False, version: str = ""):
        if request is not None and request.method == "POST":
            confirmed = request.POST.get(REPLACE_FIELD) == "on"
            version = request.POST.get(FIELD, "")[:80]
        self.confirmed, self.version = confirmed, version.strip().strip('"')
        self.notice = ""  # the existing row, after a refusal
        self.pending_version = ""  # its version, for the hidden field
        self.stale = False  # refused because the confirmed version was not the current one

    def check(self, existing, describe, *, field: str | None = None) -> None:
        """`describe(existing)`: the Spanish notice (`existing_notice`); `field`: the key's input, where
        the message goes."""
        if existing is None:
            return
        now = version_of(existing)
        if self.confirmed and self.version == now:
            return
        if self.confirmed and self.version:
            error = ConflictError(existing, now)
            error.field, error.notice = field, describe(existing)
            raise error
        raise ExistingError(describe(existing), existing, now, field)

    def refused(self, error: ApplicationError) -> None:
        if isinstance(error, ExistingError):
            self.notice, self.pending_version = error.message, error.extra["version"]
        elif isinstance(error, ConflictError) and getattr(error, "notice", ""):
            self.notice, self.pending_version, self.stale = error.notice, error.extra["version"], True

    @property
    def pending(self) -> bool:
        return bool(self.pending_version)


def saved_by(obj) -> tuple[str, object]:
    """(who, when) of the last save of `obj`: its newest history row, else `updated_by`/`updated_at`."""
    history = getattr(obj, "history", None)
    record = history.select_related("history_user").order_by("-history_date", "-history_id").first() \
        if history is not None else None
    user, when = ((record.history_user, record.history_date) if record is not None
                  else (getattr(obj, "updated_by", None), getattr(obj, "updated_at", None)))
    name = (user.get_full_name() or user.get_username()) if user is not None else str(_("alguien"))
    return name, when


def existing_notice(what: str, obj, value: str) -> str:
    """«Ya existe <what> (registrado por X el d/m/Y H:i): <value>. Para reemplazarlo, …»"""
    from django.utils import formats, timezone

    who, when = saved_by(obj)
    when = formats.date_format(timezone.localtime(when), "d/m/Y H:i") if when else "—"
    return str(_("Ya existe %(what)s (registrado por %(who)s el %(when)s): %(value)s. Para reemplazarlo, marque "
                 "«Reemplazar el registro existente» y guarde de nuevo.")
               % {"what": what, "who": who, "when": when, "value": value})
