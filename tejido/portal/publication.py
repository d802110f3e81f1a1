"""The published figures of a period: the allow-listed report tables built nationally for the
public viewer, protected (small cells), cached; a program or department is a selection of that one
national publication, so no two views of the portal can be subtracted from each other to recover a
hidden cell (a department's page shows exactly its row of the national table, markers included)."""

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.reports.tables import TABLES

from .catalogue import BY_ID, PUBLISHED
from .protect import apply, hidden_cells
from .suppression import COMPLEMENTARY, PRIMARY, THRESHOLD, TOTALS
from .viewer import public_viewer

CACHE_VERSION = 1
CLOSED_PERIOD_SECONDS = 24 * 3600   # late entries for a closed period still appear the next day
OPEN_PERIOD_SECONDS = 15 * 60
BUILDS_PER_MINUTE = 6               # per visitor address, cache misses only
DRAWINGS_PER_MINUTE = 40            # charts and maps not yet cached (one page draws up to 15)


class TooManyBuilds(ApplicationError):
    pass


def rule() -> dict:
    return {"threshold": THRESHOLD,
            "markers": {PRIMARY: _("entre 1 y 4 personas"),
                        COMPLEMENTARY: _("cifra reservada para que no se deduzca otra de los totales")},
            "null_means": _("cifra reservada (ver el marcador en «suppressed»)")}


def _protect_all(contracts: dict) -> dict:
    """Hidden cells of every table. The grand total of one population (the women served) appears in
    several tables: hidden in one, it is hidden in all, and their suppression is run again."""
    forced = {spec.table_id: frozenset() for spec in PUBLISHED}
    while True:
        hidden = {spec.table_id: hidden_cells(contracts[spec.table_id], spec, forced[spec.table_id])
                  for spec in PUBLISHED}
        populations = {population for spec in PUBLISHED for column, population in spec.shared.items()
                       if (TOTALS, column) in hidden[spec.table_id]}
        wanted = {spec.table_id: frozenset((TOTALS, column) for column, population in spec.shared.items()
                                           if population in populations) for spec in PUBLISHED}
        if wanted == forced:
            return hidden
        forced = wanted


def build_national(period) -> dict:
    """Every published table for the whole country, protected. Not logged as a personal-data
    export: the public viewer's scope holds no personal data."""
    viewer = public_viewer()
    contracts = {spec.table_id: TABLES[spec.table_id].build(viewer, period).as_contract() for spec in PUBLISHED}
    hidden = _protect_all(contracts)
    return {
        "report": "transparency",
        "title": _("Portal de transparencia"),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "scope": {"national": True, "departments": [], "program": None},
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "suppression": rule(),
        "tables": [apply(contracts[spec.table_id], hidden[spec.table_id]) for spec in PUBLISHED],
    }


def is_closed(period) -> bool:
    return period.end < timezone.localdate()


def national(period, *, client: str = "") -> dict:
    """The cached national publication; a visitor who makes the server build more than
    BUILDS_PER_MINUTE uncached periods in a minute gets TooManyBuilds."""
    key = f"portal:{CACHE_VERSION}:{translation.get_language()}:{period.start}:{period.end}"
    found = cache.get(key)
    if found is not None:
        return found
    throttle(client, "builds", BUILDS_PER_MINUTE)
    found = build_national(period)
    found["closed"] = is_closed(period)
    cache.set(key, found, CLOSED_PERIOD_SECONDS if found["closed"] else OPEN_PERIOD_SECONDS)
    return found


def throttle(client: str, what: str, limit: int) -> None:
    """Count a visitor's uncached requests of one kind in the current minute; past `limit`, refuse."""
    minute = timezone.now().strftime("%Y%m%d%H%M")
    key = f"portal:{what}:{client}:{minute}"
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
