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


class NutritionScreening(DomainModel):
    """Weight and length/height of a child on a date, with the WHO z-scores computed when it
    is recorded (tejido.childcare.anthropometry) and kept, so figures never recompute them."""

    class Position(models.TextChoices):
        LYING = "L", _("Acostado (longitud)")
        STANDING = "H", _("De pie (talla)")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="screenings",
                               verbose_name=_("niña o niño"))
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="screenings",
                               verbose_name=_("centro"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    measured_on = models.DateField(_("fecha de medición"))
    weight_kg = models.DecimalField(_("peso (kg)"), max_digits=5, decimal_places=2, null=True, blank=True)
    height_cm = models.DecimalField(_("longitud o talla (cm)"), max_digits=5, decimal_places=1, null=True,
                                    blank=True)
    measured = models.CharField(_("posición"), max_length=1, choices=Position.choices, blank=True)
    oedema = models.BooleanField(_("edema bilateral"), default=False)
    reference = models.CharField(_("referencia OMS"), max_length=8, blank=True)
    zwfa = models.FloatField(_("z peso/edad"), null=True, blank=True)
    zhfa = models.FloatField(_("z talla/edad"), null=True, blank=True)
    zwfh = models.FloatField(_("z peso/talla"), null=True, blank=True)
    zbfa = models.FloatField(_("z IMC/edad"), null=True, blank=True)
    acute_class = models.CharField(_("estado nutricional agudo"), max_length=16, blank=True)
    chronic_class = models.CharField(_("estado nutricional crónico"), max_length=20, blank=True)
    # Indicators outside WHO's plausibility limits: shown to the user, never counted.
    implausible = models.JSONField(default=list, blank=True)
    flags = models.JSONField(default=list, blank=True)
    # When it was taken on the device, if it was taken offline and sent later (docs/offline.md).
    captured_at = models.DateTimeField(_("tomado en el dispositivo"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    def get_acute_class_label(self) -> str:
        from .anthropometry import ACUTE_LABELS

        return str(ACUTE_LABELS.get(self.acute_class, ""))

    def get_chronic_class_label(self) -> str:
        from .anthropometry import CHRONIC_LABELS

        return str(CHRONIC_LABELS.get(self.chronic_class, ""))

    @property
    def underweight_class(self) -> str:
        """Weight for age: "bajo_peso_severo" (z < -3), "bajo_peso" (z < -2), "normal", or "" when
        there is no plausible weight-for-age z (derived from the stored, rounded z)."""
        from .anthropometry.classification import classify_underweight

        if self.zwfa is None or "zwfa" in (self.implausible or []):
            return ""
        return classify_underweight(self.zwfa) or ""

    @property
    def is_underweight(self) -> bool:
        return self.underweight_class in ("bajo_peso", "bajo_peso_severo")

    def get_underweight_class_label(self) -> str:
        from .anthropometry.classification import UNDERWEIGHT_LABELS

        return str(UNDERWEIGHT_LABELS.get(self.underweight_class, ""))

    class Meta:
        ordering = ["-measured_on", "-id"]
        verbose_name = _("tamizaje nutricional")
        verbose_name_plural = _("tamizajes nutricionales")
        indexes = [models.Index(fields=["department", "measured_on"], name="screening_dept_date")]


class ChildEvaluation(DomainModel):
    """The development scale (twice a year, March and September) and the Test ABC of reading
    readiness (from 5 years 6 months): one profile per child, kind, year and round."""

    class Kind(models.TextChoices):
        DEVELOPMENT_SCALE = "escala", _("Escala de Desarrollo")
        ABC_TEST = "abc", _("Test ABC")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="evaluations",
                               verbose_name=_("niña o niño"))
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="evaluations",
                               verbose_name=_("centro"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    kind = models.CharField(_("evaluación"), max_length=8, choices=Kind.choices)
    round = models.PositiveSmallIntegerField(_("evaluación del año"), choices=[(1, _("Primera")), (2, _("Segunda"))])
    evaluated_on = models.DateField(_("fecha"))
    year = models.PositiveSmallIntegerField(editable=False)
    profile = models.CharField(_("perfil"), max_length=20)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    @property
    def profile_label(self) -> str:
        from .evaluations import profile_label

        return profile_label(self.kind, self.profile)

    class Meta:
        ordering = ["-evaluated_on", "id"]
        verbose_name = _("evaluación")
        verbose_name_plural = _("evaluaciones")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "year", "round"],
                                    condition=models.Q(deleted_at__isnull=True), name="one_evaluation_per_round"),
        ]
        indexes = [models.Index(fields=["department", "kind", "year"], name="evaluation_dept_kind_year")]


class MaterialDelivery(DomainModel):
    """Educational materials handed out at a center (workbooks, reading guides, stimulation kits)."""

    class Recipient(models.TextChoices):
        CHILDREN = "ninos", _("Niñas y niños")
        TEACHERS = "docentes", _("Docentes")
        CAREGIVERS = "madres_cuidadoras", _("Madres cuidadoras")

    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="material_deliveries",
                               verbose_name=_("centro"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    date = models.DateField(_("fecha"))
    material = models.CharField(_("material"), max_length=150)
    quantity = models.PositiveIntegerField(_("cantidad"))
    recipients = models.CharField(_("entregado a"), max_length=20, choices=Recipient.choices)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("entrega de material educativo")
        verbose_name_plural = _("entregas de material educativo")
