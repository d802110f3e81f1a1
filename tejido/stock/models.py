"""Products of the catalogue, the stock each SOSEP office holds, and every movement of it.

The level row is the running total per (office, product); movements are the history that
explains it (the stock card). Writers lock the level row, so two exits at once can never
take the same last unit, and the database refuses a negative level as a last guard."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Product(models.Model):
    """An orthopedic product or supply the secretariat hands out (seed 001 table 15)."""

    code = models.SlugField(_("código"), max_length=40, unique=True)
    name = models.CharField(_("nombre"), max_length=120, unique=True)
    unit = models.CharField(_("unidad"), max_length=40)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    active = models.BooleanField(_("activo"), default=True)
    # An office holding this many or fewer is warned on its home page (0: no warning).
    reorder_level = models.PositiveIntegerField(_("nivel de reposición"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("producto")
        verbose_name_plural = _("productos")

    def __str__(self):
        return self.name


class StockLevel(models.Model):
    """How many units of a product an office holds now."""

    office = models.ForeignKey("territory.Office", on_delete=models.PROTECT, related_name="stock_levels",
                               verbose_name=_("sede"))
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="levels",
                                verbose_name=_("producto"))
    quantity = models.IntegerField(_("existencia"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["office__name", "product__order"]
        verbose_name = _("existencia")
        verbose_name_plural = _("existencias")
        constraints = [
            models.UniqueConstraint(fields=["office", "product"], name="one_level_per_office_product"),
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="stock_never_negative"),
        ]

    def __str__(self):
        return f"{self.office}: {self.quantity} {self.product}"


class Movement(models.Model):
    """One change to an office's stock. `delta` is signed: + in, - out. Movements are never
    edited; a mistake is corrected with another movement."""

    class Kind(models.TextChoices):
        ENTRY = "entrada", _("Entrada")
        EXIT = "salida", _("Salida (entrega)")
        TRANSFER_OUT = "traslado_salida", _("Traslado enviado")
        TRANSFER_IN = "traslado_entrada", _("Traslado recibido")

    class Origin(models.TextChoices):
        PURCHASE = "compra", _("Compra")
        DONATION = "donacion", _("Donación")

    office = models.ForeignKey("territory.Office", on_delete=models.PROTECT, related_name="stock_movements",
                               verbose_name=_("sede"))
    # Denormalised from the office, for scope.
    department = models.ForeignKey("territory.Department", on_delete=models.PROTECT, related_name="+",
                                   editable=False)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="movements",
                                verbose_name=_("producto"))
    kind = models.CharField(_("tipo"), max_length=20, choices=Kind.choices)
    origin = models.CharField(_("origen"), max_length=10, choices=Origin.choices, blank=True)
    date = models.DateField(_("fecha"))
    delta = models.IntegerField(_("cantidad"))
    reference = models.CharField(_("referencia o documento"), max_length=60, blank=True)
    note = models.CharField(_("observación"), max_length=250, blank=True)
    # The other office of a transfer and the movement paired with this one.
    other_office = models.ForeignKey("territory.Office", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("otra sede"))
    pair = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    delivery = models.ForeignKey("programs.Delivery", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="stock_movements", verbose_name=_("entrega"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("registrado por"))
    created_at = models.DateTimeField(_("registrado"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("movimiento de existencias")
        verbose_name_plural = _("movimientos de existencias")
        indexes = [models.Index(fields=["office", "product", "date"], name="movement_card"),
                   models.Index(fields=["department", "date"], name="movement_dept_date")]
        constraints = [models.CheckConstraint(condition=~models.Q(delta=0), name="movement_not_zero")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity} {self.product} ({self.date:%d/%m/%Y})"

    @property
    def quantity(self) -> int:
        return abs(self.delta)
