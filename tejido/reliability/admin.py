"""Optimistic locking for the Django admin (`/configuracion/`): users and their scope, API tokens,
territory, catalogue, plan structure. Two administrators who open the same record both see it;
the first save goes through, the second is refused with a message and changes nothing.

The change form carries the record's version in a hidden field (`locking.version_of`, plus the ids
of its many-to-many fields: a user's departments and centers are their scope). `clean()` locks the
row and compares; the admin's change view runs form validation and the save in one transaction,
so the lock holds until the first save is written. The refused form keeps the version it was
opened with: the administrator must open the record again to see what the other one saved."""

import hashlib

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.utils.translation import gettext_lazy as _

from .locking import FIELD, version_of

MESSAGE = _("Otra persona modificó este registro mientras usted lo editaba y su cambio no se guardó. "
            "Abra el registro de nuevo para ver los datos actuales y vuelva a hacer su cambio.")


def admin_version(obj) -> str:
    """`version_of` the record and the ids of each of its many-to-many fields."""
    related = [(field.name, sorted(getattr(obj, field.name).values_list("pk", flat=True)))
               for field in obj._meta.many_to_many]
    if not related:
        return version_of(obj)
    text = repr([version_of(obj), related])
    return "a" + hashlib.sha256(text.encode()).hexdigest()[:32]


class _VersionChecked:
    """Mixed into the admin's own form class for a change (never for an add)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD].initial = admin_version(self.instance)

    def clean(self):
        cleaned = super().clean()
        current = type(self.instance)._base_manager.select_for_update().get(pk=self.instance.pk)
        if admin_version(current) != (cleaned.get(FIELD) or ""):
            raise forms.ValidationError(MESSAGE, code="conflict")
        return cleaned


class VersionCheckedAdmin:
    """First base of a ModelAdmin: `class XAdmin(VersionCheckedAdmin, admin.ModelAdmin)`."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(f"Versioned{base.__name__}", (_VersionChecked, base), {
                FIELD: forms.CharField(widget=forms.HiddenInput, required=False),
                "__module__": __name__,
            })
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and FIELD not in flatten_fieldsets(fieldsets):
            fieldsets = [*fieldsets, (None, {"fields": [FIELD], "classes": ["hidden"]})]
        return fieldsets
