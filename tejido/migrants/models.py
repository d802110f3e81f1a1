"""Returned migrant family units received at a reception center (seed 001 §6.2-6.4, seed 002).

A Reception is one family unit received on one day: its members are registry people, the
care they were given and the reasons that make them vulnerable are small child tables so
every figure is a GROUP BY."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel
from tejido.registry.choices import Relationship


class ArrivalMode(models.TextChoices):
    AIR = "aerea", _("Vía aérea")
    LAND = "terrestre", _("Vía terrestre")


class ReturnedFrom(models.TextChoices):
    MEXICO = "mexico", _("México")
    USA = "estados_unidos", _("Estados Unidos")
    OTHER = "otro", _("Otro país")


class Care(models.TextChoices):
    HYGIENE_KIT = "kit_higiene", _("Kit de higiene")
    PHONE_CALL = "llamada", _("Llamada telefónica")
    TRANSPORT = "transporte", _("Transporte")
    FOOD = "alimentacion", _("Alimentación")
    MEDICAL = "medica", _("Atención médica")
    PSYCHOSOCIAL = "psicosocial", _("Atención psicosocial")


class Vulnerability(models.TextChoices):
    THREATS = "amenazas", _("Amenazas")
    EXTORTION = "extorsion", _("Extorsión")
    PERSECUTION = "persecucion", _("Persecución")
    POLITICAL = "politicos", _("Problemas políticos")
    INSECURITY = "inseguridad", _("Inseguridad")
    DOMESTIC_VIOLENCE = "violencia_intrafamiliar", _("Violencia intrafamiliar")
    GENDER_VIOLENCE = "violencia_genero", _("Violencia de género")
    DISPLACEMENT = "desplazamiento", _("Desplazamiento interno")
    UNEMPLOYMENT = "desempleo", _("Desempleo")
    REUNIFICATION = "reunificacion", _("Reunificación familiar")
    OTHER = "otro", _("Otro")


class Reception(DomainModel):
    """One family unit received on one day at one reception center."""

    date = models.DateField(_("fecha de recepción"))
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="migrant_receptions",
                               verbose_name=_("centro de recepción"))
    # Denormalised from the center: where the service was given (scope of writers, figures).
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    arrival_mode = models.CharField(_("vía de ingreso"), max_length=10, choices=ArrivalMode.choices)
    returned_from = models.CharField(_("país de procedencia"), max_length=16, choices=ReturnedFrom.choices)
    returned_from_other = models.CharField(_("otro país"), max_length=60, blank=True)
    destination_municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT,
                                                 related_name="+", verbose_name=_("municipio de destino"))
    # Denormalised: the destination department's officers follow the family up and see it.
    destination_department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                               editable=False)
    vulnerability_other = models.CharField(_("otra causa de vulnerabilidad"), max_length=150, blank=True)
    notes = models.CharField(_("observaciones"), max_length=500, blank=True)
    # When it was taken on the device, if it was taken offline and sent later (docs/offline.md).
    captured_at = models.DateTimeField(_("tomada en el dispositivo"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("recepción de unidad familiar migrante")
        verbose_name_plural = _("recepciones de unidades familiares migrantes")
        indexes = [models.Index(fields=["department", "date"], name="reception_dept_date"),
                   models.Index(fields=["destination_department", "date"], name="reception_dest_date")]

    def __str__(self):
        return f"{_('Unidad familiar')} #{self.pk} ({self.date:%d/%m/%Y})"


class ReceptionMember(models.Model):
    """A person received with the family unit, with their age on the reception date (kept,
    so 'minors received' does not change when a birth date is later corrected)."""

    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="migrant_receptions",
                               verbose_name=_("persona"))
    relationship = models.CharField(_("parentesco"), max_length=16, choices=Relationship.choices)
    age_years = models.PositiveSmallIntegerField(_("edad al ser recibido (años)"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("integrante")
        verbose_name_plural = _("integrantes")
        constraints = [models.UniqueConstraint(fields=["reception", "person"], name="one_membership_per_reception")]

    @property
    def is_minor(self) -> bool:
        return self.age_years < 18

    @property
    def is_head(self) -> bool:
        return self.relationship == Relationship.HEAD


class ReceptionCare(models.Model):
    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="care")
    code = models.CharField(_("atención"), max_length=16, choices=Care.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reception", "code"], name="one_care_code_per_reception")]


class ReceptionVulnerability(models.Model):
    reception = models.ForeignKey(Reception, on_delete=models.CASCADE, related_name="vulnerabilities")
    code = models.CharField(_("causa"), max_length=24, choices=Vulnerability.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reception", "code"],
                                               name="one_vulnerability_code_per_reception")]
