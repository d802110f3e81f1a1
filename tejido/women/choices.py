"""Coded values of the women's program."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductLine(models.TextChoices):
    """Product lines of productive units and productive trainings (seed 001 §5.3)."""

    SWEETS = "dulces_tipicos", _("Dulces típicos")
    PRESERVES = "envasado", _("Envasado de frutas y verduras")
    BAKERY = "reposteria", _("Repostería")
    CLEANING = "limpieza", _("Productos de limpieza")
    PERSONAL_CARE = "uso_personal", _("Productos de uso personal")
    WEAVING = "tejidos", _("Tejidos y artesanías típicas")
    FABRIC_PAINTING = "pintura_tela", _("Pintura en tela")
    FLORISTRY = "floristeria", _("Floristería")
    PLASTIC_BAGS = "bolsas_plasticas", _("Bolsas plásticas")
    EMBROIDERY = "bordado", _("Bordado a mano")
    CANDLES = "velas", _("Candelas y velas aromáticas")
    OTHER = "otro", _("Otra")


class TrainingKind(models.TextChoices):
    """The four areas of training the seed reports (001 §5.3)."""

    ORGANIZATION = "organizacion", _("Organización de unidades productivas")
    HUMAN_DEVELOPMENT = "desarrollo_humano", _("Desarrollo humano")
    PRODUCTIVE = "actividad_productiva", _("Actividad productiva")
    ENTREPRENEURSHIP = "emprendimiento", _("Emprendimiento y empresarialidad")
