"""Recording a nutrition screening: validate, compute WHO z-scores, keep them."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tejido.centers.models import Center
from tejido.common.audit import save_with_history
from tejido.common.capture import check_captured_at
from tejido.common.errors import ApplicationError
from tejido.programs.services import check_center_in_scope
from tejido.registry.models import Person

from .anthropometry import compute
from .anthropometry.engine import PLAUSIBLE_Z
from .models import NutritionScreening

# Hard limits: anything outside is refused, confirmed or not (a weight in grams, a height in
# millimetres). Inside them, what is unlikely for the child's age and sex is judged by WHO's
# plausibility limits on the z-scores (anthropometry/engine.py PLAUSIBLE_Z) and needs the
# user's confirmation: a height of 9.3 cm at two years is a z of -25, most likely 93 cm typed
# wrong, so it is shown and asked about rather than refused outright.
WEIGHT_KG = (Decimal("0.5"), Decimal("80"))
HEIGHT_CM = (Decimal("1"), Decimal("200"))
SEX_CODE = {"M": 1, "F": 2}
# Which measure to point at when an indicator is implausible.
IMPLAUSIBLE_FIELD = {"zhfa": "height_cm", "zwfa": "weight_kg", "zwfh": "weight_kg", "zbfa": "weight_kg"}
INDICATOR_LABELS = {
    "zwfa": _lazy("Peso para la edad"),
    "zhfa": _lazy("Longitud o talla para la edad"),
    "zwfh": _lazy("Peso para la longitud o talla"),
    "zbfa": _lazy("IMC para la edad"),
}


class ImplausibleMeasure(ApplicationError):
    """A measure whose z-score is outside WHO's plausibility limits, not confirmed by the user.
    Nothing was saved. `z`: the rounded z-scores computed, `implausible`: the indicators flagged."""

    def __init__(self, message, *, field, z: dict, implausible: tuple[str, ...]):
        super().__init__(message, field=field)
        self.z = z
        self.implausible = implausible


def implausible_message(z: dict, implausible) -> str:
    """«Medida improbable para la edad y el sexo: Longitud o talla para la edad: z = -25.46 (la OMS
    considera improbable un valor fuera de -6 a +6). Verifique la medida.»"""
    parts = []
    for indicator in implausible:
        low, high = PLAUSIBLE_Z[indicator]
        parts.append(_("%(indicator)s: z = %(z).2f (la OMS considera improbable un valor fuera de %(low)g a +%(high)g)")
                     % {"indicator": INDICATOR_LABELS[indicator], "z": z[indicator], "low": low, "high": high})
    return _("Medida improbable para la edad y el sexo: %(detail)s. Verifique la medida.") % {
        "detail": "; ".join(parts)}


def _check_range(value, limits, field, label):
    if value is not None and not limits[0] <= value <= limits[1]:
        raise ApplicationError(
            _("%(label)s fuera de rango: debe estar entre %(low)s y %(high)s.")
            % {"label": label, "low": limits[0], "high": limits[1]}, field=field)


@transaction.atomic
def screening_record(*, person: Person, center: Center, measured_on: dt.date, weight_kg: Decimal | None,
                     height_cm: Decimal | None, measured: str = "", oedema: bool = False,
                     confirmed: bool = False, acting_user,
                     captured_at: dt.datetime | None = None) -> NutritionScreening:
    """Validate, compute the WHO z-scores and keep them. A z-score outside WHO's plausibility
    limits raises ImplausibleMeasure (nothing saved) unless `confirmed`; a confirmed one is saved
    with its flags and, as WHO does, left out of the classes and the figures. `captured_at`: when
    a phone took it offline (tejido/offline)."""
    screening = screening_build(person=person, center=center, measured_on=measured_on, weight_kg=weight_kg,
                                height_cm=height_cm, measured=measured, oedema=oedema, confirmed=confirmed,
                                acting_user=acting_user, captured_at=captured_at)
    save_with_history(screening, acting_user=acting_user)
    return screening


def screening_build(*, person: Person, center: Center, measured_on: dt.date, weight_kg: Decimal | None,
                    height_cm: Decimal | None, measured: str = "", oedema: bool = False, confirmed: bool = False,
                    acting_user, captured_at: dt.datetime | None = None) -> NutritionScreening:
    """screening_record's rules and z-scores, unsaved (ScreeningsAtOnce writes many at once)."""
    check_center_in_scope(acting_user, center)
    captured_at = check_captured_at(captured_at)
    if measured_on > timezone.localdate():
        raise ApplicationError(_("La fecha de medición no puede estar en el futuro."), field="measured_on")
    if measured_on < person.birth_date:
        raise ApplicationError(_("La fecha de medición es anterior al nacimiento."), field="measured_on")
    if weight_kg is None and height_cm is None:
        raise ApplicationError(_("Escriba el peso, la talla o ambos."), field="weight_kg")
    _check_range(weight_kg, WEIGHT_KG, "weight_kg", _("El peso"))
    _check_range(height_cm, HEIGHT_CM, "height_cm", _("La talla"))
    if measured not in ("", "L", "H"):
        raise ApplicationError(_("Posición desconocida."), field="measured")
    result = compute(sex=SEX_CODE[person.sex], birth_date=person.birth_date, measure_date=measured_on,
                     weight_kg=float(weight_kg) if weight_kg is not None else None,
                     height_cm=float(height_cm) if height_cm is not None else None,
                     measured=measured or None, oedema=oedema)
    if result.implausible and not confirmed:
        z = {indicator: result.rounded(indicator) for indicator in PLAUSIBLE_Z}
        field = "height_cm" if "zhfa" in result.implausible else IMPLAUSIBLE_FIELD[result.implausible[0]]
        raise ImplausibleMeasure(implausible_message(z, result.implausible), field=field, z=z,
                                 implausible=result.implausible)
    screening = NutritionScreening(
        person=person, center=center, department_id=center.department_id, measured_on=measured_on,
        weight_kg=weight_kg, height_cm=height_cm, measured=measured, oedema=oedema,
        reference=result.reference or "", zwfa=result.rounded("zwfa"), zhfa=result.rounded("zhfa"),
        zwfh=result.rounded("zwfh"), zbfa=result.rounded("zbfa"), acute_class=result.acute_class or "",
        chronic_class=result.chronic_class or "", implausible=list(result.implausible),
        flags=[{"code": f.code, "message": str(f.message)} for f in result.flags], created_by=acting_user,
        captured_at=captured_at,
    )
    return screening


@dataclass(frozen=True)
class ScreeningRequest:
    person_id: int
    center_id: int
    measured_on: dt.date
    weight_kg: Decimal | None
    height_cm: Decimal | None
    measured: str = ""
    oedema: bool = False


class ScreeningsAtOnce:
    """Many screenings (an import) with screening_record's rules and z-scores, the people and centers
    loaded once per call, written with one bulk insert and its «+» history rows (who, when, which
    import). Implausible measures are refused: an import has nobody to confirm them."""

    def __init__(self, acting_user):
        self.user = acting_user
        self.built: dict[int, NutritionScreening] = {}

    def check(self, requests: list[ScreeningRequest]) -> dict[int, ApplicationError]:
        people = Person.objects.in_bulk({r.person_id for r in requests})
        centers = Center.objects.in_bulk({r.center_id for r in requests})
        refused, self.built = {}, {}
        for position, r in enumerate(requests):
            try:
                self.built[position] = screening_build(
                    person=people[r.person_id], center=centers[r.center_id], measured_on=r.measured_on,
                    weight_kg=r.weight_kg, height_cm=r.height_cm, measured=r.measured, oedema=r.oedema,
                    acting_user=self.user)
            except ApplicationError as error:
                refused[position] = error
        return refused

    @transaction.atomic
    def create(self, requests: list[ScreeningRequest], *, reason: str) -> list[NutritionScreening]:
        from simple_history.utils import bulk_create_with_history

        refused = self.check(requests)
        if refused:
            raise refused[min(refused)]
        return bulk_create_with_history([self.built[i] for i in range(len(requests))], NutritionScreening,
                                        default_user=self.user, default_change_reason=reason)
