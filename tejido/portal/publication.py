"""The published figures of a period: the allow-listed report tables built nationally for the
public viewer, protected (small cells) together with the other periods of the same year, cached. A
program or department is a selection of that one national publication, so no two views of the
portal can be subtracted from each other to recover a hidden cell (a department's page shows
exactly its row of the national table, markers included).

Published figures: `manage.py portal_publish` builds each year and stores it (models.PublishedYear);
the public pages then only read that snapshot, so a visitor never waits for a build and a new record
changes nothing public until the next publication. A year never published is built on demand and
cached, as before, and the page says it is not yet published."""

import json
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.reports.period import Period
from tejido.reports.tables import TABLES

from .catalogue import BY_ID, PUBLISHED
from .models import PublishedYear
from .protect import TargetRow, apply, hidden_of, protect_year
from .suppression import COMPLEMENTARY, PRIMARY, RANGES, THRESHOLD, Stats
from .viewer import public_viewer

logger = logging.getLogger(__name__)
CACHE_VERSION = 3  # bumped when the published tables change (issue 17: the people tables)
# Per year, the last protection (protect.protect_year's memo): the other languages of the same
# figures hide the same cells without solving again.
PROTECTIONS: dict[int, dict] = {}
CLOSED_PERIOD_SECONDS = 24 * 3600   # late entries for a closed period still appear the next day
OPEN_PERIOD_SECONDS = 3600           # the current year costs seconds to minutes to build
BUILDS_PER_MINUTE = 6               # per visitor address, cache misses only
DRAWINGS_PER_MINUTE = 40            # charts and maps not yet cached (one page draws up to 15)


class TooManyBuilds(ApplicationError):
    pass


def rule() -> dict:
    return {"threshold": THRESHOLD,
            "markers": {PRIMARY: _("entre 1 y 4 personas"),
                        COMPLEMENTARY: _("cifra reservada para que no se deduzca otra: puede ser cualquier valor, "
                                         "también 0 o menos de 5")},
            # What each marker tells a reader, as numbers: [smallest, largest or null].
            "ranges": {mark: list(bounds) for mark, bounds in RANGES.items()},
            "null_means": _("cifra reservada (ver el marcador en «suppressed»)")}


def family(year: int) -> tuple[dict, list[tuple]]:
    """The periods protected together: the year, its four-month periods and its months, by key,
    and how they nest."""
    periods = {"Y": Period.year(year)}
    periods.update({f"C{n}": Period.four_month(year, n) for n in (1, 2, 3)})
    periods.update({f"M{m}": Period.month(year, m) for m in range(1, 13)})
    nesting = [("Y", ["C1", "C2", "C3"])] + [(f"C{n}", [f"M{m}" for m in range(4 * n - 3, 4 * n + 1)])
                                             for n in (1, 2, 3)]
    return periods, nesting


def build_year(year: int, stats: Stats | None = None) -> dict:
    """Every published table for the whole country, for the year and each of its four-month
    periods and months, protected together: period key -> publication. Not logged as a
    personal-data export: the public viewer's scope holds no personal data. `stats`: filled in
    with what the protection cost (never published: how many "*" hide a count under 5 would say
    something about them)."""
    viewer = public_viewer()
    periods, nesting = family(year)
    contracts = {key: {spec.table_id: _as_published(TABLES[spec.table_id].build(viewer, period).as_contract(), spec)
                       for spec in PUBLISHED} for key, period in periods.items()}
    stats = stats if stats is not None else Stats()
    hidden = protect_year(contracts, nesting, PUBLISHED, target_rows(viewer, year), stats,
                          memo=PROTECTIONS.setdefault(year, {}))
    logger.info("portal %s: %s cells, %s hidden (%s under 5, %s of them as *, %s others) in %.1f s, "
                "%s linear and %s integer programs", year, stats.cells, stats.primary + stats.secondary,
                stats.primary, stats.switched, stats.secondary, stats.seconds, stats.linear_programs,
                stats.integer_programs)
    generated = timezone.now().isoformat(timespec="seconds")
    return {key: {
        "report": "transparency",
        "title": _("Portal de transparencia"),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "scope": {"national": True, "departments": [], "program": None},
        "generated_at": generated,
        "suppression": rule(),
        "tables": [apply(contracts[key][spec.table_id],
                         hidden_of(contracts[key][spec.table_id], spec, key, hidden[spec.table_id]))
                   for spec in PUBLISHED],
    } for key, period in periods.items()}


def _as_published(contract: dict, spec) -> dict:
    """The contract without its omitted columns, and with its rows in an order that does not depend
    on their counts."""
    if spec.note:
        contract["note"] = str(spec.note)
    if spec.omit:
        contract["columns"] = [c for c in contract["columns"] if c["id"] not in spec.omit]
        for row in [*contract["rows"], contract.get("totals") or {}]:
            for column in spec.omit:
                row.pop(column, None)
    codes = (contract.get("drill") or {}).get("rows")
    if spec.rows_by_code and codes:
        order = sorted(range(len(codes)), key=lambda i: str(codes[i].get(spec.rows_by_code, "")))
        contract["rows"] = [contract["rows"][i] for i in order]
        contract["drill"] = {**contract["drill"], "rows": [codes[i] for i in order]}
    return contract


def target_rows(viewer, year: int) -> list[TargetRow] | None:
    """What the plan says of each row of the physical targets table (the same rows every period of
    the year): which outputs count persons (the totals row adds them) and which add their
    sub-outputs. None without a plan."""
    from tejido.planning.figures import physical_targets
    from tejido.planning.models import Output, RuleKind, Unit

    period = Period.year(year)
    rows = physical_targets(viewer, period.start, period.end)["rows"]
    if not rows:
        return None
    adds = set(Output.objects.filter(pk__in=[r["id"] for r in rows if r["id"]],
                                     indicator__kind=RuleKind.SUM_SUBOUTPUTS).values_list("pk", flat=True))
    found = []
    for i, r in enumerate(rows):
        children, k = [], i + 1
        while r["kind"] == "output" and k < len(rows) and rows[k]["kind"] == "suboutput":
            if rows[k].get("unit_code") == r.get("unit_code"):
                children.append(k)  # _sum_suboutputs adds the sub-outputs of the output's own unit
            k += 1
        found.append(TargetRow(label=str(r["output"]),
                               person_output=r["kind"] == "output" and r.get("unit_code") == Unit.PERSON,
                               sums_children=r["kind"] == "output" and r["id"] in adds, children=tuple(children)))
    return found


def period_key(period) -> str:
    for key, candidate in family(period.start.year)[0].items():
        if candidate == period:
            return key
    raise ApplicationError(_("Elija un año, un cuatrimestre o un mes."), field="tipo")


def is_closed(period) -> bool:
    return period.end < timezone.localdate()


def year_key(year: int) -> str:
    return f"portal:{CACHE_VERSION}:{translation.get_language()}:{year}"


def language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def publish_year(year: int, stats: Stats | None = None) -> PublishedYear:
    """Build the year in the active language and store it, replacing the previous publication in
    one transaction: a visitor reads the old figures or the new ones."""
    started = time.monotonic()
    built = build_year(year, stats)
    with transaction.atomic():
        published, _created = PublishedYear.objects.update_or_create(
            year=year, language=language(),
            defaults={"data": json.dumps(built, ensure_ascii=False), "published_at": timezone.now(),
                      "build_seconds": round(time.monotonic() - started, 2)})
    return published


def published(year: int) -> dict | None:
    """The stored publication of a year ({"published_at", "periods"}), None if never published.
    One small query per view for the publication's stamp; the parsed figures are cached under that
    stamp, so a new publication is read at once by every process, without invalidating anything."""
    stamp = PublishedYear.objects.filter(year=year, language=language()).values_list("pk", "published_at").first()
    if stamp is None:
        return None
    pk, published_at = stamp
    key = f"portal:{CACHE_VERSION}:published:{pk}:{published_at.isoformat()}"
    found = cache.get(key)
    if found is None:
        data = PublishedYear.objects.filter(pk=pk).values_list("data", flat=True).first()
        if data is None:  # replaced between the two queries: read the new one
            return published(year)
        found = {"published_at": published_at.isoformat(timespec="seconds"), "periods": json.loads(data)}
        cache.set(key, found, CLOSED_PERIOD_SECONDS)
    return found


def national(period, *, client: str = "") -> dict:
    """The national publication of a period: the stored one (`portal_publish`) when its year was
    published; otherwise built on demand, its whole year at once, and cached (a visitor who makes
    the server build more than BUILDS_PER_MINUTE uncached years in a minute gets TooManyBuilds).
    `published_at` says when it was published, None for an on-demand build."""
    wanted = period_key(period)
    stored = published(period.start.year)
    if stored is not None:
        return {**stored["periods"][wanted], "closed": is_closed(period), "published_at": stored["published_at"]}
    found = cache.get(year_key(period.start.year))
    if found is None:
        throttle(client, "builds", BUILDS_PER_MINUTE)
        found = build_year(period.start.year)
        closed = is_closed(Period.year(period.start.year))
        cache.set(year_key(period.start.year), found, CLOSED_PERIOD_SECONDS if closed else OPEN_PERIOD_SECONDS)
    return {**found[wanted], "closed": is_closed(period), "published_at": None}


def current_minute() -> str:
    return timezone.now().strftime("%Y%m%d%H%M")


def throttle(client: str, what: str, limit: int) -> None:
    """Count a visitor's uncached requests of one kind in the current minute; past `limit`, refuse."""
    key = f"portal:{what}:{client}:{current_minute()}"
    cache.add(key, 0, 120)
    if cache.incr(key) > limit:
        raise TooManyBuilds(_("Demasiadas consultas seguidas de periodos distintos. Espere un minuto e intente "
                              "de nuevo."))


def select(publication: dict, *, program: str = "", department=None) -> dict:
    """The tables of one program and/or one department's rows, markers kept with their cells."""
    tables, national_only = [], []
    for table in publication["tables"]:
        spec = BY_ID[table["id"]]
        if program and spec.program != program:
            continue
        if department is not None:
            if not spec.by_department:
                national_only.append(table["title"])
                continue
            table = _department_rows(table, department.name)
        tables.append(table)
    scope = {"national": department is None, "departments": [department.name] if department else [],
             "program": program or None}
    return {**publication, "scope": scope, "tables": tables, "national_only": national_only}


def _department_rows(table: dict, name: str) -> dict:
    keep = [i for i, row in enumerate(table["rows"]) if row.get("department") == name]
    return {**table, "rows": [table["rows"][i] for i in keep], "totals": {},
            "suppressed": {"rows": [table["suppressed"]["rows"][i] for i in keep], "totals": {}}}
