"""Daycare program: caregivers and teacher posts of each center. Children's enrolment and
attendance use the shared pieces in tejido.programs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel


class Caregiver(DomainModel):
    """Madre cuidadora: runs a community home or works at a CADI."""

    class Payer(models.TextChoices):
        SOSEP = "sosep", _("Transferencia monetaria SOSEP")
        MUNICIPALITY = "municipalidad", _("Municipalidad")
        PRISON_SYSTEM = "sistema_penitenciario", _("Sistema Penitenciario")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="caregiver_posts",
                               verbose_name=_("persona"))
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="caregivers",
                               verbose_name=_("centro"))
    payer = models.CharField(_("quién paga"), max_length=24, choices=Payer.choices)
    monthly_amount = models.DecimalField(_("monto mensual (Q)"), max_digits=9, decimal_places=2, null=True, blank=True)
    start = models.DateField(_("desde"))
    end = models.DateField(_("hasta"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("madre cuidadora")
        verbose_name_plural = _("madres cuidadoras")


class TeacherPost(DomainModel):
    """A teacher post at a center and who assigned it (seed 001 table 5)."""

    class Source(models.TextChoices):
        MINEDUC_SOSEP = "mineduc_sosep", _("Coordinación MINEDUC-SOSEP")
        DEPARTMENTAL_EDUCATION = "direccion_departamental", _("Dirección Departamental de Educación / Supervisión")
        MUNICIPALITY_PARTNER = "municipalidad_cooperante", _("Municipalidad o institución cooperante")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="teacher_posts",
                               verbose_name=_("centro"))
    source = models.CharField(_("asignado por"), max_length=24, choices=Source.choices)
    teacher = models.ForeignKey("registry.Person", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="teacher_posts", verbose_name=_("docente"))
    start = models.DateField(_("desde"))
    end = models.DateField(_("hasta"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("puesto docente")
        verbose_name_plural = _("puestos docentes")
