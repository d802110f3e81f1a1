"""Donations received by the Donations Unit (seed 001 §8, table 20): who gave, when, at which
office, the items split into property, plant and equipment vs. materials and supplies, their
value in quetzales, the documents, and where each item went (distributions).

Scope is the receiving office's department (denormalised on the donation and on each
distribution). Items that match a stock product enter that office's stock when received."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tejido.accounts.models import Program
from tejido.common.models import DomainModel
from tejido.programs.models import DELIVERY_ITEM_LABELS


class Donor(DomainModel):
    class Kind(models.TextChoices):
        NATIONAL = "nacional", _("Nacional")
        INTERNATIONAL = "internacional", _("Internacional")
        PRIVATE = "privado", _("Privado")
        GOVERNMENT = "gobierno", _("Gobierno")

    name = models.CharField(_("entidad donante"), max_length=200)
    kind = models.CharField(_("tipo de donante"), max_length=15, choices=Kind.choices)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("donante")
        verbose_name_plural = _("donantes")
        constraints = [models.UniqueConstraint(fields=["name"], condition=models.Q(deleted_at__isnull=True),
                                               name="unique_live_donor_name")]

    def __str__(self):
        return self.name


class Donation(DomainModel):
    donor = models.ForeignKey(Donor, on_delete=models.PROTECT, related_name="donations", verbose_name=_("donante"))
    received_on = models.DateField(_("fecha de recepción"))
    office = models.ForeignKey("territory.Office", on_delete=models.PROTECT, related_name="donations",
                               verbose_name=_("sede que recibe"))
    # Denormalised from the office, for scope.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    certificate_number = models.CharField(_("número de acta o certificado"), max_length=40, blank=True)
    certificate = models.FileField(_("certificado o acta de donación"), upload_to="donations/%Y/", blank=True,
                                   max_length=200)
    invoice = models.FileField(_("factura"), upload_to="donations/%Y/", blank=True, max_length=200)
    note = models.CharField(_("observación"), max_length=250, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("donación")
        verbose_name_plural = _("donaciones")
        indexes = [models.Index(fields=["department", "received_on"], name="donation_dept_date")]

    def __str__(self):
        return f"{self.code} — {self.donor}"

    @property
    def code(self) -> str:
        return f"DON-{self.pk:05d}" if self.pk else "DON-?"


class Category(models.TextChoices):
    PROPERTY = "propiedad", _("Propiedad, planta y equipo")
    SUPPLIES = "materiales", _("Materiales y suministros")


class DonationItem(models.Model):
    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="items",
                                 verbose_name=_("donación"))
    description = models.CharField(_("descripción"), max_length=250)
    quantity = models.PositiveIntegerField(_("cantidad"))
    unit = models.CharField(_("unidad"), max_length=40)
    category = models.CharField(_("categoría"), max_length=12, choices=Category.choices)
    value = models.DecimalField(_("valor en quetzales"), max_digits=14, decimal_places=2)
    product = models.ForeignKey("stock.Product", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("producto del inventario"))
    # The stock entry made when the item was received (stock products only).
    entry = models.OneToOneField("stock.Movement", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", editable=False)
    order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["donation", "order", "id"]
        verbose_name = _("bien donado")
        verbose_name_plural = _("bienes donados")
        constraints = [models.CheckConstraint(condition=models.Q(value__gte=0), name="donation_item_value_gte_0"),
                       models.CheckConstraint(condition=models.Q(quantity__gte=1), name="donation_item_quantity_gte_1")]

    def __str__(self):
        return f"{self.quantity} {self.description}"

    @property
    def label(self) -> str:
        return f"{self.quantity} {self.unit} — {self.description}"


class Distribution(DomainModel):
    class Kind(models.TextChoices):
        PROGRAM = "programa", _("A un programa")
        OFFICE = "sede", _("A una sede")
        BENEFICIARY = "beneficiario", _("A un beneficiario")

    item = models.ForeignKey(DonationItem, on_delete=models.PROTECT, related_name="distributions",
                             verbose_name=_("bien donado"))
    # Denormalised from the donation's office, for scope.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    kind = models.CharField(_("destino"), max_length=12, choices=Kind.choices)
    program = models.CharField(_("programa"), max_length=20, choices=Program.choices, blank=True)
    office = models.ForeignKey("territory.Office", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("sede de destino"))
    person = models.ForeignKey("registry.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("persona beneficiaria"))
    date = models.DateField(_("fecha"))
    quantity = models.PositiveIntegerField(_("cantidad"))
    receipt = models.CharField(_("número de constancia"), max_length=40)
    note = models.CharField(_("observación"), max_length=250, blank=True)
    exit = models.OneToOneField("stock.Movement", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", editable=False)
    delivery = models.OneToOneField("programs.Delivery", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("distribución")
        verbose_name_plural = _("distribuciones")
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gte=1), name="distribution_quantity_gte_1")]

    def __str__(self):
        return f"{self.quantity} × {self.item.description} ({self.date:%d/%m/%Y})"

    @property
    def destination(self) -> str:
        if self.kind == self.Kind.OFFICE and self.office_id:
            return str(self.office)
        if self.program:
            return self.get_program_display()
        return self.get_kind_display()


# Deliveries to beneficiaries of a donated good that is not a catalogue product.
DELIVERY_ITEM_LABELS.setdefault("donacion", _("Bien donado"))
