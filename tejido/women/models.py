"""What the women's program records beyond the shared pieces: the classification of a training,
the dates and sales of a commercial event (fair), and each woman's monthly income report.

Trainings and fairs are shared `programs.Event` rows (program women, kind TRAINING or
COMMERCIAL); the models here hang off them one-to-one so the shared event lists keep working."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel

from .choices import ProductLine, TrainingKind  # noqa: F401 (TrainingKind re-exported)


class Training(models.Model):
    """A women's training event: its area and, for productive activities, the product line."""

    event = models.OneToOneField("programs.Event", on_delete=models.CASCADE, primary_key=True,
                                 related_name="women_training")
    training_kind = models.CharField(_("tipo de capacitación"), max_length=24, choices=TrainingKind.choices)
    product_line = models.CharField(_("línea productiva"), max_length=40, choices=ProductLine.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capacitación de mujeres")
        verbose_name_plural = _("capacitaciones de mujeres")
        constraints = [models.CheckConstraint(
            condition=~models.Q(training_kind="actividad_productiva", product_line=""),
            name="women_productive_training_has_line")]

    def __str__(self):
        return str(self.event)


class Fair(models.Model):
    """A commercial event (Paseo Artesanal...): starts on `event.date`, ends on `end`."""

    event = models.OneToOneField("programs.Event", on_delete=models.CASCADE, primary_key=True,
                                 related_name="women_fair")
    end = models.DateField(_("fecha de finalización"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evento de comercialización")
        verbose_name_plural = _("eventos de comercialización")

    def __str__(self):
        return self.event.topic


class FairSale(DomainModel):
    """What one woman sold at one fair, in quetzales."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="sales")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("mujer"))
    amount = models.DecimalField(_("ventas (Q)"), max_digits=12, decimal_places=2)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["fair", "person__first_surname"]
        verbose_name = _("venta en evento de comercialización")
        verbose_name_plural = _("ventas en eventos de comercialización")
        constraints = [
            models.UniqueConstraint(fields=["fair", "person"], condition=models.Q(deleted_at__isnull=True),
                                    name="one_sale_per_woman_per_fair"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="fair_sale_not_negative"),
        ]


class IncomeReport(DomainModel):
    """A woman's income for one month: her own sales and her sales at commercial events.

    One per woman and month; saving again replaces it (a correction, kept in history).
    `center` is her productive unit that month: its department is where the figure counts."""

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("mujer"))
    month = models.DateField(_("mes"), help_text=_("Primer día del mes."))
    own_sales = models.DecimalField(_("ventas propias (Q)"), max_digits=12, decimal_places=2)
    fair_sales = models.DecimalField(_("ventas en eventos comerciales (Q)"), max_digits=12, decimal_places=2)
    center = models.ForeignKey("centers.Center", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("unidad productiva"))
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-month", "person__first_surname"]
        verbose_name = _("reporte mensual de ingresos")
        verbose_name_plural = _("reportes mensuales de ingresos")
        constraints = [
            models.UniqueConstraint(fields=["person", "month"], condition=models.Q(deleted_at__isnull=True),
                                    name="one_income_report_per_month"),
            models.CheckConstraint(condition=models.Q(own_sales__gte=0, fair_sales__gte=0),
                                   name="income_not_negative"),
        ]
        indexes = [models.Index(fields=["department", "month"], name="income_dept_month")]

    @property
    def total(self):
        return self.own_sales + self.fair_sales
