"""One error type for rule violations, turned into a form error, a page message or an API
error body in one place (web.forms.apply_error, api.errors)."""


from django.utils.translation import gettext as _


class ApplicationError(Exception):
    """A rule was broken. `message` is Spanish and shown to the user as is.

    `field` names the input the message belongs next to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}


class NotFoundOrOutOfScope(ApplicationError):
    """Raised for a record that does not exist *or* that the user may not see.

    The two cases answer the same, so nobody can guess ids across departments."""

    def __init__(self):
        super().__init__(_("No se encontró el registro o no tiene acceso a él."))


class PermissionDenied(ApplicationError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("Su rol no permite esta acción."))
