"""Coming back to a form after registering a person from it (issue 16 item 5): the enrolment or
request page links to «Registrar persona» with ?next=<its own path>; once the person is saved the
officer lands back on that page with ?persona=<new id>, and the page preselects that person.

Only a relative path of this site is followed (an absolute URL, //host or a scheme is ignored), so
the link cannot send anyone elsewhere with a person's number."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.http import url_has_allowed_host_and_scheme

from tejido.common.query import InvalidQuery, query_id

PERSON_PARAM = "persona"


def safe_next(request) -> str:
    """The ?next= (or posted next) of the request when it is a path of this site, else ""."""
    value = (request.POST.get("next") or request.GET.get("next") or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=set(), require_https=request.is_secure()):
        return ""
    return value


def with_person(path: str, person_id: int) -> str:
    """`path` with ?persona=<id> (replacing one already there)."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != PERSON_PARAM]
    query.append((PERSON_PARAM, str(person_id)))
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def chosen_person_id(request) -> int | None:
    """The ?persona=<id> a page was sent back with (an id that is not a number is ignored)."""
    try:
        return query_id(request.GET, PERSON_PARAM)
    except InvalidQuery:
        return None


def chosen_person(request):
    """The person of ?persona=<id> when the user may see them (the view is logged), else None: a
    number outside the user's scope preselects nothing and says nothing about that person."""
    from tejido.common.errors import NotFoundOrOutOfScope
    from tejido.registry.selectors import person_get

    pk = chosen_person_id(request)
    if pk is None:
        return None
    try:
        return person_get(user=request.user, pk=pk)
    except NotFoundOrOutOfScope:
        return None
