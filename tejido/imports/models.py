"""An import batch (who imported which file, when, with what result) and the row keys that make
re-importing the same file create nothing twice."""

import os

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        VALIDATING = "validating", _("Validando")
        IMPORTING = "importing", _("Importando")
        DONE = "done", _("Importado")
        VALIDATED = "validated", _("Validado (sin importar)")
        REJECTED = "rejected", _("Con errores: no se importó nada")
        FAILED = "failed", _("Falló")

    RUNNING = (Status.QUEUED, Status.VALIDATING, Status.IMPORTING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("plantilla"), max_length=30)
    file_name = models.CharField(_("archivo"), max_length=200)
    file_hash = models.CharField(max_length=64, db_index=True)
    file_size = models.BigIntegerField(default=0)
    dry_run = models.BooleanField(_("solo validar"), default=False)
    valid_rows_only = models.BooleanField(_("importar solo filas válidas"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    estimated_rows = models.PositiveIntegerField(default=0)
    total_rows = models.PositiveIntegerField(_("filas"), default=0)
    error_rows = models.PositiveIntegerField(_("filas con error"), default=0)
    skipped_rows = models.PositiveIntegerField(_("filas ya importadas"), default=0)
    created_rows = models.PositiveIntegerField(_("registros creados"), default=0)
    message = models.CharField(max_length=300, blank=True)
    has_report = models.BooleanField(default=False)
    # The first errors, shown on the batch page so small mistakes need no download.
    error_preview = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When retention deleted the uploaded file, the error report and the error preview (their
    # cells hold personal data); the counts and the file's name and hash stay.
    files_deleted_at = models.DateTimeField(_("archivos eliminados"), null=True, blank=True)
    # The process running the import ("host:pid") and its last sign of life: a command-line import
    # killed half-way is found by the next one (services.recover_interrupted), as the job system does.
    worker = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("importación")
        verbose_name_plural = _("importaciones")

    def __str__(self):
        return f"{self.kind} {self.file_name} ({self.get_status_display()})"

    @property
    def folder(self) -> str:
        """Uploaded file and error report live here, outside MEDIA_URL: served only to the owner."""
        return os.path.join(settings.MEDIA_ROOT, "imports", str(self.pk))

    @property
    def upload_path(self) -> str:
        extension = os.path.splitext(self.file_name)[1].lower() or ".csv"
        return os.path.join(self.folder, f"archivo{extension}")

    @property
    def report_path(self) -> str:
        extension = ".xlsx" if self.upload_path.endswith((".xlsx", ".xlsm")) else ".csv"
        return os.path.join(self.folder, f"errores{extension}")

    @property
    def kind_label(self) -> str:
        from .kinds import KINDS

        kind = KINDS.get(self.kind)
        return str(kind.label) if kind else self.kind

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING


class ImportedRow(models.Model):
    """One imported row's natural key (CUI, or names + birth date + municipality...) per kind.
    Unique per kind: the same row in a later file is skipped and reported as «ya importada»."""

    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=255)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="rows")
    row_number = models.PositiveIntegerField()
    object_id = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="imported_row_unique_key")]
        # No Meta index on batch: the foreign key has its own, and a second identical one only made
        # every imported row cost one more index insert.
