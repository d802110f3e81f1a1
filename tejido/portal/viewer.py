"""Who the public figures are computed for: not a login account, but an in-memory viewer with the
planning role's national, aggregates-only scope (Scope.sees_personal_data is False, nothing is
writable). Figure functions take a user and filter through territory.scope.scope_of(user), which
returns the scope set here; the viewer is never stored, never a request's user, and has no password."""

from tejido.accounts.models import Role
from tejido.territory.scope import Scope

PUBLIC_SCOPE = Scope(role=Role.PLANNER, national=True, department_ids=frozenset(), center_ids=frozenset(),
                     can_write=False, sees_personal_data=False)


class PublicViewer:
    pk = id = None
    username = "transparencia"
    role = Role.PLANNER
    program = ""
    is_superuser = is_staff = False
    # scope_of() only reads a scope for an active, authenticated user; this object is neither a
    # session nor a token, so nothing outside the portal's own builder ever sees it.
    is_active = is_authenticated = True
    is_anonymous = False

    def __init__(self):
        self._tejido_scope = PUBLIC_SCOPE

    def __str__(self):
        return self.username


def public_viewer() -> PublicViewer:
    return PublicViewer()
