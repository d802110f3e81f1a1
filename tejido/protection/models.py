"""Child-protection cases (seed 001 §4.1.6–4.1.7): a suspicion of violence reported at a
daycare center, its follow-up actions and its status.

Only the protection officer role sees any of this (see access.py). The foreign keys to
Person and Center have no reverse accessor (related_name="+") so that no page about a person
or a center can reach a case by accident, and both models declare themselves confidential
(tejido.common.confidential) so that code walking every relation of a person generically (the
duplicate review and merges) leaves them out for everyone but the officer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel


class Confidential:
    """The declaration read by tejido.common.confidential: only the protection officer reads these rows."""

    confidential = True

    @classmethod
    def confidential_reader(cls, user) -> bool:
        from .access import is_protection_officer

        return is_protection_officer(user)


class ReporterRole(models.TextChoices):
    SUPERVISOR = "supervisora", _("Supervisora o delegada departamental")
    TEACHER = "docente", _("Docente")
    CAREGIVER = "madre_cuidadora", _("Madre cuidadora voluntaria")
    OTHER = "otro", _("Otro")


class Suspicion(models.TextChoices):
    PHYSICAL = "fisica", _("Violencia física")
    PSYCHOLOGICAL = "psicologica", _("Violencia psicológica")
    SEXUAL = "sexual", _("Violencia sexual")
    NEGLECT = "negligencia", _("Negligencia o abandono")
    OTHER = "otro", _("Otro")


class CaseStatus(models.TextChoices):
    OPEN = "abierto", _("Abierto")
    FOLLOW_UP = "seguimiento", _("En seguimiento")
    REFERRED = "referido", _("Referido a autoridades")
    CLOSED = "cerrado", _("Cerrado")


class ActionKind(models.TextChoices):
    INTERVIEW = "entrevista", _("Entrevista")
    PARENTS_DIALOGUE = "dialogo_padres", _("Diálogo con padres o encargados")
    STAFF_DIALOGUE = "dialogo_personal", _("Diálogo con docente o madre cuidadora")
    HOME_VISIT = "visita_domiciliaria", _("Visita domiciliaria")
    INSTITUTION_VISIT = "visita_institucion", _("Visita a institución")
    PSYCH_EVALUATION = "evaluacion", _("Evaluación psicológica")
    TREATMENT_PLAN = "plan_tratamiento", _("Plan de tratamiento")
    REFERRAL = "referencia", _("Referencia a autoridad competente")


class Authority(models.TextChoices):
    PGN = "pgn", _("Procuraduría General de la Nación (PGN)")
    MP = "mp", _("Ministerio Público (MP)")
    COURT = "juzgado", _("Juzgado")
    PNC = "pnc", _("Policía Nacional Civil (PNC)")


class ProtectionCase(Confidential, DomainModel):
    child = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("niña o niño"))
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("centro"))
    # Denormalised from the center, for figures by department.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    reported_on = models.DateField(_("fecha del reporte"))
    reporter_role = models.CharField(_("quién reporta"), max_length=20, choices=ReporterRole.choices)
    reporter_name = models.CharField(_("nombre de quien reporta"), max_length=120, blank=True)
    suspicion = models.CharField(_("tipo de sospecha"), max_length=20, choices=Suspicion.choices)
    description = models.TextField(_("descripción"))
    status = models.CharField(_("estado"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    referred_on = models.DateField(_("fecha de referencia"), null=True, blank=True)
    closed_on = models.DateField(_("fecha de cierre"), null=True, blank=True)
    closing_summary = models.TextField(_("resumen del cierre"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("caso de protección")
        verbose_name_plural = _("casos de protección")
        indexes = [models.Index(fields=["reported_on"], name="protection_case_reported"),
                   models.Index(fields=["closed_on"], name="protection_case_closed")]
        constraints = [
            # Closed exactly when it has a closing date: the monthly figures rely on it.
            models.CheckConstraint(
                condition=models.Q(status="cerrado", closed_on__isnull=False)
                | (~models.Q(status="cerrado") & models.Q(closed_on__isnull=True)),
                name="protection_closed_has_date"),
        ]

    def __str__(self):
        return f"Caso {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class CaseAction(Confidential, DomainModel):
    """One follow-up step: an interview, a visit, an evaluation, a referral..."""

    case = models.ForeignKey(ProtectionCase, on_delete=models.PROTECT, related_name="actions",
                             verbose_name=_("caso"))
    date = models.DateField(_("fecha"))
    kind = models.CharField(_("acción"), max_length=20, choices=ActionKind.choices)
    # Only for referrals: which authority received the case.
    authority = models.CharField(_("autoridad"), max_length=10, choices=Authority.choices, blank=True)
    notes = models.TextField(_("notas"), blank=True)
    # Who carried it out; often not a system user (a psychologist, a supervisor).
    done_by = models.CharField(_("realizada por"), max_length=120)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("acción de seguimiento")
        verbose_name_plural = _("acciones de seguimiento")
        indexes = [models.Index(fields=["case", "date"], name="protection_action_case_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"
