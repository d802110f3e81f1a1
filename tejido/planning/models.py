"""The annual plan (outputs, sub-outputs, physical targets, the rule that counts each one)
and the budget (assigned, current and executed amounts by activity, spending group and month).

Budget and targets are not personal data: nothing here names a person."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.accounts.models import Program


class Unit(models.TextChoices):
    DOCUMENT = "documento", _("Documento")
    PERSON = "persona", _("Persona")
    FAMILY = "familia", _("Familia")
    ENTITY = "entidad", _("Entidad")
    EVENT = "evento", _("Evento")


class SpendingGroup(models.TextChoices):
    PERSONAL = "000", _("Servicios personales")
    NON_PERSONAL = "100", _("Servicios no personales")
    MATERIALS = "200", _("Materiales y suministros")
    PROPERTY = "300", _("Propiedad planta equipo e intangibles")
    TRANSFERS = "400", _("Transferencias corrientes")
    GLOBAL = "900", _("Asignaciones globales")


class RuleKind(models.TextChoices):
    """The fixed vocabulary of counting rules (implemented in indicators.py); their
    parameters are data planning staff edit."""

    UNIQUE_PERSONS_ENROLLED = "unique_persons_enrolled", _("Personas distintas inscritas en el periodo")
    EVENTS_HELD = "events_held", _("Eventos realizados")
    FAMILIES_RECEIVED = "families_received", _("Unidades familiares migrantes recibidas")
    MIGRANT_PERSONS_RECEIVED = "migrant_persons_received", _("Personas migrantes retornadas recibidas")
    UNITS_CREATED = "units_created", _("Centros o unidades abiertos en el periodo")
    UNITS_ACTIVE = "units_active", _("Centros o unidades en funcionamiento en el periodo")
    PERSONS_SERVED_SOCIAL_SERVICE = "persons_served_social_service", _("Personas atendidas por Servicio Social")
    PERSONS_SERVED_WITH_MIGRANTS = "persons_served_with_migrants", _(
        "Personas atendidas por Servicio Social más personas migrantes retornadas recibidas")
    SUM_SUBOUTPUTS = "sum_suboutputs", _("Suma de sus subproductos de la misma unidad")
    MANUAL = "manual", _("Valor mensual digitado por Planificación")


class Plan(models.Model):
    """The operational plan of one fiscal year (January to December)."""

    year = models.PositiveSmallIntegerField(_("ejercicio fiscal"), unique=True)
    name = models.CharField(_("nombre"), max_length=150, blank=True)
    source = models.CharField(_("fuente"), max_length=250, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("plan anual")
        verbose_name_plural = _("planes anuales")

    def __str__(self):
        return self.name or f"Plan {self.year}"


class BudgetActivity(models.Model):
    """A budget activity of the plan (Dirección y Coordinación, Atención Integral al Adulto Mayor...)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    code = models.SlugField(_("código"), max_length=30)
    name = models.CharField(_("actividad presupuestaria"), max_length=150)
    # The directorate that runs it, as the header row of seed 001 table 19 ("DIRECCIÓN DE ...").
    heading = models.CharField(_("dirección responsable"), max_length=150, blank=True)
    program = models.CharField(_("programa"), max_length=20, choices=Program.choices, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # The plan's annual amounts (seed 004 table 2); the execution table prefers imported lines.
    assigned = models.DecimalField(_("asignado"), max_digits=14, decimal_places=2, default=0)
    current = models.DecimalField(_("vigente"), max_digits=14, decimal_places=2, default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("actividad presupuestaria")
        verbose_name_plural = _("actividades presupuestarias")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="one_activity_code_per_plan")]

    def __str__(self):
        return self.name


class Output(models.Model):
    """A product (parent empty) or sub-product of the plan, with its physical targets."""

    activity = models.ForeignKey(BudgetActivity, on_delete=models.CASCADE, related_name="outputs",
                                 verbose_name=_("actividad presupuestaria"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name=_("producto"))
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nombre"), max_length=300)
    unit = models.CharField(_("unidad de medida"), max_length=12, choices=Unit.choices)
    initial_target = models.PositiveIntegerField(_("meta física inicial"), default=0)
    current_target = models.PositiveIntegerField(_("meta física vigente"), default=0)
    # Monthly programming: twelve non-negative integers, January first (empty: not programmed).
    monthly_targets = models.JSONField(_("programación mensual"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity__position", "position", "id"]
        verbose_name = _("producto o subproducto")
        verbose_name_plural = _("productos y subproductos")

    def version_rows(self):
        """What its edit page changes besides the output: the counting rule and the manual monthly
        values. The page's version is a digest of all of them (reliability.locking.version_of)."""
        return [Indicator.objects.filter(output=self).first(), *self.manual_values.order_by("month")]

    def __str__(self):
        return self.name

    @property
    def is_suboutput(self) -> bool:
        return self.parent_id is not None

    @property
    def plan(self) -> Plan:
        return self.activity.plan


class Indicator(models.Model):
    """How an output's execution is counted: a rule kind from code, its parameters as data."""

    output = models.OneToOneField(Output, on_delete=models.CASCADE, related_name="indicator")
    kind = models.CharField(_("regla de conteo"), max_length=40, choices=RuleKind.choices)
    params = models.JSONField(_("parámetros"), default=dict, blank=True)
    note = models.CharField(_("nota"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")

    def __str__(self):
        return f"{self.output}: {self.get_kind_display()}"


class ManualExecution(models.Model):
    """A monthly executed value typed by planning staff (documents issued), national."""

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="manual_values")
    month = models.PositiveSmallIntegerField(_("mes"))
    value = models.PositiveIntegerField(_("valor ejecutado"))
    note = models.CharField(_("nota"), max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["output", "month"]
        verbose_name = _("ejecución digitada")
        verbose_name_plural = _("ejecuciones digitadas")
        constraints = [models.UniqueConstraint(fields=["output", "month"], name="one_manual_value_per_month"),
                       models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12),
                                              name="manual_month_1_12")]


class BudgetLine(models.Model):
    """One activity × spending group × month of the year, as SICOIN reports it: the annual
    assigned and current amounts as of that month, and the amount executed in that month."""

    activity = models.ForeignKey(BudgetActivity, on_delete=models.CASCADE, related_name="lines")
    group = models.CharField(_("grupo de gasto"), max_length=3, choices=SpendingGroup.choices)
    month = models.PositiveSmallIntegerField(_("mes"))
    assigned = models.DecimalField(_("asignado"), max_digits=14, decimal_places=2, default=0)
    current = models.DecimalField(_("vigente"), max_digits=14, decimal_places=2, default=0)
    executed = models.DecimalField(_("ejecutado en el mes"), max_digits=14, decimal_places=2, default=0)
    batch = models.ForeignKey("BudgetImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="lines")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["activity__position", "group", "month"]
        verbose_name = _("línea de presupuesto")
        verbose_name_plural = _("líneas de presupuesto")
        constraints = [models.UniqueConstraint(fields=["activity", "group", "month"], name="one_budget_line"),
                       models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12),
                                              name="budget_month_1_12")]


class BudgetImport(models.Model):
    """One SICOIN execution file imported (who, when, which file, how many rows)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()
    months = models.CharField(max_length=60, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("importación de SICOIN")
        verbose_name_plural = _("importaciones de SICOIN")
