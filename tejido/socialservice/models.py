"""Requests for support and the social service's outreach days.

A request follows one path: solicitada → estudiada (socioeconomic study with home visit) →
aprobada or denegada (with reason) → entregada (a product from the office's stock, or a
service), with a numbered receipt. The services in services.py enforce the order."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel
from tejido.registry.choices import PovertyStatus


class Service(models.TextChoices):
    """Services the social service pays for or arranges (seed 001 §6.1). The code is the
    Delivery item."""

    TRANSPORT = "transporte", _("Transporte")
    LODGING = "hospedaje", _("Hospedaje")
    FOOD = "alimentacion", _("Alimentación")
    FUNERAL = "servicio_funerario", _("Servicio funerario")
    MEDICAL_TESTS = "examenes_medicos", _("Exámenes médicos")
    MEDICAL_TREATMENT = "tratamiento_medico", _("Tratamiento médico")


class SupportRequest(DomainModel):
    class Status(models.TextChoices):
        REQUESTED = "solicitada", _("Solicitada")
        STUDIED = "estudiada", _("Con estudio socioeconómico")
        APPROVED = "aprobada", _("Aprobada")
        DENIED = "denegada", _("Denegada")
        DELIVERED = "entregada", _("Entregada")

    class Kind(models.TextChoices):
        PRODUCT = "producto", _("Producto")
        SERVICE = "servicio", _("Servicio")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="support_requests",
                               verbose_name=_("persona"))
    office = models.ForeignKey("territory.Office", on_delete=models.PROTECT, related_name="support_requests",
                               verbose_name=_("sede"))
    # Denormalised from the office: where the person is served, for scope and figures.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    date = models.DateField(_("fecha de solicitud"))
    kind = models.CharField(_("tipo de apoyo"), max_length=10, choices=Kind.choices)
    product = models.ForeignKey("stock.Product", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("producto"))
    service = models.CharField(_("servicio"), max_length=20, choices=Service.choices, blank=True)
    quantity = models.PositiveIntegerField(_("cantidad"), default=1)
    description = models.CharField(_("descripción"), max_length=500, blank=True)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    # Socioeconomic study
    visit_date = models.DateField(_("fecha de visita domiciliaria"), null=True, blank=True)
    poverty_status = models.CharField(_("clasificación de pobreza"), max_length=16, choices=PovertyStatus.choices,
                                      blank=True)
    study_notes = models.CharField(_("observaciones del estudio"), max_length=1000, blank=True)
    social_worker = models.CharField(_("trabajadora o trabajador social"), max_length=120, blank=True)
    # Decision
    decided_on = models.DateField(_("fecha de resolución"), null=True, blank=True)
    decision_reason = models.CharField(_("motivo"), max_length=500, blank=True)
    # Delivery
    delivery = models.OneToOneField("programs.Delivery", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="support_request", verbose_name=_("entrega"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("solicitud de apoyo")
        verbose_name_plural = _("solicitudes de apoyo")
        indexes = [models.Index(fields=["department", "status", "date"], name="ssrequest_dept_status")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="producto", product__isnull=False, service="")
                           | models.Q(kind="servicio", product__isnull=True) & ~models.Q(service="")),
                name="ssrequest_product_or_service"),
            models.CheckConstraint(condition=~models.Q(status="denegada", decision_reason=""),
                                   name="ssrequest_denial_has_reason"),
        ]

    def __str__(self):
        return f"{self.person} — {self.what}"

    @property
    def what(self) -> str:
        if self.kind == self.Kind.PRODUCT:
            return f"{self.quantity} × {self.product}"
        return self.get_service_display()

    @property
    def item(self) -> str:
        """The Delivery item code."""
        return self.product.code if self.kind == self.Kind.PRODUCT else self.service

    @property
    def receipt(self) -> str:
        return self.delivery.receipt if self.delivery_id else ""


class OutreachDay(models.Model):
    """The social service's part of an outreach day (a shared programs.Event of kind
    "jornada"): the office whose stock supplies it and the people counted by sex, because
    table 16 is by sex. Event.unnamed_participants is always men + women."""

    class Category(models.TextChoices):
        MEDICAL = "jornada_medica", _("Jornada médica")
        INTEGRATED = "servicios_integrados", _("Jornada de servicios integrados")

    event = models.OneToOneField("programs.Event", on_delete=models.PROTECT, related_name="outreach",
                                 primary_key=True)
    office = models.ForeignKey("territory.Office", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("sede que abastece"))
    men = models.PositiveIntegerField(_("hombres atendidos sin registro"), default=0)
    women = models.PositiveIntegerField(_("mujeres atendidas sin registro"), default=0)

    class Meta:
        verbose_name = _("jornada")
        verbose_name_plural = _("jornadas")

    def __str__(self):
        return str(self.event)
