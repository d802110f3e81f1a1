"""Recording a nutrition screening: validate, compute WHO z-scores, keep them."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.centers.models import Center
from tejido.common.audit import save_with_history
from tejido.common.capture import check_captured_at
from tejido.common.errors import ApplicationError
from tejido.programs.services import check_center_in_scope
from tejido.registry.models import Person

from .anthropometry import compute
from .models import NutritionScreening

# Hard limits: anything outside is a typing error, not a child (WHO's tables span 45-120 cm
# and the plausibility flags catch the unlikely values inside these).
WEIGHT_KG = (Decimal("0.5"), Decimal("80"))
HEIGHT_CM = (Decimal("35"), Decimal("200"))
SEX_CODE = {"M": 1, "F": 2}


def _check_range(value, limits, field, label):
    if value is not None and not limits[0] <= value <= limits[1]:
        raise ApplicationError(
            _("%(label)s fuera de rango: debe estar entre %(low)s y %(high)s.")
            % {"label": label, "low": limits[0], "high": limits[1]}, field=field)


@transaction.atomic
def screening_record(*, person: Person, center: Center, measured_on: dt.date, weight_kg: Decimal | None,
                     height_cm: Decimal | None, measured: str = "", oedema: bool = False,
                     acting_user, captured_at: dt.datetime | None = None) -> NutritionScreening:
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
    screening = NutritionScreening(
        person=person, center=center, department_id=center.department_id, measured_on=measured_on,
        weight_kg=weight_kg, height_cm=height_cm, measured=measured, oedema=oedema,
        reference=result.reference or "", zwfa=result.rounded("zwfa"), zhfa=result.rounded("zhfa"),
        zwfh=result.rounded("zwfh"), zbfa=result.rounded("zbfa"), acute_class=result.acute_class or "",
        chronic_class=result.chronic_class or "", implausible=list(result.implausible),
        flags=[{"code": f.code, "message": str(f.message)} for f in result.flags], created_by=acting_user,
        captured_at=captured_at,
    )
    save_with_history(screening, acting_user=acting_user)
    return screening
