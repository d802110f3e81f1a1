"""Coded values of the registry, Spanish labels as the secretariat reports them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "M", _("Hombre")
    FEMALE = "F", _("Mujer")


class Pueblo(models.TextChoices):
    MAYA = "maya", _("Maya")
    GARIFUNA = "garifuna", _("Garífuna")
    XINCA = "xinca", _("Xinka")
    LADINO = "ladino", _("Ladino / Mestizo")
    AFRODESCENDANT = "afro", _("Afrodescendiente / Creole")
    FOREIGN = "extranjero", _("Extranjero")
    NOT_STATED = "no_indica", _("No indica")


class LanguageCommunity(models.TextChoices):
    SPANISH = "espanol", _("Español")
    ACHI = "achi", _("Achi")
    AKATEKO = "akateko", _("Akateko")
    AWAKATEKO = "awakateko", _("Awakateko")
    CHALCHITEKO = "chalchiteko", _("Chalchiteko")
    CHORTI = "chorti", _("Ch'orti'")
    CHUJ = "chuj", _("Chuj")
    ITZA = "itza", _("Itza'")
    IXIL = "ixil", _("Ixil")
    JAKALTEKO = "jakalteko", _("Jakalteko (Popti')")
    KAQCHIKEL = "kaqchikel", _("Kaqchikel")
    KICHE = "kiche", _("K'iche'")
    MAM = "mam", _("Mam")
    MOPAN = "mopan", _("Mopan")
    POQOMAM = "poqomam", _("Poqomam")
    POQOMCHI = "poqomchi", _("Poqomchi'")
    QANJOBAL = "qanjobal", _("Q'anjob'al")
    QEQCHI = "qeqchi", _("Q'eqchi'")
    SAKAPULTEKO = "sakapulteko", _("Sakapulteko")
    SIPAKAPENSE = "sipakapense", _("Sipakapense")
    TEKTITEKO = "tektiteko", _("Tektiteko")
    TZUTUJIL = "tzutujil", _("Tz'utujil")
    USPANTEKO = "uspanteko", _("Uspanteko")
    GARIFUNA = "garifuna", _("Garífuna")
    XINCA = "xinka", _("Xinka")
    NOT_STATED = "no_indica", _("No indica")


MAYAN_LANGUAGES = {
    c for c in LanguageCommunity.values
    if c not in {"espanol", "garifuna", "xinka", "no_indica"}
}


class Disability(models.TextChoices):
    NONE = "ninguna", _("Ninguna")
    PHYSICAL = "fisica", _("Física / motriz")
    VISUAL = "visual", _("Visual")
    HEARING = "auditiva", _("Auditiva")
    INTELLECTUAL = "intelectual", _("Intelectual")
    PSYCHOSOCIAL = "psicosocial", _("Psicosocial")
    MULTIPLE = "multiple", _("Múltiple")
    NOT_STATED = "no_indica", _("No indica")


class PovertyStatus(models.TextChoices):
    NOT_ASSESSED = "sin_estudio", _("Sin estudio socioeconómico")
    NOT_POOR = "no_pobre", _("No pobre")
    POOR = "pobreza", _("Pobreza")
    EXTREME = "pobreza_extrema", _("Pobreza extrema")


class Relationship(models.TextChoices):
    HEAD = "jefe", _("Jefe/a de hogar")
    SPOUSE = "conyuge", _("Cónyuge o pareja")
    CHILD = "hijo", _("Hijo/a")
    GRANDCHILD = "nieto", _("Nieto/a")
    PARENT = "padre", _("Padre o madre")
    SIBLING = "hermano", _("Hermano/a")
    OTHER_RELATIVE = "otro_pariente", _("Otro pariente")
    NOT_RELATED = "no_pariente", _("No pariente")


class HouseholdKind(models.TextChoices):
    HOUSEHOLD = "hogar", _("Hogar")
    MIGRANT_FAMILY = "unidad_migrante", _("Unidad familiar migrante retornada")
