"""Who may decide about a pair: central staff and administrators anywhere; a departmental
officer only when both people live in departments they serve. Clerks, auditors, planners and
the protection officer never merge (auditors see merges read-only)."""

from django.utils.translation import gettext as _

from tejido.accounts.models import Role
from tejido.common.errors import PermissionDenied
from tejido.territory.scope import require_personal_data, require_write, scope_of


def may_decide(user, *people) -> bool:
    scope = scope_of(user)
    if not scope.can_write or not scope.sees_personal_data:
        return False
    if scope.national:
        return True
    if scope.role != Role.DEPARTMENT_OFFICER:
        return False
    return all(person.department_id in scope.department_ids for person in people)


def require_decide(user, *people) -> None:
    require_personal_data(user)
    require_write(user)
    if not may_decide(user, *people):
        raise PermissionDenied(_("Solo el personal central o la delegación que atiende a ambas personas puede "
                                 "decidir sobre este par."))


def may_run(user) -> bool:
    """Searching the whole registry is for central staff and administrators."""
    scope = scope_of(user)
    return scope.national and scope.can_write
