"""The same family twice (issue 16 item 6): before a reception creates its members, people already
registered who look like them (the registry's own matching, tejido/dedup/matches.py: names without
accents, surnames in any order, birth date, sex, municipality).

Only people the officer may see are compared: those of the registry's scope plus the members of
the receptions in the officer's scope (made in their departments or destined to them). Nothing
outside is matched, so the warning says nothing about anyone the officer may not see."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.dedup.matches import Match, likely_matches

from .models import ReceptionMember
from .selectors import receptions_in_scope
from .services import MemberData, birth_date_from_age


def visible_members(user) -> Q:
    """People who are members of a reception the user may see."""
    receptions = receptions_in_scope(user, personal=True)
    return Q(pk__in=ReceptionMember.objects.filter(reception__in=receptions).values("person_id"))


def family_matches(*, user, date: dt.date, destination, members: list[MemberData]) -> list[list[Match]]:
    """For each member (same order), the registered people who may be the same."""
    also = visible_members(user)
    found = []
    for member in members:
        birth = member.birth_date
        if birth is None and isinstance(member.age_years, int) and 0 <= member.age_years <= 119:
            birth = birth_date_from_age(member.age_years, date)
        if not isinstance(birth, dt.date):
            found.append([])
            continue
        found.append(likely_matches(user=user, given_names=member.given_names, first_surname=member.first_surname,
                                    second_surname=member.second_surname, birth_date=birth, sex=member.sex,
                                    municipality=destination, also=also, limit=3))
    people = {m.person.pk for row in found for m in row}
    if people:  # received the same day at a reception in scope: most likely the same family again
        same_day = set(ReceptionMember.objects.filter(
            person_id__in=people, reception__date=date,
            reception__in=receptions_in_scope(user, personal=True)).values_list("person_id", flat=True))
        for row in found:
            for match in row:
                if match.person.pk in same_day:
                    match.reasons.append(_("ya recibida el mismo día"))
    return found


class FamilyMayBeRegistered(ApplicationError):
    """Members look like registered people and nobody has decided (the API's 409)."""

    def __init__(self, rows: list[tuple[int, list[Match]]]):
        super().__init__(_("Hay integrantes que podrían ser personas ya registradas. Para cada uno, envíe "
                           "person_id si es la misma persona; para registrar los demás como personas nuevas, "
                           "envíe de nuevo con confirm_distinct = true."), field="confirm_distinct")
        self.rows = rows

    def shown(self) -> list[int]:
        return sorted({m.person.pk for _index, matches in self.rows for m in matches})

    def payload(self) -> dict:
        return {"detail": self.message, "field": self.field, "rows": [
            {"row": index, "matches": [
                {"id": m.person.pk, "full_name": m.person.full_name, "birth_date": m.person.birth_date,
                 "sex": m.person.sex, "municipality": m.person.municipality.name, "score": m.score,
                 "reasons": m.reasons} for m in matches]} for index, matches in self.rows]}


def refuse_likely_duplicates(*, user, date: dt.date, destination, members: list[MemberData]) -> None:
    """Raise FamilyMayBeRegistered when a member not yet said to be someone (no `person`) looks like a
    registered person the user may see. Raised inside the create transaction: the caller logs the
    access to the matches it shows (a log written here would be rolled back with it)."""
    undecided = [m for m in members if m.person is None]
    found = iter(family_matches(user=user, date=date, destination=destination, members=undecided))
    rows = [(index, matches) for index, member in enumerate(members) if member.person is None
            for matches in [next(found)] if matches]
    if rows:
        raise FamilyMayBeRegistered(rows)


def person_may_be_used(user, person_id: int) -> bool:
    """An existing person chosen for a member: one the user may see (registry scope or a member of a
    reception in scope)."""
    from tejido.registry.models import Person
    from tejido.registry.selectors import PERSON_SCOPE
    from tejido.territory.scope import restrict

    in_registry = restrict(Person.objects.filter(pk=person_id), user, **PERSON_SCOPE).exists()
    return in_registry or Person.objects.filter(visible_members(user), pk=person_id).exists()
