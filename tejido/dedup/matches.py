"""Before a new registration is saved: people already registered who look like the same person.

Not a Splink run (that takes the whole registry): one indexed query picks people born the same
year whose name shares a word with the new one, and a small deterministic
scorer keeps those that agree on given names, surnames and birth date. Only people inside the
user's scope are listed."""

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils.translation import gettext as _

from tejido.common.text import normalize_text
from tejido.registry.cui import clean_cui
from tejido.registry.models import Person
from tejido.registry.selectors import PERSON_SCOPE
from tejido.territory.scope import restrict, scope_of

WARN_AT = 7.0
MAX_CANDIDATES = 500


@dataclass
class Match:
    person: Person
    score: float
    reasons: list[str] = field(default_factory=list)


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def _given_score(new: str, old: str) -> tuple[float, str]:
    if new == old:
        return 3, _("mismos nombres")
    if new.split(" ")[0] == old.split(" ")[0]:
        return 2, _("mismo primer nombre")
    if _similar(new, old):
        return 2, _("nombres parecidos")
    return 0, ""


def _surname_score(new: list[str], old: list[str]) -> tuple[float, str]:
    if sorted(new) == sorted(old):
        return 3, _("mismos apellidos") if new == old else _("apellidos en otro orden")
    if _similar(" ".join(sorted(new)), " ".join(sorted(old))):
        return 2, _("apellidos parecidos")
    if set(new) & set(old):
        return 1.5, _("un apellido en común")
    return 0, ""


def _birth_score(new: dt.date, old: dt.date) -> tuple[float, str]:
    if new == old:
        return 3, _("misma fecha de nacimiento")
    if abs((new - old).days) <= 31:
        return 2, _("fecha de nacimiento cercana")
    if new.year == old.year:
        return 1, _("mismo año de nacimiento")
    return 0, ""


def score(new: dict, person: Person) -> Match | None:
    """Match when given names and surnames both agree at least partly and the total reaches WARN_AT;
    twins (same surnames and birth date, different given names) never do."""
    cui = new.get("cui")
    if cui and person.cui:
        return Match(person, 10, [_("mismo CUI")]) if cui == person.cui else None
    given, given_why = _given_score(new["given"], normalize_text(person.given_names))
    surnames, surname_why = _surname_score(new["surnames"], normalize_text(
        f"{person.first_surname} {person.second_surname}").split())
    if given < 2 or surnames < 1.5:
        return None
    born, born_why = _birth_score(new["birth_date"], person.birth_date)
    total = given + surnames + born
    reasons = [r for r in (given_why, surname_why, born_why) if r]
    if new.get("sex") and new["sex"] != person.sex:
        total -= 2
    if new.get("municipality_id") == person.municipality_id:
        total += 1
        reasons.append(_("mismo municipio"))
    return Match(person, total, reasons) if total >= WARN_AT else None


def likely_matches(*, user, given_names: str, first_surname: str, second_surname: str = "",
                   birth_date: dt.date, sex: str = "", cui: str | None = None, municipality=None,
                   exclude_pk=None, limit: int = 5, also: Q | None = None) -> list[Match]:
    """`also`: more people the user may see besides the registry's scope (the members of the
    migrant receptions in their scope, tejido/migrants/duplicates.py)."""
    given = normalize_text(given_names)
    surnames = normalize_text(f"{first_surname} {second_surname}").split()
    if not given or not surnames or not isinstance(birth_date, dt.date):
        return []
    cui = clean_cui(cui or "") or None
    words = [w for w in [given.split(" ")[0], *surnames] if len(w) >= 3]
    same_name = Q()
    for word in words:
        same_name |= Q(search_name__contains=word)
    year = Q(birth_date__gte=dt.date(birth_date.year, 1, 1), birth_date__lte=dt.date(birth_date.year, 12, 31))
    # A birth date off by a day may cross New Year: look at the neighbouring days too.
    near = Q(birth_date__gte=birth_date - dt.timedelta(days=31), birth_date__lte=birth_date + dt.timedelta(days=31))
    blocked = (year | near) & same_name if words else Q(pk__in=[])
    qs = restrict(Person.objects.select_related("municipality"), user, **PERSON_SCOPE)
    scope = scope_of(user)
    if also is not None and scope.sees_personal_data and not scope.national:  # national: everyone already
        qs = Person.objects.select_related("municipality").filter(Q(pk__in=qs.values("pk")) | also)
    qs = qs.filter(blocked)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    new = {"given": given, "surnames": surnames, "birth_date": birth_date, "sex": sex, "cui": cui,
           "municipality_id": getattr(municipality, "pk", municipality)}
    found = [m for m in (score(new, p) for p in qs.order_by()[:MAX_CANDIDATES]) if m]
    return sorted(found, key=lambda m: (-m.score, m.person.pk))[:limit]


def registration_matches(user, data: dict) -> list[Match]:
    """likely_matches for the fields of a registration form or API payload. A CUI already taken is
    left to the registry's own refusal ("Ese CUI ya pertenece a otra persona"), next to the field."""
    cui = clean_cui(data.get("cui") or "")
    if cui and Person.all_objects.filter(cui=cui).exists():
        return []
    return likely_matches(user=user, given_names=data.get("given_names") or "",
                          first_surname=data.get("first_surname") or "",
                          second_surname=data.get("second_surname") or "", birth_date=data.get("birth_date"),
                          sex=data.get("sex") or "", cui=data.get("cui"), municipality=data.get("municipality"))


def matches_payload(matches: list[Match]) -> dict:
    """The API's 409 body: what the page shows, for a client to ask the same question."""
    return {
        "detail": _("Hay personas registradas que podrían ser la misma. Revise la lista; si es una persona "
                    "distinta, envíe de nuevo con confirm_distinct = true."),
        "field": "confirm_distinct",
        "matches": [{"id": m.person.pk, "full_name": m.person.full_name, "birth_date": m.person.birth_date.isoformat(),
                     "sex": m.person.sex, "municipality": m.person.municipality.name, "score": m.score,
                     "reasons": m.reasons} for m in matches],
    }
