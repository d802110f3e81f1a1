"""Counting rules: the fixed vocabulary of indicator kinds, each a function that counts an
output's execution from the records for any period and scope.

An Indicator row says which rule and with which parameters (data planning staff edit);
this module says how each rule counts. Every count goes through the user's territorial
scope (`restrict`), like the other figures: a departmental officer gets the count of
their departments only. Manual values are national, so outside the national scope they
answer None ("no aplica")."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.accounts.models import Program
from tejido.centers.models import Center, CenterKind
from tejido.centers.selectors import operating_between
from tejido.common.errors import ApplicationError
from tejido.programs.figures import SCOPE, served_in
from tejido.programs.models import Event
from tejido.programs.selectors import event_list
from tejido.territory.scope import restrict, scope_of

from .models import RuleKind, Unit


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    choices: tuple = ()        # allowed values ((value, label), ...); empty: free text
    many: bool = False         # a list of values
    required: bool = False


PROGRAM = Param("program", gettext_lazy("Programa"), tuple(Program.choices), required=True)
CENTER_KINDS = Param("center_kinds", gettext_lazy("Tipos de centro (vacío: todos)"), tuple(CenterKind.choices),
                     many=True)
EVENT_KINDS = Param("event_kinds", gettext_lazy("Tipos de evento"), tuple(Event.Kind.choices), many=True,
                    required=True)
CATEGORY = Param("category", gettext_lazy("Categoría del evento (opcional)"))
CENTER_KIND = Param("center_kind", gettext_lazy("Tipo de centro"), tuple(CenterKind.choices), required=True)


@dataclass(frozen=True)
class Rule:
    kind: str
    params: tuple[Param, ...]
    count: Callable   # count(user, start, end, params, output, cache) -> int | None
    # The report drill-down (tejido.reports.drill_sources) listing what `count` counted, as link
    # parameters; None when the count is not of listable records (typed values, sums, people
    # counted without a record).
    drill: Callable | None = None   # drill(params) -> dict


def months_in(year: int, start: dt.date, end: dt.date) -> list[int]:
    """Months of `year` that overlap the period [start, end]."""
    months = []
    for month in range(1, 13):
        first = dt.date(year, month, 1)
        last = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
        if first <= end and last >= start:
            months.append(month)
    return months


def _unique_persons(user, start, end, params, output, cache):
    """Distinct people with an enrolment in the program overlapping the period (optionally at
    centers of some kinds); department = the center's."""
    qs = restrict(served_in(params["program"], start, end), user, **SCOPE)
    if params.get("center_kinds"):
        qs = qs.filter(center__kind__in=params["center_kinds"])
    return qs.aggregate(n=Count("person", distinct=True))["n"]


def _events_held(user, start, end, params, output, cache):
    """Events of the program and kinds dated in the period, where they took place; not the trainings
    of the program's own staff (audience «personal»), which no output of the plan counts."""
    qs = event_list(user=user, program=params["program"], start=start, end=end).filter(
        kind__in=params["event_kinds"]).exclude(audience=Event.Audience.STAFF)
    if params.get("category"):
        qs = qs.filter(category=params["category"])
    return qs.order_by().count()


def _families_received(user, start, end, params, output, cache):
    """Returned migrant family units received in the period (the migrants app's own count)."""
    from tejido.migrants.figures import families_and_people

    return families_and_people(user=user, start=start, end=end)["total"]["families"]


def _migrant_persons_received(user, start, end, params, output, cache):
    """Members of the returned migrant families received in the period (seed 001 table 19: 20,000
    persons); a person received twice is received twice, as the seed counts receptions."""
    from tejido.migrants.figures import families_and_people

    return families_and_people(user=user, start=start, end=end)["total"]["people"]


def _units_created(user, start, end, params, output, cache):
    """Centers of a kind opened in the period (women's productive units organised)."""
    qs = Center.objects.filter(kind=params["center_kind"], opened_on__gte=start, opened_on__lte=end)
    return restrict(qs, user, department="department_id", center="id").count()


def _units_active(user, start, end, params, output, cache):
    """Centers of a kind in operation at some day of the period (women's productive units)."""
    qs = Center.objects.filter(operating_between(start, end), kind=params["center_kind"])
    return restrict(qs, user, department="department_id", center="id").count()


def _persons_social_service(user, start, end, params, output, cache):
    """Distinct people with a social-service delivery or outreach attendance, plus those
    counted at outreach days (seed 001 table 16's total)."""
    from tejido.socialservice.figures import people_by_department

    return people_by_department(user=user, start=start, end=end)["total"]["total"]


def _persons_served_with_migrants(user, start, end, params, output, cache):
    """Seed 001 table 16 as published: people served by social service plus returned migrants
    received (24,490 = 4,490 + 20,000), where the plan's output counts both."""
    return (_persons_social_service(user, start, end, params, output, cache)
            + _migrant_persons_received(user, start, end, params, output, cache))


def _manual(user, start, end, params, output, cache):
    """Monthly values typed by planning staff; national, so only national roles see them."""
    if not scope_of(user).national:
        return None
    months = months_in(output.activity.plan.year, start, end)
    return output.manual_values.filter(month__in=months).aggregate(n=Sum("value"))["n"] or 0


def _sum_suboutputs(user, start, end, params, output, cache):
    """The executed values of the sub-outputs with the output's own unit, added."""
    values = [executed(child, user, start, end, cache) for child in output.children.all()
              if child.unit == output.unit]
    values = [v for v in values if v is not None]
    return sum(values) if values else None


RULES: dict[str, Rule] = {rule.kind: rule for rule in (
    Rule(RuleKind.UNIQUE_PERSONS_ENROLLED, (PROGRAM, CENTER_KINDS), _unique_persons,
         lambda p: {"fuente": "personas", "programa": p["program"], "tipo": p.get("center_kinds", [])}),
    Rule(RuleKind.EVENTS_HELD, (PROGRAM, EVENT_KINDS, CATEGORY), _events_held,
         lambda p: {"fuente": "eventos", "programa": p["program"], "tipo": p["event_kinds"],
                    "categoria": p.get("category", "")}),
    Rule(RuleKind.FAMILIES_RECEIVED, (), _families_received, lambda p: {"fuente": "recepciones"}),
    Rule(RuleKind.MIGRANT_PERSONS_RECEIVED, (), _migrant_persons_received,
         lambda p: {"fuente": "recepciones", "medida": "people"}),
    Rule(RuleKind.UNITS_CREATED, (CENTER_KIND,), _units_created,
         lambda p: {"fuente": "centros_creados", "tipo": p["center_kind"]}),
    Rule(RuleKind.UNITS_ACTIVE, (CENTER_KIND,), _units_active,
         lambda p: {"fuente": "centros_en_funcionamiento", "tipo": p["center_kind"]}),
    Rule(RuleKind.PERSONS_SERVED_SOCIAL_SERVICE, (), _persons_social_service),
    Rule(RuleKind.PERSONS_SERVED_WITH_MIGRANTS, (), _persons_served_with_migrants),
    Rule(RuleKind.SUM_SUBOUTPUTS, (), _sum_suboutputs),
    Rule(RuleKind.MANUAL, (), _manual),
)}


# What each rule counts, as the plan's unit of measure: a «Persona» output counted in families (or
# an event output counted in people) would put the wrong figure beside its target. Sums and typed
# values take the output's own unit.
RULE_UNITS = {
    RuleKind.UNIQUE_PERSONS_ENROLLED: Unit.PERSON,
    RuleKind.PERSONS_SERVED_SOCIAL_SERVICE: Unit.PERSON,
    RuleKind.MIGRANT_PERSONS_RECEIVED: Unit.PERSON,
    RuleKind.PERSONS_SERVED_WITH_MIGRANTS: Unit.PERSON,
    RuleKind.EVENTS_HELD: Unit.EVENT,
    RuleKind.FAMILIES_RECEIVED: Unit.FAMILY,
    RuleKind.UNITS_CREATED: Unit.ENTITY,
    RuleKind.UNITS_ACTIVE: Unit.ENTITY,
}


def check_unit(kind: str, unit: str) -> None:
    """Refuse a counting rule whose unit is not the output's (ApplicationError on `kind`)."""
    counts = RULE_UNITS.get(kind)
    if counts is not None and counts != unit:
        raise ApplicationError(
            _("La regla «%(rule)s» cuenta en «%(counts)s» y el producto se mide en «%(unit)s»: elija una regla de "
              "la misma unidad de medida o el valor mensual digitado.")
            % {"rule": RuleKind(kind).label, "counts": Unit(counts).label, "unit": Unit(unit).label}, field="kind")


def clean_params(kind: str, params: dict) -> dict:
    """The parameters a rule takes, checked against its vocabulary; raises ApplicationError."""
    rule = RULES.get(kind)
    if rule is None:
        raise ApplicationError(_("Elija una regla de conteo de la lista."), field="kind")
    cleaned = {}
    for param in rule.params:
        value = params.get(param.name)
        if param.many:
            value = [v for v in (value or []) if v not in ("", None)]
            if isinstance(value, str):
                value = [value]
        else:
            value = (value or "").strip() if isinstance(value, str) or value is None else value
        if param.required and not value:
            raise ApplicationError(_("Falta el parámetro «%(p)s» de la regla.") % {"p": param.label},
                                   field=param.name)
        allowed = {c[0] for c in param.choices}
        for v in (value if param.many else [value] if value else []):
            if allowed and v not in allowed:
                raise ApplicationError(_("«%(v)s» no es un valor permitido para «%(p)s».") % {"v": v, "p": param.label},
                                       field=param.name)
        if value:
            cleaned[param.name] = value
    return cleaned


def describe(indicator) -> str:
    """A readable sentence for the rule and its parameters (shown on the plan page)."""
    if indicator is None:
        return _("Sin regla de conteo")
    labels = []
    rule = RULES.get(indicator.kind)
    for param in rule.params if rule else ():
        value = indicator.params.get(param.name)
        if not value:
            continue
        names = dict(param.choices)
        values = value if isinstance(value, list) else [value]
        labels.append(f"{param.label}: " + ", ".join(str(names.get(v, v)) for v in values))
    text = str(indicator.get_kind_display())
    return f"{text} ({'; '.join(labels)})" if labels else text


def drill_params(output) -> dict:
    """Link parameters for the records behind the output's executed value ({} when none)."""
    indicator = getattr(output, "indicator", None)
    rule = RULES.get(indicator.kind) if indicator is not None else None
    if rule is None or rule.drill is None:
        return {}
    return {k: v for k, v in rule.drill(indicator.params or {}).items() if v not in ("", [], None)}


def executed(output, user, start: dt.date, end: dt.date, cache: dict | None = None) -> int | None:
    """The output's executed value in [start, end] for the user's scope; None: no rule or not
    applicable. `cache` (output id -> value) spares recounting sub-outputs for their product."""
    cache = {} if cache is None else cache
    if output.pk in cache:
        return cache[output.pk]
    indicator = getattr(output, "indicator", None)
    rule = RULES.get(indicator.kind) if indicator is not None else None
    cache[output.pk] = None if rule is None else rule.count(user, start, end, indicator.params or {}, output, cache)
    return cache[output.pk]


# --- The same counts for several cumulative periods at once (dashboards, month by month) -------
#
# A dashboard asks each output's value for January 1 → end of each month. Counting each month
# again costs one query per output per month; these series read each rule's records once and
# accumulate by date. Each one gives, for every `end` in `ends`, exactly `executed(output, user,
# start, end)` (tested against it for every rule).

def _cumulative(dates, ends: list[dt.date]) -> list[int]:
    """How many of `dates` fall on or before each of `ends`."""
    ordered = sorted(d for d in dates if d is not None)
    out, i = [], 0
    for end in ends:
        while i < len(ordered) and ordered[i] <= end:
            i += 1
        out.append(i)
    return out


def _unique_persons_series(user, start, ends, params, output, cache):
    # A person counts from their first enrolment start among the enrolments still open on `start`.
    from django.db.models import Min

    qs = restrict(served_in(params["program"], start, ends[-1]), user, **SCOPE)
    if params.get("center_kinds"):
        qs = qs.filter(center__kind__in=params["center_kinds"])
    firsts = qs.order_by().values("person").annotate(first=Min("start")).values_list("first", flat=True)
    return _cumulative((max(first, start) for first in firsts), ends)


def _events_held_series(user, start, ends, params, output, cache):
    qs = event_list(user=user, program=params["program"], start=start, end=ends[-1]).filter(
        kind__in=params["event_kinds"]).exclude(audience=Event.Audience.STAFF)
    if params.get("category"):
        qs = qs.filter(category=params["category"])
    return _cumulative(qs.order_by().values_list("date", flat=True), ends)


def _families_received_series(user, start, ends, params, output, cache):
    from tejido.migrants.figures import _receptions

    return _cumulative(_receptions(user, start, ends[-1]).order_by().values_list("date", flat=True), ends)


def _migrant_persons_received_series(user, start, ends, params, output, cache):
    from tejido.migrants.figures import _receptions
    from tejido.migrants.models import ReceptionMember

    receptions = _receptions(user, start, ends[-1]).values("pk")
    return _cumulative(ReceptionMember.objects.filter(reception__in=receptions).order_by()
                       .values_list("reception__date", flat=True), ends)


def _units_created_series(user, start, ends, params, output, cache):
    qs = Center.objects.filter(kind=params["center_kind"], opened_on__gte=start, opened_on__lte=ends[-1])
    return _cumulative(restrict(qs, user, department="department_id", center="id").values_list("opened_on", flat=True),
                       ends)


def _units_active_series(user, start, ends, params, output, cache):
    qs = Center.objects.filter(operating_between(start, ends[-1]), kind=params["center_kind"])
    spans = list(restrict(qs, user, department="department_id", center="id").values_list("opened_on", "closed_on"))
    # in operation in start…end: opened by `end` (closed_on >= start holds for every row fetched)
    return [sum(1 for opened, _closed in spans if opened is None or opened <= end) for end in ends]


SERIES: dict[str, Callable] = {
    RuleKind.UNIQUE_PERSONS_ENROLLED: _unique_persons_series,
    RuleKind.EVENTS_HELD: _events_held_series,
    RuleKind.FAMILIES_RECEIVED: _families_received_series,
    RuleKind.MIGRANT_PERSONS_RECEIVED: _migrant_persons_received_series,
    RuleKind.UNITS_CREATED: _units_created_series,
    RuleKind.UNITS_ACTIVE: _units_active_series,
}


def executed_series(output, user, start: dt.date, ends: list[dt.date], cache: dict | None = None) -> list:
    """[executed(output, user, start, end) for end in ends] (ends ascending), reading each rule's
    records once where the rule allows it; `cache` (output id -> series) serves sub-outputs."""
    cache = {} if cache is None else cache
    if output.pk in cache:
        return cache[output.pk]
    indicator = getattr(output, "indicator", None)
    rule = RULES.get(indicator.kind) if indicator is not None else None
    params = (indicator.params or {}) if indicator is not None else {}
    if rule is None or not ends:
        series = [None] * len(ends)
    elif indicator.kind in SERIES:
        series = SERIES[indicator.kind](user, start, ends, params, output, cache)
    elif indicator.kind == RuleKind.SUM_SUBOUTPUTS:
        children = [executed_series(child, user, start, ends, cache) for child in output.children.all()
                    if child.unit == output.unit]
        series = [(sum(v for v in values if v is not None) if any(v is not None for v in values) else None)
                  for values in zip(*children, strict=True)] if children else [None] * len(ends)
    else:  # typed values and social service's mixed count: one count per period, as before
        series = [rule.count(user, start, end, params, output, {}) for end in ends]
    cache[output.pk] = series
    return series
