"""Agreements (convenios) the programs run on, and the compliance documents of each center
(sanitary licences, habitability certificates)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.accounts.models import Program
from tejido.common.models import DomainModel


class CounterpartyKind(models.TextChoices):
    MUNICIPALITY = "municipalidad", _("Municipalidad")
    NGO = "ong", _("ONG")
    GOVERNMENT = "gubernamental", _("Institución gubernamental")
    INTERNATIONAL = "cooperacion", _("Cooperación internacional")
    PRIVATE = "privada", _("Privada")


class Agreement(DomainModel):
    class Status(models.TextChoices):
        DRAFT = "borrador", _("Borrador")
        IN_FORCE = "vigente", _("Vigente")
        EXPIRED = "vencido", _("Vencido")        # derived: signed and past its end date; never stored
        TERMINATED = "rescindido", _("Rescindido")

    number = models.CharField(_("número"), max_length=40, blank=True)
    counterparty_name = models.CharField(_("contraparte"), max_length=200)
    counterparty_kind = models.CharField(_("tipo de contraparte"), max_length=20, choices=CounterpartyKind.choices)
    municipality = models.ForeignKey("territory.Municipality", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="agreements", verbose_name=_("municipio de la contraparte"))
    program = models.CharField(_("programa"), max_length=20, choices=Program.choices)
    subject = models.CharField(_("objeto"), max_length=300, blank=True)
    centers = models.ManyToManyField("centers.Center", blank=True, related_name="agreements",
                                     verbose_name=_("centros cubiertos"))
    start_date = models.DateField(_("fecha de inicio"))
    end_date = models.DateField(_("fecha de finalización"))
    # Stored: borrador, vigente (signed) or rescindido; "vencido" comes from the dates.
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.IN_FORCE)
    terminated_on = models.DateField(_("fecha de rescisión"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["end_date", "counterparty_name"]
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        indexes = [models.Index(fields=["program", "start_date", "end_date"])]
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                              name="agreement_ends_after_start")]

    def __str__(self):
        label = f"{self.number} " if self.number else ""
        return f"{label}{self.counterparty_name}"

    def status_on(self, day) -> str:
        """Effective status on a day: a signed agreement past its end date is "vencido"."""
        if self.status == self.Status.DRAFT:
            return self.Status.DRAFT
        if self.status == self.Status.TERMINATED and self.terminated_on and self.terminated_on <= day:
            return self.Status.TERMINATED
        if self.end_date < day:
            return self.Status.EXPIRED
        return self.Status.IN_FORCE

    def status_label_on(self, day) -> str:
        return self.Status(self.status_on(day)).label


class AgreementDocument(DomainModel):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="documents",
                                  verbose_name=_("convenio"))
    title = models.CharField(_("descripción"), max_length=150)
    file = models.FileField(_("archivo"), upload_to="agreements/%Y/")
    original_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("documento de convenio")
        verbose_name_plural = _("documentos de convenio")

    def __str__(self):
        return self.title


class DocumentKind(models.TextChoices):
    SANITARY_LICENCE = "licencia_sanitaria", _("Licencia sanitaria")
    HABITABILITY = "habitabilidad", _("Certificado de habitabilidad")
    # Seed 001 §4.5: «9 certificados para el cambio de la nomenclatura municipal» of CADI.
    NOMENCLATURE = "nomenclatura", _("Certificado de nomenclatura municipal")
    OTHER = "otro", _("Otro")


class CenterDocument(DomainModel):
    class Status(models.TextChoices):
        VALID = "vigente", _("Vigente")
        IN_PROCESS = "en_tramite", _("En trámite")
        EXPIRED = "vencida", _("Vencida")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="compliance_documents",
                               verbose_name=_("centro"))
    kind = models.CharField(_("tipo de documento"), max_length=20, choices=DocumentKind.choices)
    description = models.CharField(_("descripción"), max_length=150, blank=True)
    number = models.CharField(_("número"), max_length=60, blank=True)
    issued_on = models.DateField(_("fecha de emisión"), null=True, blank=True)
    expires_on = models.DateField(_("fecha de vencimiento"), null=True, blank=True)
    issuer = models.CharField(_("entidad emisora"), max_length=150, blank=True,
                              help_text=_("P. ej. DRACES / MSPAS, inspector de saneamiento del centro de salud."))
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.VALID)
    file = models.FileField(_("archivo"), upload_to="agreements/%Y/", blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["center__name", "kind", "-expires_on"]
        verbose_name = _("documento de cumplimiento")
        verbose_name_plural = _("documentos de cumplimiento")
        indexes = [models.Index(fields=["kind", "status", "expires_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}".strip()

    def status_on(self, day) -> str:
        if self.status == self.Status.VALID and self.expires_on and self.expires_on < day:
            return self.Status.EXPIRED
        return self.status

    def status_label_on(self, day) -> str:
        return self.Status(self.status_on(day)).label
