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
    covers what history cannot see: who *looked*."""

    class Action(models.TextChoices):
        VIEW = "view", _("consulta")
        SEARCH = "search", _("búsqueda")
        EXPORT = "export", _("exportación")
        API = "api", _("consulta por API")
        DENIED = "denied", _("acceso denegado")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["model", "object_id"])]
        verbose_name = _("evento de acceso")
        verbose_name_plural = _("eventos de acceso")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.model}#{self.object_id}"
