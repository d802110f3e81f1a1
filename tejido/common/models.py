"""Base pieces every domain model uses: timestamps, soft delete, access log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LiveManager(models.Manager):
    """Hides soft-deleted rows. `all_objects` still sees them (for auditors)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class DomainModel(models.Model):
    """Timestamps, author and soft delete. Ordinary users never hard-delete."""

    created_at = models.DateTimeField(_("creado"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name=_("creado por"),
    )
    deleted_at = models.DateTimeField(_("eliminado"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )
    deletion_reason = models.CharField(_("motivo de eliminación"), max_length=300, blank=True)

    objects = LiveManager()
    all_objects = models.Manager()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AccessEvent(models.Model):
    """Reads worth knowing about: opening a sensitive record, searching, exporting.

    Changes to records are kept by django-simple-history (old and new values); this table
    covers what history cannot see: who *looked*. Append-only: on PostgreSQL a trigger refuses
    UPDATE and DELETE (migrations 0002, 0003), so no foreign key here may cascade or set null.

    Where from (since migration 0003; older rows have them empty): the client address
    (`ip_address`, X-Forwarded-For only from TRUSTED_PROXIES), the channel, the browser or
    program family and the API token's name. `department` is the accessed record's own
    department when it has one, so the auditor's department filter is one indexed column."""

    class Action(models.TextChoices):
        VIEW = "view", _("consulta")
        SEARCH = "search", _("búsqueda")
        EXPORT = "export", _("exportación")
        API = "api", _("consulta por API")
        DENIED = "denied", _("acceso denegado")

    class Channel(models.TextChoices):
        WEB = "web", _("página web")
        API = "api", _("API")
        EXPORT = "export", _("exportación")
        SYSTEM = "system", _("tarea del sistema")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # indexed by accessevent_user_at (user first), which also serves a filter on the user alone
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                             db_index=False)
    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    department = models.ForeignKey("territory.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", db_index=False, verbose_name=_("departamento"))
    ip_address = models.GenericIPAddressField(_("dirección IP"), null=True, blank=True)
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices, blank=True)
    user_agent = models.CharField(_("navegador o programa"), max_length=60, blank=True)
    api_token = models.CharField(_("token de API"), max_length=100, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["model", "object_id"]),
            # The auditor's two questions: what did this user see (in a month), what was seen in a department.
            models.Index(fields=["user", "at"], name="accessevent_user_at"),
            models.Index(fields=["department", "at"], name="accessevent_department_at"),
        ]
        verbose_name = _("evento de acceso")
        verbose_name_plural = _("eventos de acceso")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.model}#{self.object_id}"


class AccessEventPerson(models.Model):
    """A person whose row went out in an export (AccessEvent with action `export`), so the
    auditor's search by person finds the exports that carried that person, not only the
    openings of their record. Written once with the event, for exports of up to
    `tejido.common.exports.EXPORT_PEOPLE_CAP` people; append-only like the event."""

    event = models.ForeignKey(AccessEvent, on_delete=models.PROTECT, related_name="people")
    person_id = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("persona en una exportación")
        verbose_name_plural = _("personas en exportaciones")
