"""The one place that decides which records a user may see and change.

Pages, API, exports and reports all filter through `restrict()` and fetch single records
through `get_for_user()`, so a Zacapa officer can never list, open, export, count or guess
the id of a Jutiapa child by any route."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tejido.accounts.models import Role
from tejido.common.errors import NotFoundOrOutOfScope, PermissionDenied

NATIONAL_READ_ROLES = {Role.ADMIN, Role.PROGRAM_STAFF, Role.AUDITOR, Role.PLANNER, Role.PROTECTION_OFFICER}
WRITE_ROLES = {Role.ADMIN, Role.PROGRAM_STAFF, Role.DEPARTMENT_OFFICER, Role.CENTER_CLERK}
# Planning staff work with aggregates; they never open a person's record.
PERSONAL_DATA_ROLES = {Role.ADMIN, Role.PROGRAM_STAFF, Role.AUDITOR, Role.DEPARTMENT_OFFICER, Role.CENTER_CLERK,
                       Role.PROTECTION_OFFICER}


@dataclass(frozen=True)
class Scope:
    role: str
    national: bool
    department_ids: frozenset
    center_ids: frozenset
    can_write: bool
    sees_personal_data: bool

    @property
    def is_empty(self) -> bool:
        return not self.national and not self.department_ids and not self.center_ids


_NO_SCOPE = Scope("", False, frozenset(), frozenset(), False, False)


def scope_of(user) -> Scope:
    """The user's scope, computed once per request object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _NO_SCOPE
    cached = getattr(user, "_tejido_scope", None)
    if cached is not None:
        return cached
    role = Role.ADMIN if user.is_superuser else user.role
    national = role in NATIONAL_READ_ROLES
    scope = Scope(
        role=role,
        national=national,
        department_ids=frozenset() if national or role != Role.DEPARTMENT_OFFICER
        else frozenset(user.departments.values_list("id", flat=True)),
        center_ids=frozenset() if national or role != Role.CENTER_CLERK
        else frozenset(user.centers.values_list("id", flat=True)),
        can_write=role in WRITE_ROLES,
        sees_personal_data=role in PERSONAL_DATA_ROLES,
    )
    user._tejido_scope = scope
    return scope


def restrict(qs: QuerySet, user, *, department: str, center: str | None = None,
             personal: bool = False, served_via=None) -> QuerySet:
    """Filter `qs` to what `user` may see.

    department: lookup path from the model to its Department id (e.g. "department_id").
    center: lookup path to the Center id, for center data-entry users; without it they see
            nothing of this model.
    personal: the rows are personal data (people, households), hidden from planning staff.
    served_via: optional function(scope) -> Q that also admits rows served inside the scope
            (a child living in Jutiapa who attends a Zacapa CADI is visible to Zacapa).
    """
    scope = scope_of(user)
    if personal and not scope.sees_personal_data:
        return qs.none()
    if scope.national:
        return qs
    if scope.department_ids:
        own = Q(**{f"{department}__in": scope.department_ids})
    elif scope.center_ids and center:
        own = Q(**{f"{center}__in": scope.center_ids})
    else:
        return qs.none()
    extra = served_via(scope) if served_via else None
    # An empty Q(pk__in=[]) adds nothing: leave it out so the plan stays the simple one.
    if extra is None or extra == Q(pk__in=[]):
        return qs.filter(own)
    return qs.filter(own | extra)


def get_for_user(qs: QuerySet, pk, user, **restrict_kwargs):
    """One record by id, through the user's scope. Missing and forbidden answer alike."""
    try:
        return restrict(qs, user, **restrict_kwargs).get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError, OverflowError):
        # OverflowError: an id beyond 64 bits (/jornadas/60419790065872010215424/) was a 500 on SQLite
        raise NotFoundOrOutOfScope() from None


def require_write(user) -> Scope:
    scope = scope_of(user)
    if not scope.can_write:
        raise PermissionDenied(_("Su rol es de solo lectura: no puede registrar ni modificar datos."))
    return scope


def require_department_in_scope(user, department_id: int, *, field: str = "municipality") -> None:
    """Writers may only place records inside their own territory."""
    scope = scope_of(user)
    if scope.national:
        return
    if department_id not in scope.department_ids:
        from tejido.common.errors import ApplicationError

        raise ApplicationError(_("Ese municipio está fuera de los departamentos que usted atiende."), field=field)


def require_personal_data(user) -> Scope:
    """Planning staff work with aggregates: pages and endpoints that show people call this."""
    scope = scope_of(user)
    if not scope.sees_personal_data:
        raise PermissionDenied(_("Su rol trabaja con cifras agregadas; no consulta datos personales."))
    return scope


def personal_data_page(view):
    """A page that shows people: refused to roles that work with aggregates, and marked so that
    `may_open` can leave its links out of their pages (a link that answers 403 is not offered)."""
    import functools

    @functools.wraps(view)
    def page(request, *args, **kwargs):
        require_personal_data(request.user)
        return view(request, *args, **kwargs)

    page.needs_personal_data = True
    return page


def may_open(user, path: str) -> bool:
    """Whether `user`'s role may open the page at `path` (the scope of a particular record is
    still checked by the page itself)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return not getattr(match.func, "needs_personal_data", False) or scope_of(user).sees_personal_data
