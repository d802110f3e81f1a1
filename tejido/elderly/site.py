"""Mis Años Dorados (people 60 and older) on the shared program pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.centers.models import CenterKind
from tejido.programs.models import DELIVERY_ITEM_LABELS
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


class ElderlyItem(models.TextChoices):
    """What the program hands out (seed 001 §7.5: 27,367 kits of "Activo Me Siento Bien")."""

    STIMULATION_KIT = "kit_estimulacion", _("Kit de materiales de estimulación (Activo Me Siento Bien)")
    FOOD = "alimentos", _("Ración o bolsa de alimentos")
    HYGIENE_KIT = "kit_higiene", _("Kit de higiene")
    GLASSES = "lentes", _("Lentes graduados")
    MEDICINE = "medicamento", _("Medicamento")


DELIVERY_ITEM_LABELS.update(ElderlyItem.choices)

# Where the program refers people (seed 001 §7.2: 268 people joined MINTRAB's PAM).
PAM = "Programa de Aporte Económico del Adulto Mayor (PAM), MINTRAB"
REFERRAL_INSTITUTIONS = (PAM, "Centro de Salud (MSPAS)", "Procuraduría General de la Nación (PGN)", "RENAP")


SITE = register(ProgramSite(
    program=PROGRAM,
    title=_("Mis Años Dorados"),
    center_kinds=CENTER_KINDS,
    prefix="elderly",
    person_noun=_("persona adulta mayor"),
    home_links=((_("Cifras del programa"), "elderly_figures"),
                (_("Atención integral y eventos"), "elderly_activities"),
                (_("Entregas de kits y alimentos"), "elderly_deliveries"),
                (_("Derivaciones"), "elderly_referrals")),
    row_links=((_("Visita domiciliaria"), "elderly_home_visit"), (_("Derivar"), "elderly_refer")),
))
