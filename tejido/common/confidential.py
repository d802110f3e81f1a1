"""Confidential models: rows whose mere existence tells something about a person. A child-protection
case says that someone suspected abuse of that child; counting it on a page about the child is
already telling.

A model declares itself, next to its fields:

    class ProtectionCase(DomainModel):
        confidential = True

        @classmethod
        def confidential_reader(cls, user) -> bool:
            return is_protection_officer(user)

Every generic walk over what points at a person (the duplicate review and merges of
`tejido.dedup`: counts, pair pages, merge results and their log) asks `is_confidential` and leaves
such rows out for everyone `may_read` refuses. A model that declares itself confidential without
saying who reads it is read by nobody. Pages and services of the model's own app keep their own
checks; this is for code that does not know the model."""

from django.apps import apps


def _owner(model) -> type:
    """The model a declaration is read from: an automatic many-to-many table belongs to the model
    that declares the field, a history table (django-simple-history) to the model it records."""
    if model._meta.auto_created:
        model = model._meta.auto_created
    recorded = getattr(model, "instance_type", None)
    return recorded if isinstance(recorded, type) else model


def is_confidential(model) -> bool:
    return getattr(_owner(model), "confidential", False) is True


def may_read(user, model) -> bool:
    """True for every ordinary model; for a confidential one, only for the users it names."""
    if not is_confidential(model):
        return True
    reader = getattr(_owner(model), "confidential_reader", None)
    return bool(reader is not None and reader(user))


def confidential_models() -> list[type]:
    """Every installed model that declares itself confidential (history and many-to-many tables included)."""
    return [model for model in apps.get_models(include_auto_created=True) if is_confidential(model)]
