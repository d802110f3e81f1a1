"""The same family twice (issue 16 item 6): before a reception creates its members, people already
registered who look like them (the registry's own matching, tejido/dedup/matches.py: names without
accents, surnames in any order, birth date, sex, municipality).

Only people the officer may see are compared: those of the registry's scope plus the members of
the receptions in the officer's scope (made in their departments or destined to them). Nothing
outside is matched, so the warning says nothing about anyone the officer may not see."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

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


def person_may_be_used(user, person_id: int) -> bool:
    """An existing person chosen for a member: one the user may see (registry scope or a member of a
    reception in scope)."""
    from tejido.registry.models import Person
    from tejido.registry.selectors import PERSON_SCOPE
    from tejido.territory.scope import restrict

    in_registry = restrict(Person.objects.filter(pk=person_id), user, **PERSON_SCOPE).exists()
    return in_registry or Person.objects.filter(visible_members(user), pk=person_id).exists()
