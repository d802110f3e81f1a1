"""Reading the access log: the auditor's page (/auditoria/accesos/), its export and
/api/v1/auditoria/accesos share these filters, this scope and these readable rows.

Who: the auditor, and an administrator who passed the second factor (a token cannot prove it, so
an administrator's token is refused). Scope: through `tejido.territory.scope.restrict` on the
event's department like every list (auditors are national today; a scoped reader would see only
events on records of her departments). Names: people by name and number, other records by their
own name, child-protection cases by number only and without a link (access_records)."""

import datetime as dt
import ipaddress
from dataclasses import asdict, dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tejido.accounts.models import Role, User
from tejido.territory.scope import restrict, scope_of

from . import access_records as records
from .errors import PermissionDenied
from .models import AccessEvent, AccessEventPerson

# A person search matching more people than this uses the first ones (the page says so).
PERSON_MATCH_CAP = 500
# ... and reads at most this many of their events, the newest (the page says so too).
PERSON_EVENT_CAP = 20_000
# Digits up to this length are a registry number; longer ones the start of a CUI.
REGISTRY_NUMBER_DIGITS = 8
NO_VALUE = "—"


def may_read(user) -> bool:
    scope = scope_of(user)
    if scope.role == Role.AUDITOR:
        return True
    if scope.role == Role.ADMIN:
        # django-otp marks the session's user; a user loaded from an API token has no such mark.
        is_verified = getattr(user, "is_verified", None)
        return callable(is_verified) and bool(is_verified())
    return False


def require_reader(user) -> None:
    if not may_read(user):
        raise PermissionDenied(_("La bitácora de accesos es para auditoría (y para administración con segundo "
                                 "factor)."))


@dataclass(frozen=True)
class AccessFilters:
    """The page's, the export's and the API's filters (all optional)."""

    person: str = ""  # name, CUI or registry number (the registry's own search)
    user: str = ""  # username, or words of the user's name
    action: str = ""  # AccessEvent.Action
    kind: str = ""  # access_records.KIND_SLUGS
    number: str = ""  # the record's number (with kind)
    start: dt.date | None = None
    end: dt.date | None = None
    department: int | None = None
    channel: str = ""  # AccessEvent.Channel
    ip: str = ""

    def given(self) -> dict:
        """The filters used, by their Spanish parameter names (as in the address bar)."""
        return {PARAMS[k]: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(self).items()
                if v not in (None, "")}


# AccessFilters field -> query parameter of the page, the export and the API.
PARAMS = {"person": "persona", "user": "usuario", "action": "accion", "kind": "registro", "number": "numero",
          "start": "desde", "end": "hasta", "department": "departamento", "channel": "canal", "ip": "ip"}


@dataclass
class LogQuery:
    events: QuerySet
    people_matched: int | None = None  # with a person filter: how many people it matched
    people_capped: bool = False
    events_capped: bool = False  # the people's events were more than this:
    event_cap: int = 0


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def person_ids(user, text: str) -> tuple[list[int], bool]:
    """People matching a name, a CUI or a registry number, through the registry's own search and
    the reader's scope (deleted people too: their accesses stay auditable)."""
    from tejido.registry.models import Person
    from tejido.registry.selectors import person_list

    text = text.strip()
    digits = text.lstrip("#").replace(" ", "").replace("-", "")
    if digits.isdecimal() and digits.isascii() and len(digits) <= REGISTRY_NUMBER_DIGITS:
        people = restrict(Person.all_objects.filter(pk=int(digits)), user, department="department_id",
                          personal=True)
    else:
        people = person_list(user=user, q=text, include_deleted=True)
    ids = list(people.order_by().values_list("pk", flat=True)[: PERSON_MATCH_CAP + 1])
    return ids[:PERSON_MATCH_CAP], len(ids) > PERSON_MATCH_CAP


def events_about_people(ids: list[int], cap: int | None = None) -> tuple[list[int], bool]:
    """Ids of the events on these people's records (their own, their households, their
    enrolments, referrals, requests...) and of the exports that carried them; never protection
    cases. The newest `cap` (ids grow with time: the table is append-only), and whether there were
    more. Two index reads, (model, object_id) and the exported people's person_id; one query
    OR-ing them made PostgreSQL walk the whole table by date instead (bench/access_log.py)."""
    cap = PERSON_EVENT_CAP if cap is None else cap
    condition = Q(pk__in=[])
    for label, object_ids in records.records_about(ids):
        condition |= Q(model=label, object_id__in=object_ids)
    on_records = AccessEvent.objects.filter(condition).order_by("-pk").values_list("pk", flat=True)[: cap + 1]
    exported = (AccessEventPerson.objects.filter(person_id__in=ids).order_by("-event_id")
                .values_list("event_id", flat=True)[: cap + 1])
    found = sorted(set(on_records) | set(exported), reverse=True)
    return found[:cap], len(found) > cap


def user_ids(text: str) -> list[int]:
    """A username (exactly), or users whose username or name holds every word."""
    text = text.strip()
    exact = list(User.objects.filter(username__iexact=text).values_list("pk", flat=True))
    if exact:
        return exact
    users = User.objects.all()
    for token in text.split():
        users = users.filter(Q(username__icontains=token) | Q(first_name__icontains=token)
                             | Q(last_name__icontains=token))
    return list(users.values_list("pk", flat=True)[:200])


def access_events(*, user, filters: AccessFilters) -> LogQuery:
    """The events the reader may see that match the filters, newest first."""
    require_reader(user)
    qs = restrict(AccessEvent.objects.select_related("user", "department"), user, department="department_id")
    result = LogQuery(events=qs)
    if filters.person:
        ids, capped = person_ids(user, filters.person)
        result.people_matched, result.people_capped = len(ids), capped
        result.event_cap = PERSON_EVENT_CAP
        events, result.events_capped = events_about_people(ids) if ids else ([], False)
        qs = qs.filter(pk__in=events) if events else qs.none()
    if filters.user:
        qs = qs.filter(user_id__in=user_ids(filters.user))
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.kind:
        label = records.kind_label(filters.kind)
        qs = qs.filter(model=label) if label else qs.none()
    if filters.number:
        qs = qs.filter(object_id=filters.number.strip().lstrip("#"))
    if filters.start:
        qs = qs.filter(at__gte=_day_start(filters.start))
    if filters.end and filters.end < dt.date.max:
        qs = qs.filter(at__lt=_day_start(filters.end + dt.timedelta(days=1)))
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.ip:
        try:
            qs = qs.filter(ip_address=str(ipaddress.ip_address(filters.ip.strip())))
        except ValueError:
            qs = qs.none()
    result.events = qs.order_by("-at", "-id")
    return result


def log_search(user, filters: AccessFilters) -> None:
    """Reading the log with filters is itself logged (a search by a child's name is a search)."""
    from .audit import log_access

    given = filters.given()
    if given:
        log_access(user, AccessEvent.Action.SEARCH, model="common.AccessEvent", filters=given)


# --- readable rows -------------------------------------------------------------------------

@dataclass
class EventRow:
    """One event as the auditor reads it (page, export, API): no internal names."""

    id: int
    at: dt.datetime
    user_id: int | None
    username: str
    user_name: str
    action: str
    action_label: str
    kind: str  # filter slug of the record's kind, "" if none
    kind_label: str
    record_number: str
    record_label: str
    record_url: str | None
    department_id: int | None
    department: str
    ip_address: str | None
    channel: str
    channel_label: str
    user_agent: str
    api_token: str
    detail: str
    protected: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def user_display(self) -> str:
        if not self.username:
            return NO_VALUE
        return f"{self.user_name} ({self.username})" if self.user_name else self.username

    @property
    def where(self) -> str:
        """«página web · Firefox 128 · Windows», «API · token «RENAP (tj_ab12…)» · curl 8», or «—»."""
        if not self.channel:
            return NO_VALUE
        parts = [self.channel_label]
        if self.api_token:
            parts.append(_("token «%(name)s»") % {"name": self.api_token})
        if self.user_agent:
            parts.append(self.user_agent)
        return " · ".join(parts)


_SLUG_OF = {label: slug for slug, label in records.KIND_SLUGS.items()}


def describe(events, viewer) -> list[EventRow]:
    """Readable rows for a page (or a chunk) of events: one query per kind of record named."""
    events = list(events)
    by_label: dict[str, set] = {}
    for event in events:
        if event.object_id and event.action != AccessEvent.Action.EXPORT:
            by_label.setdefault(event.model, set()).add(event.object_id)
    names, links = {}, {}
    for label, object_ids in by_label.items():
        names[label] = records.record_names(label, object_ids)
        links[label] = records.record_links(label, object_ids, viewer)
    channels = dict(AccessEvent.Channel.choices)
    actions = dict(AccessEvent.Action.choices)
    rows = []
    for event in events:
        label, number = event.model, event.object_id
        protected = records.is_protected(label)
        kind = records.kind_name(label)
        if event.action == AccessEvent.Action.EXPORT:
            record_label, url = _export_label(event), None
        elif number:
            record_label = names.get(label, {}).get(number) or f"{capfirst(kind)} {number}"
            url = links.get(label, {}).get(number)
        else:
            record_label, url = capfirst(records.kind_name(label, plural=True)), None
        user = event.user
        rows.append(EventRow(
            id=event.pk, at=event.at, user_id=event.user_id, username=user.username if user else "",
            user_name=user.get_full_name() if user else "", action=event.action,
            action_label=str(actions.get(event.action, event.action)), kind=_SLUG_OF.get(label, ""),
            kind_label=capfirst(kind), record_number=number, record_label=record_label, record_url=url,
            department_id=event.department_id, department=event.department.name if event.department_id else "",
            ip_address=event.ip_address, channel=event.channel,
            channel_label=str(channels.get(event.channel, "")) if event.channel else "",
            user_agent=event.user_agent, api_token=event.api_token, detail=describe_detail(event),
            protected=protected,
        ))
    return rows


def _export_label(event) -> str:
    from .errors import NotFoundOrOutOfScope
    from .exports import get_export

    slug = event.detail.get("list", "")
    try:
        title = str(get_export(slug).title)
    except NotFoundOrOutOfScope:
        title = capfirst(records.kind_name(event.model, plural=True))
    text = _("Lista «%(title)s»") % {"title": title}
    if event.object_id:
        text += " " + _("(del registro %(number)s)") % {"number": event.object_id}
    return text


def describe_detail(event) -> str:
    """The event's details in words: what was searched, the file's format and filters."""
    detail = event.detail or {}
    parts = []
    if detail.get("q"):
        parts.append(_("búsqueda «%(q)s»") % {"q": detail["q"]})
    if detail.get("format"):
        parts.append(str(detail["format"]).upper())
    if "exported_people" in detail:
        people = str(detail["exported_people"])
        if people.startswith("+"):
            parts.append(_("más de %(n)s personas") % {"n": people[1:]})
        elif people.isdecimal():
            parts.append(ngettext("%(n)s persona", "%(n)s personas", int(people)) % {"n": people})
    filters = detail.get("filters") or {}
    if filters:
        parts.append(_("filtros: %(f)s") % {"f": ", ".join(f"{k}={v}" for k, v in filters.items())})
    if detail.get("history"):
        parts.append(_("historial de cambios"))
    if detail.get("file") or detail.get("document"):
        parts.append(_("documento adjunto"))
    if detail.get("ids"):
        parts.append(ngettext("%(n)s registro", "%(n)s registros", len(detail["ids"])) % {"n": len(detail["ids"])})
    if detail.get("status"):
        parts.append(_("estado: %(s)s") % {"s": detail["status"]})
    return "; ".join(parts)
