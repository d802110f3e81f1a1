"""Every row that points at a Person, found from the model registry rather than a hand-kept list,
so a model added next year is moved by a merge without anyone remembering to add it here.

Left out on purpose: history tables (they record what a row pointed at back then) and this app's
own tables (they describe people, they are not part of them).

Confidential models (tejido.common.confidential: a child-protection case) are left out unless the
caller asks for them: a merge never moves them, conflicts never name them, and counts list them
only for the users the model names (`links_for`). Their reader decides whether such a row follows
a merge (services.follow_merge)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from tejido.common.confidential import is_confidential, may_read
from tejido.registry.models import Person

SKIP_APPS = {"dedup"}


@dataclass(frozen=True)
class Link:
    model: type
    field: models.ForeignKey

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def confidential(self) -> bool:
        return is_confidential(self.model)

    def rows_of(self, person_id):
        return self.model._base_manager.filter(**{self.field.attname: person_id})


def person_links(*, include_confidential: bool = False) -> list[Link]:
    """Every foreign key to Person, hidden ones included (related_name="+", automatic many-to-many
    tables such as Event.participants), in a stable order. Confidential models only when asked."""
    links = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.one_to_many or rel.one_to_one) or not rel.auto_created or rel.concrete:
            continue
        model = rel.related_model
        if model._meta.app_label in SKIP_APPS or model.__name__.startswith("Historical"):
            continue
        if is_confidential(model) and not include_confidential:
            continue
        links.append(Link(model, rel.field))
    return sorted(links, key=lambda link: link.label)


def links_for(user) -> list[Link]:
    """What `user` may learn points at a person: every ordinary link, and the confidential ones
    whose model names the user as a reader."""
    return [link for link in person_links(include_confidential=True) if may_read(user, link.model)]


def _unique_sets(link: Link):
    """(other fields, condition) for each uniqueness rule that includes the link's field."""
    meta = link.model._meta
    rules = [(tuple(fields), None) for fields in meta.unique_together]
    rules += [(tuple(c.fields), c.condition) for c in meta.constraints
              if isinstance(c, models.UniqueConstraint) and c.fields]
    if link.field.one_to_one or link.field.unique:
        rules.append(((link.field.name,), None))
    for fields, condition in rules:
        if link.field.name in fields:
            yield [meta.get_field(name).attname for name in fields if name != link.field.name], condition


def conflicts(survivor_id: int, duplicate_id: int, *, links=None, only_ids=None) -> list[str]:
    """Rows the database would refuse once both people are one: the same household twice, two
    active enrolments in one program, the same event twice... Described in Spanish.
    `links` (default: the ordinary ones a merge moves) and `only_ids` (those rows of the duplicate)
    narrow the check to what is about to move."""
    found = []
    for link in person_links() if links is None else links:
        for others, condition in _unique_sets(link):
            rows = link.rows_of(duplicate_id)
            if only_ids is not None:
                rows = rows.filter(pk__in=only_ids)
            if condition is not None:
                rows = rows.filter(condition)
            for values in rows.values("pk", *others):
                clash = link.rows_of(survivor_id).filter(**{name: values[name] for name in others})
                if condition is not None:
                    clash = clash.filter(condition)
                other = clash.first()
                if other is not None:
                    found.append(_("%(model)s: «%(row)s» (ya existe «%(other)s» en el registro que se conserva)") % {
                        "model": link.model._meta.verbose_name, "row": _describe(link, values["pk"]),
                        "other": _describe(link, other.pk)})
    return found


def _describe(link: Link, pk) -> str:
    """The row as a person would name it; a row without its own name (a household membership,
    an event's participant) is named after what it links the person to (never a confidential row)."""
    row = link.model._base_manager.get(pk=pk)
    text = str(row)
    if text.endswith(f"object ({pk})"):
        others = [f for f in link.model._meta.concrete_fields if f.is_relation and f is not link.field
                  and f.related_model._meta.app_label != "accounts" and not is_confidential(f.related_model)]
        if others:
            text = str(getattr(row, others[0].name))
    return f"{text} (#{pk})"
