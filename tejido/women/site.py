"""Mejoramiento Socioeconómico de la Mujer on the shared program pages: women enrolled in
productive units (Center kind PRODUCTIVE_UNIT, a named group in a municipality)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.centers.models import CenterKind
from tejido.programs.sites import ProgramSite, register

PROGRAM = Program.WOMEN
CENTER_KINDS = (CenterKind.PRODUCTIVE_UNIT,)


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


SITE = register(ProgramSite(
    program=PROGRAM,
    title=_("Mejoramiento Socioeconómico de la Mujer"),
    center_kinds=CENTER_KINDS,
    prefix="women",
    person_noun=_("mujer"),
))
