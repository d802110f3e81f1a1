"""Probable duplicate pairs, the runs that found them, and merges (with what moved, for undo)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DedupRun(models.Model):
    """One search for duplicates (command line or background job started from the page)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("en cola")
        RUNNING = "running", _("en curso")
        DONE = "done", _("terminada")
        FAILED = "failed", _("falló")

    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    department = models.ForeignKey("territory.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("departamento"))
    threshold = models.FloatField(_("probabilidad mínima"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    people = models.PositiveIntegerField(default=0)
    pairs_found = models.PositiveIntegerField(default=0)
    pairs_new = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("búsqueda de duplicados")
        verbose_name_plural = _("búsquedas de duplicados")


class DuplicateCandidate(models.Model):
    """Two people the model thinks are one. person_a is always the lower id (one row per pair)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pendiente")
        CONFIRMED = "confirmed", _("confirmado y fusionado")
        REJECTED = "rejected", _("no son la misma persona")

    # related_name "+": these rows describe people, they are not part of them, so a merge never
    # moves them (see merge.py).
    person_a = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    probability = models.FloatField(_("probabilidad"))
    matched_on = models.JSONField(_("coincide en"), default=list, blank=True)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.PENDING)
    run = models.ForeignKey(DedupRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidates")
    found_at = models.DateTimeField(_("encontrado"), default=timezone.now)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("revisado por"))
    reviewed_at = models.DateTimeField(_("revisado"), null=True, blank=True)
    reason = models.CharField(_("motivo"), max_length=300, blank=True)

    class Meta:
        ordering = ["-probability", "id"]
        verbose_name = _("posible duplicado")
        verbose_name_plural = _("posibles duplicados")
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="one_candidate_per_pair"),
            models.CheckConstraint(condition=models.Q(person_a__lt=models.F("person_b")),
                                   name="candidate_pair_ordered"),
        ]
        indexes = [models.Index(fields=["status", "-probability"], name="candidate_queue")]

    def __str__(self):
        return f"#{self.person_a_id} ~ #{self.person_b_id} ({self.probability:.2f})"

    @property
    def percent(self) -> float:
        """For display: "99.7 %" reads better than 0.997 (and never like a thousand)."""
        return self.probability * 100


class PersonMerge(models.Model):
    """A merge: `duplicate` folded into `survivor`. `moves` lists every row that changed owner
    and `field_changes` every value overwritten, so `merge_undo` restores exactly."""

    survivor = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    duplicate = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(DuplicateCandidate, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="merges")
    # {"survivor": {field: [old, new]}, "duplicate": {field: [old, new]}}, values as stored (JSON).
    field_changes = models.JSONField(default=dict, blank=True)
    # [{"model": "programs.Enrolment", "field": "person", "ids": [..]}]
    moves = models.JSONField(default=list, blank=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(default=timezone.now)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = _("fusión de personas")
        verbose_name_plural = _("fusiones de personas")

    @property
    def moved_count(self) -> int:
        return sum(len(move["ids"]) for move in self.moves)


class ConfidentialMove(models.Model):
    """A merge leaves the rows of confidential models (tejido.common.confidential: protection cases)
    on the record merged away; their reader then decides, row by row, whether each one follows to
    the survivor (`moved`) or stays (`kept`). Kept apart from `PersonMerge`, which everyone with the
    merge in scope reads: neither its `moves` nor its version change when the reader decides.
    `merge_undo` moves `moved` rows back."""

    class Decision(models.TextChoices):
        MOVED = "moved", _("movido al registro que se conserva")
        KEPT = "kept", _("se queda en el registro fusionado")

    merge = models.ForeignKey(PersonMerge, on_delete=models.PROTECT, related_name="+")
    model = models.CharField(max_length=100)  # "protection.ProtectionCase"
    field = models.CharField(max_length=100)  # "child"
    row_id = models.BigIntegerField()
    decision = models.CharField(max_length=5, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "id"]
        constraints = [models.UniqueConstraint(fields=["merge", "model", "field", "row_id"],
                                               name="one_decision_per_row_and_merge")]

    @property
    def kind(self) -> str:
        """The model's name as people read it ("caso de protección")."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.model)._meta.verbose_name)
        except LookupError:
            return self.model
