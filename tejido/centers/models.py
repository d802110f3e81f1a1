"""Every place where SOSEP gives a service, one model for all programs."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.accounts.models import Program
from tejido.common.models import DomainModel


class CenterKind(models.TextChoices):
    COMMUNITY_HOME = "community_home", _("Hogar Comunitario")
    CADI = "cadi", _("CADI (Centro de Atención y Desarrollo Infantil)")
    ELDERLY_DAY_CENTER = "elderly_day", _("Centro de Atención Diurna (adulto mayor)")
    ELDERLY_RESIDENTIAL = "elderly_residential", _("Centro de Atención Permanente (adulto mayor)")
    PRODUCTIVE_UNIT = "productive_unit", _("Unidad productiva (grupo de mujeres)")
    MIGRANT_RECEPTION = "migrant_reception", _("Centro de recepción de migrantes retornados")
    SHELTER = "shelter", _("Albergue temporal")
    OFFICE = "office", _("Sede departamental")


# Which program runs each kind of center; None: shared by the secretariat.
PROGRAM_OF_KIND = {
    CenterKind.COMMUNITY_HOME: Program.CHILDCARE,
    CenterKind.CADI: Program.CHILDCARE,
    CenterKind.ELDERLY_DAY_CENTER: Program.ELDERLY,
    CenterKind.ELDERLY_RESIDENTIAL: Program.ELDERLY,
    CenterKind.PRODUCTIVE_UNIT: Program.WOMEN,
    CenterKind.MIGRANT_RECEPTION: Program.SOCIAL_SERVICE,
    CenterKind.SHELTER: None,
    CenterKind.OFFICE: None,
}


class Center(DomainModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("En funcionamiento")
        SUSPENDED = "suspended", _("Suspendido temporalmente")
        CLOSED = "closed", _("Cerrado")

    code = models.CharField(_("código"), max_length=20, blank=True,
                            help_text=_('Código del centro, p. ej. "956-20".'))
    name = models.CharField(_("nombre"), max_length=150)
    kind = models.CharField(_("tipo"), max_length=24, choices=CenterKind.choices)
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="centers",
                                     verbose_name=_("municipio"))
    # Denormalised from municipality so scope filters are one indexed column.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="centers",
                                   editable=False)
    place = models.ForeignKey("territory.Place", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="centers", verbose_name=_("lugar poblado"))
    address = models.CharField(_("dirección"), max_length=250, blank=True)
    office = models.ForeignKey("territory.Office", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="centers", verbose_name=_("sede que lo supervisa"))
    operating_partner = models.CharField(_("entidad con la que opera"), max_length=150, blank=True,
                                         help_text=_("Municipalidad, ONG o institución del convenio."))
    opened_on = models.DateField(_("fecha de apertura"), null=True, blank=True)
    closed_on = models.DateField(_("fecha de cierre"), null=True, blank=True)
    opens_at = models.TimeField(_("hora de apertura"), null=True, blank=True)
    closes_at = models.TimeField(_("hora de cierre"), null=True, blank=True)
    # Women's productive units: the group's product line (codes in tejido.women.site.ProductLine).
    product_line = models.CharField(_("línea productiva"), max_length=40, blank=True)
    capacity = models.PositiveIntegerField(_("capacidad (personas)"), null=True, blank=True)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["department__name", "name"]
        verbose_name = _("centro")
        verbose_name_plural = _("centros")
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code="") & models.Q(deleted_at__isnull=True),
                                    name="unique_live_center_code"),
        ]
        indexes = [models.Index(fields=["department", "kind"])]

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    @property
    def program(self):
        return PROGRAM_OF_KIND.get(self.kind)

    @property
    def schedule(self) -> str:
        if self.opens_at and self.closes_at:
            return f"{self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        return ""
