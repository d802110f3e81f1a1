"""The published figures: one row per year and language, written by `manage.py portal_publish`
and only read by the public pages. A table rather than the cache or a file under var/: it survives
restarts and deploys, every web process and server reads the same snapshot, it goes into the
backups with the rest of the database, and a publication replaces the previous one in one
transaction (a visitor sees the old figures or the new ones, never half)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedYear(models.Model):
    year = models.PositiveSmallIntegerField(_("año"))
    language = models.CharField(_("idioma"), max_length=8)
    # The protected publication of the year, its four-month periods and its months (period key ->
    # publication), as JSON text: exactly what the on-demand build returns, keys in their order
    # (PostgreSQL's jsonb would reorder them in the JSON download).
    data = models.TextField(_("cifras publicadas (JSON)"))
    published_at = models.DateTimeField(_("publicado"))
    build_seconds = models.FloatField(_("segundos de cálculo"), default=0)

    class Meta:
        verbose_name = _("año publicado en el portal")
        verbose_name_plural = _("años publicados en el portal")
        constraints = [models.UniqueConstraint(fields=["year", "language"], name="portal_published_year_language")]

    def __str__(self) -> str:
        return f"{self.year} ({self.language})"
