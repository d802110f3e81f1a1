"""Development scale and Test ABC: profiles, rules, and the first-versus-second comparison
of seed 001 §4.1."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.centers.models import Center
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.programs.ages import age_label, completed_months
from tejido.programs.services import check_center_in_scope
from tejido.registry.models import Person
from tejido.territory.scope import restrict

from .models import ChildEvaluation

Kind = ChildEvaluation.Kind
PROFILES = {
    Kind.DEVELOPMENT_SCALE: [("de_acuerdo", gettext_lazy("De acuerdo a lo esperado")),
                             ("positivo", gettext_lazy("Positivo")), ("negativo", gettext_lazy("Negativo")),
                             ("fluctuante", gettext_lazy("Fluctuante"))],
    Kind.ABC_TEST: [("sobre_la_media", gettext_lazy("Sobre la media")), ("media", gettext_lazy("Media")),
                    ("bajo_la_media", gettext_lazy("Bajo la media")),
                    ("inferior", gettext_lazy("Inferior a la media"))],
}
ABC_FROM_MONTHS = 66  # 5 years 6 months (seed 001 §4.1.1)
# The seed adds negative and fluctuating: the profiles that need focused stimulation.
CHALLENGE_PROFILES = {"negativo", "fluctuante"}


def profile_label(kind: str, code: str) -> str:
    return str(dict(PROFILES.get(kind, [])).get(code, code))


@transaction.atomic
def evaluation_record(*, person: Person, center: Center, kind: str, round: int, evaluated_on: dt.date,
                      profile: str, acting_user) -> ChildEvaluation:
    check_center_in_scope(acting_user, center)
    if kind not in Kind.values:
        raise ApplicationError(_("Tipo de evaluación desconocido."), field="kind")
    if profile not in dict(PROFILES[kind]):
        raise ApplicationError(_("Elija un perfil de la lista."), field="profile")
    if round not in (1, 2):
        raise ApplicationError(_("Elija primera o segunda evaluación."), field="round")
    if evaluated_on > timezone.localdate():
        raise ApplicationError(_("La fecha no puede estar en el futuro."), field="evaluated_on")
    if evaluated_on < person.birth_date:
        raise ApplicationError(_("La evaluación no puede ser anterior al nacimiento."), field="evaluated_on")
    if kind == Kind.ABC_TEST and completed_months(person.birth_date, evaluated_on) < ABC_FROM_MONTHS:
        raise ApplicationError(
            _("El Test ABC se aplica desde los 5 años 6 meses; %(name)s tenía %(age)s.")
            % {"name": person.full_name, "age": age_label(person.birth_date, evaluated_on)}, field="kind")
    evaluation = ChildEvaluation(person=person, center=center, department_id=center.department_id, kind=kind,
                                 round=round, evaluated_on=evaluated_on, year=evaluated_on.year, profile=profile,
                                 created_by=acting_user)
    try:
        with transaction.atomic():
            save_with_history(evaluation, acting_user=acting_user)
    except IntegrityError:
        raise ApplicationError(_("Ya hay una %(round)s %(kind)s de %(year)s para esta niña o niño.")
                               % {"round": _("primera") if round == 1 else _("segunda"),
                                  "kind": Kind(kind).label, "year": evaluated_on.year}, field="round") from None
    return evaluation


def evaluation_comparison(*, user, kind: str, year: int) -> dict:
    """Share of each profile in the first and second evaluation of a year (seed 001 §4.1)."""
    rows = restrict(ChildEvaluation.objects.filter(kind=kind, year=year), user,
                    department="department_id", center="center_id")
    counts = {(r["round"], r["profile"]): r["n"] for r in rows.values("round", "profile").annotate(n=Count("id"))}
    result = []
    for round_number, title in ((1, _("Primera evaluación")), (2, _("Segunda evaluación"))):
        total = sum(n for (r, _p), n in counts.items() if r == round_number)

        def share(n, total=total):
            return round(100 * n / total, 2) if total else None

        cells = [(label, counts.get((round_number, code), 0), share(counts.get((round_number, code), 0)))
                 for code, label in PROFILES[kind]]
        challenge = sum(counts.get((round_number, code), 0) for code in CHALLENGE_PROFILES)
        result.append({"title": title, "total": total, "cells": cells,
                       "challenge": (challenge, share(challenge)) if kind == Kind.DEVELOPMENT_SCALE else None})
    return {"kind": Kind(kind).label, "profiles": [label for _c, label in PROFILES[kind]], "rounds": result}
