"""Temporary shelters run by the risk-management unit (seed 001 §9, seed 003's shelter table).

A Shelter is opened for an event at a shelter center or an ad-hoc place; families are
registered with their members (registry people, identity may be partial); each person has
a check-in and a check-out, so the occupancy of any day is counted, never typed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.common.models import DomainModel
from tejido.registry.choices import Relationship


class EventKind(models.TextChoices):
    COLD_WAVE = "frente_frio", _("Frente frío / descenso de temperatura")
    STORM = "tormenta", _("Tormenta o lluvias intensas")
    ERUPTION = "erupcion", _("Erupción volcánica")
    MIGRANT_CARAVAN = "caravana", _("Caravana de migrantes")
    OTHER = "otro", _("Otro evento")


class SupplyItem(models.TextChoices):
    HYGIENE_KIT = "kit_higiene", _("Kit de higiene personal")
    FOOD_RATION = "racion_alimento", _("Ración de alimento")
    BLANKET = "frazada", _("Frazada")
    MATTRESS = "colchoneta", _("Colchoneta")
    WATER = "agua", _("Agua pura (garrafón)")
    CLOTHING = "ropa", _("Ropa o abrigo")
    OTHER = "otro", _("Otro insumo")


class Shelter(DomainModel):
    """One shelter opened for one event, from `opened_on` until `closed_on` (open while empty)."""

    name = models.CharField(_("nombre del albergue"), max_length=150)
    event = models.CharField(_("evento"), max_length=12, choices=EventKind.choices)
    event_other = models.CharField(_("otro evento"), max_length=120, blank=True)
    center = models.ForeignKey("centers.Center", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="shelters", verbose_name=_("centro"))
    municipality = models.ForeignKey("territory.Municipality", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("municipio"))
    # Denormalised from the municipality: where the service is given (scope and figures).
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    address = models.CharField(_("ubicación"), max_length=250, blank=True)
    opened_on = models.DateField(_("fecha de apertura"))
    closed_on = models.DateField(_("fecha de cierre"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacidad (personas)"))
    notes = models.CharField(_("observaciones"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("albergue temporal")
        verbose_name_plural = _("albergues temporales")
        indexes = [models.Index(fields=["department", "opened_on"], name="shelter_dept_opened"),
                   models.Index(fields=["closed_on"], name="shelter_closed")]

    def version_rows(self):
        """What the shelter page's forms change besides the shelter itself: the stays (check-out).
        Its edit forms carry a digest of both (reliability.locking.version_of)."""
        return self.stays.order_by("pk")

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def event_label(self) -> str:
        return self.event_other if self.event == EventKind.OTHER and self.event_other else self.get_event_display()

    @property
    def location(self) -> str:
        place = f"{self.municipality.name}, {self.municipality.department.name}"
        return f"{self.address}, {place}" if self.address else place


class ShelterFamily(DomainModel):
    """A family (or a person alone) registered at a shelter on one day."""

    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="families")
    check_in = models.DateField(_("fecha de ingreso"))
    notes = models.CharField(_("observaciones"), max_length=250, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["check_in", "id"]
        verbose_name = _("familia albergada")
        verbose_name_plural = _("familias albergadas")

    def __str__(self):
        return f"{_('Familia')} #{self.pk}"


class Stay(models.Model):
    """One person's stay at a shelter: present from `check_in`, gone on `check_out`.

    Occupancy of day d counts who spends the night of d there: check_in <= d < check_out
    (check_out open = still there); a stay that begins and ends the same day counts that day.
    The age on check-in is kept so "minors sheltered" does not move when a birth date is corrected."""

    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="stays")
    family = models.ForeignKey(ShelterFamily, on_delete=models.PROTECT, related_name="stays")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="shelter_stays",
                               verbose_name=_("persona"))
    relationship = models.CharField(_("parentesco"), max_length=16, choices=Relationship.choices)
    age_years = models.PositiveSmallIntegerField(_("edad al ingresar (años)"))
    check_in = models.DateField(_("ingreso"))
    check_out = models.DateField(_("salida"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_id", "position", "id"]
        verbose_name = _("estadía")
        verbose_name_plural = _("estadías")
        constraints = [
            # One open stay per person per shelter at a time.
            models.UniqueConstraint(fields=["shelter", "person"], condition=models.Q(check_out__isnull=True),
                                    name="one_open_stay_per_person"),
            models.CheckConstraint(condition=models.Q(check_out__isnull=True)
                                   | models.Q(check_out__gte=models.F("check_in")), name="stay_out_after_in"),
        ]
        indexes = [models.Index(fields=["shelter", "check_in"], name="stay_shelter_in")]

    @property
    def is_present(self) -> bool:
        return self.check_out is None


class Supply(DomainModel):
    """Supplies handed out at a shelter (hygiene kits, rations, blankets...), to a family or
    to the shelter as a whole. Kept here, not as programs.Delivery: the risk-management unit
    is not one of the four programs and its kits must not inflate a program's delivery tables."""

    shelter = models.ForeignKey(Shelter, on_delete=models.PROTECT, related_name="supplies")
    family = models.ForeignKey(ShelterFamily, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="supplies", verbose_name=_("familia"))
    item = models.CharField(_("insumo"), max_length=20, choices=SupplyItem.choices)
    quantity = models.PositiveIntegerField(_("cantidad"))
    date = models.DateField(_("fecha"))
    note = models.CharField(_("observación"), max_length=250, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("insumo entregado")
        verbose_name_plural = _("insumos entregados")
        indexes = [models.Index(fields=["shelter", "date"], name="supply_shelter_date")]

    def __str__(self):
        return f"{self.quantity} × {self.get_item_display()} ({self.date:%d/%m/%Y})"
