"""A report built in the background: the page asks for it, a separate process builds it table
by table (so a long build never holds a web worker) and the page polls its progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("En cola")
        RUNNING = "running", _("Generando")
        DONE = "done", _("Listo")
        FAILED = "failed", _("Falló")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    report = models.CharField(max_length=20)
    start = models.DateField()
    end = models.DateField()
    departments = models.JSONField(default=list, blank=True)
    program = models.CharField(max_length=20, blank=True)
    format = models.CharField(max_length=5)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    done_tables = models.PositiveSmallIntegerField(default=0)
    total_tables = models.PositiveSmallIntegerField(default=0)
    content = models.BinaryField(null=True, blank=True, editable=False)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("informe en preparación")
        verbose_name_plural = _("informes en preparación")

    @property
    def percent(self) -> int:
        return round(100 * self.done_tables / self.total_tables) if self.total_tables else 0


class Narrative(models.Model):
    """The text of one section of a report for one period (issue 17 item 9), written by planning.
    Its numbers are references to the report's cells, `[[table|row|column]]`, rendered as the cell's
    value wherever the report is printed (reports/narrative.py): the text cannot say 221 where the
    table says 218. Versioned: every save is a history row."""

    report = models.CharField(_("informe"), max_length=20)
    start = models.DateField(_("desde"))
    end = models.DateField(_("hasta"))
    # "presentacion" or a report section (the prefix of its tables: childcare, women, ...)
    section = models.CharField(_("sección"), max_length=30)
    text = models.TextField(_("texto"), blank=True, max_length=20000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("modificado por"))
    updated_at = models.DateTimeField(_("modificado"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("texto del informe")
        verbose_name_plural = _("textos del informe")
        constraints = [models.UniqueConstraint(fields=["report", "start", "end", "section"],
                                               name="one_narrative_per_report_period_section")]

    def __str__(self):
        return f"{self.report} {self.start}–{self.end} {self.section}"
