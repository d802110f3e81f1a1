"""The one rule of this app: only the protection officer role sees or touches a case.

Not administrators, not central program staff, not auditors: the content of a suspicion of
abuse is for the people who follow it up. Everyone else gets the same "not found" as for a
missing id, so nobody can tell whether a case exists."""

from tejido.accounts.models import Role
from tejido.common.errors import NotFoundOrOutOfScope
from tejido.territory.scope import scope_of


def is_protection_officer(user) -> bool:
    # scope_of treats superusers as administrators and inactive users as nobody.
    return scope_of(user).role == Role.PROTECTION_OFFICER


def require_protection_officer(user) -> None:
    if not is_protection_officer(user):
        raise NotFoundOrOutOfScope()
