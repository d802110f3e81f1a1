"""Background jobs that survive a killed process, and the one-time tokens that make a
double-submitted form create one record."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One unit of background work (a report build, an import) pointing at its own row by kind + id.
    The worker that runs it updates `heartbeat_at`; a running job whose heartbeat stops is re-queued."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        RUNNING = "running", _("En proceso")
        DONE = "done", _("Terminado")
        FAILED = "failed", _("Falló")

    kind = models.CharField(max_length=20)
    target_id = models.BigIntegerField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    run_after = models.DateTimeField()
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=120, blank=True)  # "host:pid" of the process running it
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "run_after"])]
        verbose_name = _("trabajo en segundo plano")
        verbose_name_plural = _("trabajos en segundo plano")

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id} ({self.status})"


class FormToken(models.Model):
    """A create form's one-time token, recorded when its first POST created something."""

    token = models.CharField(max_length=64, unique=True)
    user_id = models.BigIntegerField()
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
