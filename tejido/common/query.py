from django.core.exceptions import BadRequest
from django.db.models import QuerySet
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # primary keys are bigint; tejido/api/types.py bounds the API's ids the same way


def filter_given(qs: QuerySet, **lookups) -> QuerySet:
    """Apply only the filters the user filled in: list pages and API share optional filters."""
    return qs.filter(**{name: value for name, value in lookups.items() if value not in (None, "")})


class InvalidQuery(BadRequest):
    """A page's query string names a record with something that cannot be an id: a 400 page
    (web.middleware) instead of a database error (SQLite cannot bind 2**64; no column holds 10**30)."""

    def __init__(self, name: str):
        super().__init__(_("El parámetro «%(name)s» de la dirección no es un número de registro válido.")
                         % {"name": name})
        self.message = str(self.args[0])


def parse_id(value, name: str = "id") -> int | None:
    """An id typed in a query string or a form field: None when empty; 1 … 2**63 − 1 or InvalidQuery."""
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise InvalidQuery(name)
    return int(text)


def query_id(params, name: str) -> int | None:
    """The id in `params[name]` (request.GET of a page): every page reads record ids from its query
    string through this, so none reaches the database unbounded."""
    return parse_id(params.get(name), name)
