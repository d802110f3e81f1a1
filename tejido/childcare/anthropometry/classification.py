"""The secretariat's nutrition classes, from z-scores rounded to 2 decimals.

Acute (from weight-for-length/height under 5 years, BMI-for-age from 5 years):
    dpc_severa      z < -3
    dpc_moderada    -3 <= z < -2
    normal          -2 <= z <= +2
    sobrepeso       +2 < z <= +3
    obesidad        z > +3
Chronic (length/height-for-age):
    retardo_crecimiento   z < -2 (and `severe` when z < -3)
    normal                otherwise
Underweight (weight-for-age, WHO's "underweight" indicator, up to 10 years):
    bajo_peso_severo      z < -3
    bajo_peso             -3 <= z < -2
    normal                otherwise

The z is rounded to 2 decimals first, as WHO's software does before it counts a child, so
the class always agrees with the z printed next to it: a child shown at -2.00 is normal.
"""

from django.utils.translation import gettext_lazy as _

from .lms import round_z

ACUTE_SEVERE_BELOW = -3.0
ACUTE_MODERATE_BELOW = -2.0
OVERWEIGHT_ABOVE = 2.0
OBESITY_ABOVE = 3.0
STUNTING_BELOW = -2.0
SEVERE_STUNTING_BELOW = -3.0
UNDERWEIGHT_BELOW = -2.0
SEVERE_UNDERWEIGHT_BELOW = -3.0

DPC_SEVERA = "dpc_severa"
DPC_MODERADA = "dpc_moderada"
NORMAL = "normal"
SOBREPESO = "sobrepeso"
OBESIDAD = "obesidad"
RETARDO_CRECIMIENTO = "retardo_crecimiento"
BAJO_PESO = "bajo_peso"
BAJO_PESO_SEVERO = "bajo_peso_severo"

ACUTE_LABELS = {
    DPC_SEVERA: _("Desnutrición aguda severa"),
    DPC_MODERADA: _("Desnutrición aguda moderada"),
    NORMAL: _("Normal"),
    SOBREPESO: _("Sobrepeso"),
    OBESIDAD: _("Obesidad"),
}
CHRONIC_LABELS = {
    RETARDO_CRECIMIENTO: _("Retardo del crecimiento (desnutrición crónica)"),
    NORMAL: _("Normal"),
}
SEVERE_STUNTING_LABEL = _("Retardo del crecimiento severo")
UNDERWEIGHT_LABELS = {
    BAJO_PESO_SEVERO: _("Bajo peso severo"),
    BAJO_PESO: _("Bajo peso"),
    NORMAL: _("Normal"),
}


def classify_acute(z: float | None) -> str | None:
    z = round_z(z)
    if z is None:
        return None
    if z < ACUTE_SEVERE_BELOW:
        return DPC_SEVERA
    if z < ACUTE_MODERATE_BELOW:
        return DPC_MODERADA
    if z <= OVERWEIGHT_ABOVE:
        return NORMAL
    if z <= OBESITY_ABOVE:
        return SOBREPESO
    return OBESIDAD


def classify_chronic(z: float | None) -> str | None:
    z = round_z(z)
    if z is None:
        return None
    return RETARDO_CRECIMIENTO if z < STUNTING_BELOW else NORMAL


def is_severe_stunting(z: float | None) -> bool | None:
    z = round_z(z)
    return None if z is None else z < SEVERE_STUNTING_BELOW


def classify_underweight(z: float | None) -> str | None:
    z = round_z(z)
    if z is None:
        return None
    if z < SEVERE_UNDERWEIGHT_BELOW:
        return BAJO_PESO_SEVERO
    return BAJO_PESO if z < UNDERWEIGHT_BELOW else NORMAL
