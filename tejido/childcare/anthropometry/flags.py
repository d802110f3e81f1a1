"""Short codes for what went wrong or needs a second look, each with its Spanish message.

Codes are stable (they are written to CSV files and may be stored); messages may be reworded.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Input that could not be used.
SEX_INVALID = "sexo_invalido"
DATE_INVALID = "fecha_invalida"
MEASURED_BEFORE_BIRTH = "medicion_antes_nacimiento"
AGE_OUT_OF_RANGE = "edad_fuera_rango"
WEIGHT_INVALID = "peso_invalido"
HEIGHT_INVALID = "talla_invalida"
POSITION_INVALID = "posicion_invalida"
OEDEMA_INVALID = "edema_invalido"

# Input used, with a consequence the reader must know about.
STANDING_UNDER_9_MONTHS = "de_pie_menor_9m"
HEIGHT_OUTSIDE_WFH_TABLE = "talla_fuera_tabla_pt"
OEDEMA = "edema"

# A z-score beyond WHO's plausibility limits: returned, but not to be counted.
IMPLAUSIBLE = {
    "zwfa": "zwfa_improbable",
    "zhfa": "zhfa_improbable",
    "zwfh": "zwfh_improbable",
    "zbfa": "zbfa_improbable",
}

MESSAGES = {
    SEX_INVALID: _("Sexo inválido: use 1 (hombre) o 2 (mujer)."),
    DATE_INVALID: _("Fecha de nacimiento o de medición ausente o inválida (use AAAA-MM-DD)."),
    MEASURED_BEFORE_BIRTH: _("La fecha de medición es anterior a la fecha de nacimiento."),
    AGE_OUT_OF_RANGE: _("Edad de 19 años o más: fuera de las referencias de la OMS; no se calcula."),
    WEIGHT_INVALID: _("Peso inválido: debe ser un número mayor que cero, en kilogramos."),
    HEIGHT_INVALID: _("Longitud o talla inválida: debe ser un número mayor que cero, en centímetros."),
    POSITION_INVALID: _("Posición de medición inválida: use L (acostado) o H (de pie)."),
    OEDEMA_INVALID: _("Valor de edema inválido: use s o n; no se calculan los indicadores de peso."),
    STANDING_UNDER_9_MONTHS: _(
        "Medido de pie antes de los 9 meses: la OMS lo considera improbable y toma la medida "
        "como longitud acostado, sin ajuste de 0.7 cm."
    ),
    HEIGHT_OUTSIDE_WFH_TABLE: _(
        "Longitud o talla fuera de la tabla de peso para la longitud (45 a 110 cm) o para la "
        "talla (65 a 120 cm): no se calcula peso para la talla."
    ),
    OEDEMA: _(
        "Edema bilateral: no se calculan los indicadores basados en el peso y se clasifica "
        "como desnutrición aguda severa."
    ),
    IMPLAUSIBLE["zwfa"]: _("Peso para la edad improbable (z menor que -6 o mayor que +5): verifique la medición."),
    IMPLAUSIBLE["zhfa"]: _("Longitud o talla para la edad improbable (z fuera de ±6): verifique la medición."),
    IMPLAUSIBLE["zwfh"]: _("Peso para la longitud o talla improbable (z fuera de ±5): verifique la medición."),
    IMPLAUSIBLE["zbfa"]: _("IMC para la edad improbable (z fuera de ±5): verifique la medición."),
}


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    message: str

    def __str__(self) -> str:
        return self.code


def flag(code: str) -> Flag:
    return Flag(code, MESSAGES[code])
