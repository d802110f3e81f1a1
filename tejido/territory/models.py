"""Guatemala's territory: INE departments and municipalities, SOSEP offices, populated places."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel


class Department(models.Model):
    """The primary key is the INE code (1-22) so a code is never looked up twice."""

    id = models.PositiveSmallIntegerField(_("código INE"), primary_key=True)
    name = models.CharField(_("nombre"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("departamento")
        verbose_name_plural = _("departamentos")

    def __str__(self):
        return self.name

    @property
    def code(self) -> str:
        return f"{self.id:02d}"


class Municipality(models.Model):
    """Primary key is the INE code: department * 100 + number (101 = Guatemala, Guatemala)."""

    id = models.PositiveSmallIntegerField(_("código INE"), primary_key=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="municipalities",
                                   verbose_name=_("departamento"))
    name = models.CharField(_("nombre"), max_length=80)

    class Meta:
        ordering = ["department__name", "name"]
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")
        constraints = [models.UniqueConstraint(fields=["department", "name"], name="unique_municipality_name")]

    def __str__(self):
        return f"{self.name}, {self.department.name}"

    @property
    def code(self) -> str:
        return f"{self.id:04d}"

    @property
    def number_in_department(self) -> int:
        return self.id % 100


class Office(models.Model):
    """A SOSEP departmental office (sede). 24 offices serve the 22 departments."""

    code = models.SlugField(_("código"), max_length=40, unique=True)
    name = models.CharField(_("nombre"), max_length=80, unique=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="offices",
                                   verbose_name=_("departamento"))
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="offices",
                                     verbose_name=_("municipio"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("sede departamental")
        verbose_name_plural = _("sedes departamentales")

    def __str__(self):
        return self.name


class Place(DomainModel):
    """A populated place below a municipality (aldea, caserío...), added by users."""

    class Kind(models.TextChoices):
        ALDEA = "aldea", _("Aldea")
        CASERIO = "caserio", _("Caserío")
        CANTON = "canton", _("Cantón")
        COLONIA = "colonia", _("Colonia")
        BARRIO = "barrio", _("Barrio")
        ZONA = "zona", _("Zona")
        FINCA = "finca", _("Finca")
        PARAJE = "paraje", _("Paraje")
        OTHER = "otro", _("Otro")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="places",
                                     verbose_name=_("municipio"))
    name = models.CharField(_("nombre"), max_length=120)
    kind = models.CharField(_("categoría"), max_length=10, choices=Kind.choices, default=Kind.ALDEA)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("lugar poblado")
        verbose_name_plural = _("lugares poblados")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "name"],
                                    condition=models.Q(deleted_at__isnull=True), name="unique_live_place"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"


class PriorityList(models.Model):
    """A named list of prioritised municipalities, e.g. the 114 of the Gran Cruzada Nacional
    por la Nutrición. Kept as data so coverage reports can use any list."""

    name = models.CharField(_("nombre"), max_length=150, unique=True)
    source = models.CharField(_("fuente"), max_length=300, blank=True)
    valid_from = models.DateField(_("vigente desde"), null=True, blank=True)
    valid_to = models.DateField(_("vigente hasta"), null=True, blank=True)
    municipalities = models.ManyToManyField(Municipality, related_name="priority_lists",
                                            verbose_name=_("municipios"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("lista de municipios priorizados")
        verbose_name_plural = _("listas de municipios priorizados")

    def __str__(self):
        return self.name
