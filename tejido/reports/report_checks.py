"""Checks run on every report build (issue 17 item 8): figures that mean the same thing in two
tables of the report must agree, read from the tables as built — no query is run twice, so a
check cannot agree with itself. Each check needs its tables in the report and is skipped when one
is missing (a monthly report without the licences table has no center comparison).

The result is the report's `checks` list (JSON contract, docs/reports.md): every check that ran,
with `ok` and, when it failed, what disagrees. HTML, DOCX and PDF print the ones that failed in
«Comprobaciones entre cuadros»; the consistency page shows them with the data checks."""

from collections.abc import Callable

from django.utils.translation import gettext as _

OVER_TARGET = 1.5  # accumulated execution above 150 % of the current target: review target or rule


def _check(title: str, explanation: str, wrong: list[str]) -> dict:
    return {"title": title, "explanation": explanation if wrong else "", "count": len(wrong), "ok": not wrong,
            "examples": wrong[:20]}


def daycare_center_counts(children: dict, licences: dict) -> tuple[int, int]:
    """(centers where a child was served, from table 1's Hogares Comunitarios + CADI; childcare
    centers in operation at the period's end, from the licences table), read from the two built
    tables. The consistency page compares the same two numbers."""
    from tejido.accounts.models import Program

    totals = children.get("totals") or {}
    served = (totals.get("community_homes") or 0) + (totals.get("cadi") or 0)
    label = str(Program(Program.CHILDCARE).label)
    operating = sum(sum(v for k, v in row.items() if k != "program" and isinstance(v, int))
                    for row in licences["rows"] if row["program"] == label)
    return served, operating


def beyond_target(row: dict) -> bool:
    """A physical-targets row whose accumulated execution is beyond 150 % of its current target."""
    target, done = row.get("target"), row.get("executed_ytd")
    return isinstance(target, int) and bool(target) and isinstance(done, int) and done > OVER_TARGET * target


def daycare_centers(tables: dict, period_end: str) -> dict | None:
    """Table 1's centers where a child was served (Hogares Comunitarios + CADI) against the licences
    table's childcare centers in operation at the period's end (the seed's 80 + 3 vs 82 + 2)."""
    children, licences = tables.get("childcare.children_by_department"), tables.get("agreements.center_licences")
    if children is None or licences is None:
        return None
    served, operating = daycare_center_counts(children, licences)
    wrong = [] if served == operating else [
        _("%(a)s: %(n)s centros con niñas o niños atendidos; %(b)s: %(m)s centros en funcionamiento")
        % {"a": children["title"], "n": served, "b": licences["title"], "m": operating}]
    return _check(_("Centros de primera infancia que no coinciden entre cuadros"),
                  _("Un centro en funcionamiento sin niñas ni niños registrados, o que atendió y cerró, hace que los "
                    "dos cuadros cuenten distinto. Revise en «Consistencia de los datos» qué centros son."), wrong)


def social_service_totals(tables: dict, period_end: str) -> dict | None:
    """Table 16 as published (served + migrants) against the two tables it is made of."""
    published = tables.get("social_service.beneficiaries_with_migrants")
    served = tables.get("social_service.persons_by_department")
    migrants = tables.get("migrants.by_destination_department")
    if published is None or (served is None and migrants is None):
        return None
    totals = published.get("totals") or {}
    wrong = []
    if served is not None and (totals.get("served") or 0) != ((served.get("totals") or {}).get("total") or 0):
        wrong.append(f"{published['title']}: {totals.get('served') or 0:,} ≠ {served['title']}: "
                     f"{(served.get('totals') or {}).get('total') or 0:,}")
    if migrants is not None and (totals.get("migrants") or 0) != ((migrants.get("totals") or {}).get("people") or 0):
        wrong.append(f"{published['title']}: {totals.get('migrants') or 0:,} ≠ {migrants['title']}: "
                     f"{(migrants.get('totals') or {}).get('people') or 0:,}")
    return _check(_("Personas de Servicio Social que no coinciden entre cuadros"),
                  _("El cuadro 16 tal como se publica suma las personas atendidas y las personas migrantes "
                    "recibidas: cada parte debe ser la de su propio cuadro."), wrong)


def execution_far_above_target(tables: dict, period_end: str) -> dict | None:
    """Physical targets whose accumulated execution is beyond 150 % of the current target."""
    targets = tables.get("planning.physical_targets")
    if targets is None:
        return None
    wrong = [f"{r['output']}: {r['executed_ytd']:,} / {r['target']:,}" for r in targets["rows"] if beyond_target(r)]
    return _check(_("Ejecución mayor que 150 % de la meta vigente"),
                  _("Ejecución acumulada de enero al final del periodo: revise la meta o la regla de conteo."), wrong)


TABLE_CHECKS: list[Callable[[dict, str], dict | None]] = [daycare_centers, social_service_totals,
                                                          execution_far_above_target]


def report_checks(report: dict) -> list[dict]:
    """The checks that apply to the report's tables, each with `ok`."""
    tables = {t["id"]: t for t in report["tables"]}
    results = [check(tables, report["period"]["end"]) for check in TABLE_CHECKS]
    return [r for r in results if r is not None]
