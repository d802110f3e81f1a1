"""Tamizajes nutricionales: weight and height of a child measured at a center, with the form's
rules and computations (childcare.screening.screening_build: center in scope, dates, plausible
ranges, WHO z-scores and classification) applied to a batch of rows at once by ScreeningsAtOnce
and written with one bulk insert and its history rows (base.CheckedAtOnce)."""

from django.utils.translation import gettext_lazy

from tejido.childcare.screening import ScreeningRequest, ScreeningsAtOnce

from ..fields import Coded, Column, parse_date, parse_decimal, parse_yes_no
from .base import CheckedAtOnce
from .enrolments import CENTER, PERSON, PersonAtCenterKind, PersonLookup

MEASURED_ON, WEIGHT, HEIGHT, POSITION = "Fecha de medición", "Peso (kg)", "Talla (cm)", "Posición"


class Position:
    """«Acostado» (length, L) or «De pie» (height, H); the import's Coded needs choices-like data."""

    choices = [("L", gettext_lazy("Acostado")), ("H", gettext_lazy("De pie"))]


class ScreeningsKind(CheckedAtOnce, PersonAtCenterKind):
    slug = "tamizajes"
    label = gettext_lazy("Tamizajes nutricionales")
    key_help = gettext_lazy("Persona + centro + fecha de medición.")
    service_fields = {"person": PERSON, "center": CENTER, "measured_on": MEASURED_ON, "weight_kg": WEIGHT,
                      "height_cm": HEIGHT, "measured": POSITION}

    def __init__(self):
        self.person = Column("person_id", PERSON, True, PersonLookup(),
                             gettext_lazy("CUI (13 dígitos) o número de registro de la niña o el niño en Tejido"))
        self.center = Column("center_id", CENTER, True, None,
                             gettext_lazy("Número del centro («número - nombre» de la lista)"))
        self.columns = [
            self.person, self.center,
            Column("measured_on", MEASURED_ON, True, parse_date, gettext_lazy("dd/mm/aaaa, aaaa-mm-dd o dd-mm-aaaa")),
            Column("weight_kg", WEIGHT, False, parse_decimal, gettext_lazy("Kilogramos, p. ej. 12.5 (0.5 a 80)")),
            Column("height_cm", HEIGHT, False, parse_decimal,
                   gettext_lazy("Centímetros, p. ej. 86.4 (35 a 200); peso, talla o ambos")),
            Column("measured", POSITION, False,
                   Coded(Position, aliases={"Acostada": "L", "Longitud": "L", "Parado": "H", "Parada": "H"}),
                   gettext_lazy("Acostado o De pie; vacío: según la edad"), ["Acostado", "De pie"]),
            Column("oedema", "Edema", False, parse_yes_no, gettext_lazy("Sí o No"), ["Sí", "No"]),
        ]

    def key(self, clean: dict) -> str:
        return f"{clean['person_id']}|{clean['center_id']}|{clean['measured_on']:%Y-%m-%d}"

    def at_once(self, user) -> ScreeningsAtOnce:
        return ScreeningsAtOnce(user)

    def requests(self, records) -> list[ScreeningRequest]:
        return [ScreeningRequest(person_id=r["person_id"], center_id=r["center_id"], measured_on=r["measured_on"],
                                 weight_kg=r["weight_kg"], height_cm=r["height_cm"], measured=r["measured"] or "",
                                 oedema=bool(r["oedema"])) for r in records]
