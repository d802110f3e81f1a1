"""What the access log knows about the records it names (`AccessEvent.model` + `object_id`):
their department, the people they are about, a readable name and the page that shows them.

The writers (grep log_access / log_view) name records by model label ("registry.Person"); a
few name things that are not models ("reports.Drill.<table>", "women.Enrolment"), listed in
`OTHER_LABELS`. Nothing here ever puts a label on a page: the auditor reads «Persona: María
Pérez», «caso de protección 12», «Detalle de un informe».

Child-protection cases (`PROTECTED_APPS`) are named by number only and never linked: only the
protection officer opens them, and a search by a child's name never returns them (the result
would tell that the child has a case)."""

from functools import lru_cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Apps whose records the log names by number only, never linked, never found by a person's name.
PROTECTED_APPS = {"protection"}

# Labels in the log that are not models: prefix -> readable name.
OTHER_LABELS = {
    "reports.Drill": gettext_lazy("detalle de un informe"),
    "reports.Report": gettext_lazy("informe"),
    "women.Enrolment": gettext_lazy("inscripción en Mujer"),
}

# How to reach a record's department, tried in order (the first path the model has).
DEPARTMENT_PATHS = (
    "department", "center__department", "event__department", "office__department", "shelter__department",
    "municipality__department", "agreement__municipality__department", "household__department",
    "person__department", "person_a__department", "case__department",
)

# Page of a record and the scope it is read through (tejido.territory.scope.restrict keywords). Only
# pages every national reader (auditor, administrator) opens; the link is shown only when the record
# is inside the reader's scope and not deleted. Records owned by one user (report jobs, imports),
# enrolments (their page depends on the program) and protection cases have no link.
LINKS = {
    "registry.Person": ("person_detail", "person"),
    "registry.Household": ("household_detail", {"department": "department_id", "personal": True}),
    "centers.Center": ("center_detail", {"department": "department_id", "center": "pk"}),
    "programs.Referral": ("referral_detail", {"department": "department_id", "personal": True}),
    "socialservice.SupportRequest": ("socialservice_request", {"department": "department_id", "personal": True}),
    "socialservice.OutreachDay": ("socialservice_outreach_day", {"department": "event__department_id"}),
    "migrants.Reception": ("migrants_reception", {"department": "department_id", "personal": True}),
    "shelters.Shelter": ("shelters_detail", {"department": "department_id"}),
    "donations.Donation": ("donations_detail", {"department": "department_id"}),
    "agreements.Agreement": ("agreements_detail", {"department": "municipality__department_id"}),
    "women.Fair": ("women_fair", {"department": "event__department_id", "personal": True}),
}

# Related names to load with a record so its own name (__str__) costs no extra query.
SELECT_RELATED = {
    "programs.Enrolment": ("person", "center"),
    "programs.Referral": ("person",),
    "socialservice.SupportRequest": ("person",),
    "socialservice.OutreachDay": ("event",),
    "women.Fair": ("event",),
    "dedup.DuplicateCandidate": ("person_a", "person_b"),
}


def model_for(label: str):
    """The model of a log label, or None (not a model: "reports.Drill.x", a removed model)."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def is_protected(label: str) -> bool:
    return label.split(".", 1)[0] in PROTECTED_APPS


def _has_path(model, path: str) -> bool:
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if not field.is_relation or field.many_to_many or field.one_to_many:
            return False
        model = field.related_model
    return model is not None and model._meta.label == "territory.Department"


@lru_cache(maxsize=None)
def department_path(label: str) -> str | None:
    """The lookup path from a record of `label` to its Department, or None."""
    model = model_for(label)
    if model is None:
        return None
    return next((path for path in DEPARTMENT_PATHS if _has_path(model, path)), None)


def record_department_id(label: str, object_id, record=None) -> int | None:
    """The department of the record an event is about: read on the object when the writer
    passed it (no query when it has `department_id`), else one indexed query by id."""
    path = department_path(label)
    if path is None or (record is None and not object_id):
        return None
    if record is not None and "__" not in path:
        return getattr(record, f"{path}_id", None)
    text = str(object_id)
    if not (text.isdecimal() and text.isascii() and int(text) < 2**63):  # a guessed id: nothing to read
        return None
    return model_for(label)._base_manager.filter(pk=int(text)).values_list(f"{path}_id", flat=True).first()


# --- people ----------------------------------------------------------------------------------

def _person_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is not None and f.related_model._meta.label == "registry.Person"]


@lru_cache(maxsize=None)
def person_linked_labels() -> tuple:
    """(label, person id fields) of the logged records that are about a person: an enrolment, a
    referral, a support request... never a protection case."""
    linked = []
    for label in LOGGED_RECORDS:
        model = model_for(label)
        if model is None or is_protected(label) or label == "registry.Person":
            continue
        fields = _person_fields(model)
        if fields:
            linked.append((label, tuple(fields)))
    return tuple(linked)


def records_about(person_ids, *, cap: int = 5000) -> list[tuple[str, list[str]]]:
    """(label, object ids) of the records about these people, for the log's person search:
    the person's own record, their households and the person-linked records."""
    from tejido.registry.models import HouseholdMember

    ids = list(person_ids)
    found = [("registry.Person", [str(pk) for pk in ids])]
    households = HouseholdMember.all_objects.filter(person_id__in=ids).values_list("household_id", flat=True)
    found.append(("registry.Household", [str(pk) for pk in households.distinct()[:cap]]))
    for label, fields in person_linked_labels():
        manager = model_for(label)._base_manager
        condition = models.Q()
        for field in fields:
            condition |= models.Q(**{f"{field}__in": ids})
        found.append((label, [str(pk) for pk in manager.filter(condition).values_list("pk", flat=True)[:cap]]))
    return [(label, object_ids) for label, object_ids in found if object_ids]


def people_in(source, label: str, *, cap: int):
    """Person ids of an export's rows (a QuerySet of people or of records with a person field),
    at most cap + 1 of them; None when the rows are not about people (or are protected)."""
    model = getattr(source, "model", None)
    if model is None or not isinstance(source, models.QuerySet) or is_protected(label):
        return None
    if model._meta.label == "registry.Person":
        field = "pk"
    else:
        fields = _person_fields(model)
        if not fields:
            return None
        field = fields[0]
    values = source.order_by().exclude(**{f"{field}__isnull": True}).values_list(field, flat=True).distinct()
    return list(values[: cap + 1])


# --- names and links -------------------------------------------------------------------------

def kind_name(label: str, *, plural: bool = False) -> str:
    """«persona», «casos de protección», «detalle de un informe»."""
    model = model_for(label)
    if model is not None:
        meta = model._meta
        return str(meta.verbose_name_plural if plural else meta.verbose_name)
    for prefix, name in OTHER_LABELS.items():
        if label == prefix or label.startswith(prefix + "."):
            return str(name)
    config = next((c for c in apps.get_app_configs() if c.label == label.split(".", 1)[0]), None)
    return _("registro de «%(area)s»") % {"area": config.verbose_name} if config else _("otro registro")


def kind_choices() -> list[tuple[str, str]]:
    """(slug, name) of the kinds of record the log names, for the filter: slugs, never labels."""
    return sorted(((slug, capfirst(kind_name(label, plural=True))) for slug, label in KIND_SLUGS.items()),
                  key=lambda item: item[1])


def kind_label(slug: str) -> str | None:
    return KIND_SLUGS.get(slug)


def record_names(label: str, object_ids) -> dict[str, str]:
    """object id -> readable name, for the records of one label (deleted ones too)."""
    model = model_for(label)
    if model is None or is_protected(label):
        return {}
    numeric = [pk for pk in object_ids if str(pk).isdigit()]
    if not numeric:
        return {}
    manager = model._base_manager.select_related(*SELECT_RELATED.get(label, ()))
    kind = capfirst(kind_name(label))
    names = {}
    for obj in manager.filter(pk__in=numeric):
        if label == "registry.Person":
            names[str(obj.pk)] = _("%(kind)s: %(name)s (registro %(number)s)") % {
                "kind": kind, "name": obj.full_name, "number": obj.pk}
        elif type(obj).__str__ is models.Model.__str__:
            names[str(obj.pk)] = f"{kind} {obj.pk}"
        else:
            names[str(obj.pk)] = f"{kind}: {obj}"
    return names


def record_links(label: str, object_ids, user) -> dict[str, str]:
    """object id -> URL of its page, only for records inside the user's scope (not deleted)."""
    from tejido.territory.scope import restrict

    if label not in LINKS or is_protected(label):
        return {}
    url_name, scope = LINKS[label]
    numeric = [pk for pk in object_ids if str(pk).isdigit()]
    if not numeric:
        return {}
    model = model_for(label)
    if scope == "person":
        from tejido.registry.selectors import PERSON_SCOPE

        scope = PERSON_SCOPE
    visible = restrict(model._default_manager.filter(pk__in=numeric), user, **scope).values_list("pk", flat=True)
    return {str(pk): reverse(url_name, args=[pk]) for pk in visible}


# Record labels the writers use with an object id or as a list (kept in step by
# tests/test_access_log.py::test_every_logged_label_has_a_readable_name).
LOGGED_RECORDS = (
    "registry.Person", "registry.Household", "centers.Center", "programs.Enrolment", "programs.Referral",
    "programs.Event", "programs.Delivery", "programs.AttendanceMonth", "socialservice.SupportRequest",
    "socialservice.OutreachDay", "migrants.Reception", "shelters.Shelter", "donations.Donation",
    "donations.Distribution", "agreements.Agreement", "agreements.CenterDocument", "women.Fair",
    "women.IncomeReport", "childcare.Caregiver", "childcare.TeacherPost", "imports.ImportBatch",
    "reports.ReportJob", "planning.Plan", "planning.BudgetLine", "stock.Movement", "stock.StockLevel",
    "dedup.DuplicateCandidate", "dedup.PersonMerge", "protection.ProtectionCase", "common.AccessEvent",
)

# Filter slugs (Spanish, in the address bar) -> label.
KIND_SLUGS = {
    "persona": "registry.Person", "hogar": "registry.Household", "centro": "centers.Center",
    "inscripcion": "programs.Enrolment", "derivacion": "programs.Referral", "evento": "programs.Event",
    "entrega": "programs.Delivery", "solicitud-apoyo": "socialservice.SupportRequest",
    "jornada": "socialservice.OutreachDay", "recepcion-migrantes": "migrants.Reception",
    "albergue": "shelters.Shelter", "donacion": "donations.Donation", "convenio": "agreements.Agreement",
    "documento-centro": "agreements.CenterDocument", "comercializacion": "women.Fair",
    "ingresos-mujer": "women.IncomeReport", "importacion": "imports.ImportBatch", "informe": "reports.ReportJob",
    "duplicado": "dedup.DuplicateCandidate", "caso-proteccion": "protection.ProtectionCase",
    "bitacora": "common.AccessEvent",
}
