"""Build a report (a list of registered tables) for a period and scope, as the JSON contract
of docs/reports.md. Every format renders the result of `build_report`, so HTML, XLSX and JSON
carry the same numbers."""

import copy
import dataclasses

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.common.audit import log_access
from tejido.common.db_router import reading_from_replica
from tejido.common.errors import ApplicationError
from tejido.territory.models import Department
from tejido.territory.scope import scope_of

from .narrative import narrative_of
from .period import Period
from .report_checks import report_checks
from .tables import TABLES

# Report id -> (title, table ids in order; None = every registered table in the seed's order).
# The four-monthly report follows seed 003's sections in its order: financial execution by spending
# group and by activity, each program by department (daycare, social service with the products and
# the returned migrants, women with their income, the elderly with day and permanent centers), the
# physical targets, donations and shelters. The monthly one carries physical and financial
# execution (seed 004) and the counts a director reviews every month.
REPORTS = {
    "annual": (gettext_lazy("Memoria de labores"), None),
    "four_monthly": (gettext_lazy("Informe cuatrimestral de rendición de cuentas"), [
        "planning.budget_by_group", "planning.budget_execution",
        "childcare.children_by_department", "childcare.attendance_average",
        "social_service.endowments_by_department", "social_service.persons_by_department",
        "social_service.products_delivered", "migrants.by_destination_department",
        "women.by_department", "women.income_by_department",
        "elderly.by_department", "elderly.care_by_department",
        "planning.physical_targets", "donations.received", "shelters.by_shelter"]),
    "monthly": (gettext_lazy("Informe mensual"), [
        "childcare.children_by_department", "childcare.attendance_average", "women.by_department",
        "social_service.persons_by_department", "migrants.by_reception_center", "elderly.by_department",
        "planning.physical_targets", "planning.budget_by_group", "planning.budget_execution"]),
}


def narrowed_user(user, department_ids):
    """The same user, seeing only the chosen departments of their scope: every figure function
    filters through scope_of(user), so narrowing the scope narrows every table alike."""
    if not department_ids:
        return user
    scope = scope_of(user)
    wanted = frozenset(int(d) for d in department_ids)
    if not scope.national and not wanted <= scope.department_ids:
        raise ApplicationError(_("Hay departamentos fuera de su territorio."), field="departamento")
    narrowed = copy.copy(user)
    narrowed._tejido_scope = dataclasses.replace(scope, national=False, department_ids=wanted,
                                                 center_ids=frozenset(), can_write=False)
    return narrowed


# The order of the sections in the seed's annual report.
SECTION_ORDER = ["childcare", "protection", "women", "social_service", "migrants", "elderly", "donations", "shelters",
                 "agreements", "programs", "planning"]


def _section(table_id: str) -> int:
    prefix = table_id.split(".")[0]
    return SECTION_ORDER.index(prefix) if prefix in SECTION_ORDER else len(SECTION_ORDER)


def table_ids(report_id: str, program: str = "") -> list[str]:
    if report_id not in REPORTS:
        raise ApplicationError(_("No existe el informe «%(id)s».") % {"id": report_id}, field="informe")
    ids = REPORTS[report_id][1] or sorted(TABLES, key=_section)
    return [t for t in ids if t in TABLES and (not program or TABLES[t].program == program)]


def build_tables(report_id: str, *, user, period: Period, departments=(), program: str = "", progress=None):
    """progress(done) is called after each table (background builds show it)."""
    viewer = narrowed_user(user, departments)
    tables = []
    for table_id in table_ids(report_id, program):
        with reading_from_replica():  # counts only: a read replica, when there is one, carries them
            tables.append(TABLES[table_id].build(viewer, period))
        if progress:
            progress(len(tables))
    return tables


def build_report(report_id: str, *, user, period: Period, departments=(), program: str = "", progress=None) -> dict:
    tables = build_tables(report_id, user=user, period=period, departments=departments, program=program,
                          progress=progress)
    scope = scope_of(user)
    names = list(Department.objects.filter(pk__in=departments).order_by("name").values_list("name", flat=True))
    if not names and not scope.national:
        names = list(Department.objects.filter(pk__in=scope.department_ids).order_by("name")
                     .values_list("name", flat=True))
    log_access(user, "export", model="reports.Report", object_id=report_id, start=period.start.isoformat(),
               end=period.end.isoformat(), departments=list(departments))
    report = {
        "report": report_id,
        "title": str(REPORTS[report_id][0]),
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "scope": {"national": not names, "departments": names, "program": program or None},
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "tables": [t.as_contract() for t in tables],
    }
    # Figures meaning the same thing in two tables must agree (read from the tables as built).
    report["checks"] = report_checks(report)
    # Planning's text of each section, its numbers read from the tables of this build.
    report["narrative"] = narrative_of(report)
    return report
