"""Mis Años Dorados (people 60 and older) on the shared program pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.centers.models import CenterKind
from tejido.programs.sites import ProgramSite, register

PROGRAM = Program.ELDERLY
CENTER_KINDS = (CenterKind.ELDERLY_DAY_CENTER, CenterKind.ELDERLY_RESIDENTIAL)


class CareAxis(models.TextChoices):
    """The seven axes of integral care (seed 001 §7)."""

    PSYCHOSOCIAL = "psicosocial", _("Psicosocial")
    CULTURAL = "cultural", _("Cultural")
    RECREATIONAL = "ludico", _("Lúdico")
    PHYSICAL = "fisico_recreativo", _("Físico recreativo")
    EDUCATIONAL = "educativo", _("Educativo")
    OCCUPATIONAL = "terapia_ocupacional", _("Terapia ocupacional")
    HEALTH = "salud", _("Salud")


SITE = register(ProgramSite(
    program=PROGRAM,
    title=_("Mis Años Dorados"),
    center_kinds=CENTER_KINDS,
    prefix="elderly",
    person_noun=_("persona adulta mayor"),
    home_links=((_("Cifras del programa"), "elderly_figures"),
                (_("Atención integral y eventos"), "elderly_activities")),
))
