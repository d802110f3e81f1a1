"""The daycare program's figures for any period and scope, computed from the records in SQL
(seed 001 §4: tables 1, 5 and 7). The reports issue turns these into report tables."""

import datetime as dt
from collections import Counter

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from tejido.centers.models import CenterKind
from tejido.programs.figures import served_by_department, served_in
from tejido.territory.scope import restrict

from .anthropometry import ACUTE_LABELS
from .models import NutritionScreening, TeacherPost
from .rules import PROGRAM

SCOPE = {"department": "department_id", "center": "center_id"}


def _served_in(start: dt.date, end: dt.date):
    return served_in(PROGRAM, start, end)


def children_by_department(*, user, start: dt.date, end: dt.date) -> dict:
    """Seed table 1: children served by department and sex, with municipalities, community
    homes and CADIs (the shared program figure with the daycare center kinds)."""
    table = served_by_department(user=user, program=PROGRAM, start=start, end=end,
                                 center_kinds=[CenterKind.COMMUNITY_HOME, CenterKind.CADI])
    for row in table["rows"] + [table["total"]]:
        row["children"] = row.pop("people")
        row["community_homes"] = row.pop(f"centers_{CenterKind.COMMUNITY_HOME}")
        row["cadis"] = row.pop(f"centers_{CenterKind.CADI}")
    return table


def teacher_posts_by_office(*, user, on: dt.date) -> dict:
    """Seed table 5: active teacher posts by departmental office and by who assigned them."""
    posts = TeacherPost.objects.filter(start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))
    posts = restrict(posts, user, department="center__department_id", center="center_id")
    measures = {source: Count("id", filter=Q(source=source)) for source in TeacherPost.Source.values}
    rows = list(posts.values("center__office__name").annotate(**measures).order_by("center__office__name"))
    return {"rows": rows, "total": posts.aggregate(**measures), "sources": TeacherPost.Source.choices}


ACUTE_INDICATORS = [("zwfh", _("Agudo P/T")), ("zbfa", _("Agudo IMC/E"))]


def nutrition_status(*, user, start: dt.date, end: dt.date, which: str = "first") -> dict:
    """Seed table 7: nutrition status of the children screened in the period, one screening per
    child (the first of the period, as the seed's "primera toma", or the last).

    Acute status counts weight-for-height under 5 years and BMI-for-age from 5, each as its own
    indicator; values flagged implausible have no class and are left out, and counted apart."""
    period = NutritionScreening.objects.filter(measured_on__gte=start, measured_on__lte=end)
    period = restrict(period, user, **SCOPE)
    order = [F("measured_on").asc(), F("id").asc()] if which == "first" else [F("measured_on").desc(),
                                                                              F("id").desc()]
    # One pass: number each child's screenings with a window function and keep the first; the
    # few columns of the chosen ones are counted here (a correlated subquery per row, evaluated
    # once per count, was 12 times slower at national scale).
    chosen = (period.annotate(rank=Window(RowNumber(), partition_by=[F("person_id")], order_by=order))
              .filter(rank=1).values_list("zwfh", "zbfa", "acute_class", "chronic_class", "implausible"))
    acute_counts, chronic_counts = Counter(), Counter()
    children = implausible = 0
    for zwfh, zbfa, acute_class, chronic_class, flags in chosen.iterator():
        children += 1
        implausible += bool(flags)
        if acute_class:
            acute_counts[("zwfh" if zwfh is not None else "zbfa" if zbfa is not None else "", acute_class)] += 1
        if chronic_class:
            chronic_counts[chronic_class] += 1
    tables = []
    for indicator, title in ACUTE_INDICATORS:
        counts = [(label, acute_counts.get((indicator, code), 0)) for code, label in ACUTE_LABELS.items()]
        tables.append(_with_shares(title, counts))
    tables.append(_with_shares(_("Crónico T/E"), [
        (_("Longitud/talla normal"), chronic_counts.get("normal", 0)),
        (_("Desnutrición crónica (retardo del crecimiento)"), chronic_counts.get("retardo_crecimiento", 0)),
    ]))
    return {"tables": tables, "children": children, "implausible": implausible}


def _with_shares(title: str, counts: list[tuple[str, int]]) -> dict:
    total = sum(n for _, n in counts)
    # Labels become text here, in the language of whoever asked (page or API).
    rows = [(str(label), n, round(100 * n / total, 2) if total else None) for label, n in counts]
    return {"title": str(title), "rows": rows, "total": total}


def priority_coverage(*, user, priority_list, start: dt.date, end: dt.date) -> dict:
    """Seed table 2: of each department's prioritised municipalities, how many had a daycare
    center serving children in the period."""
    from tejido.territory.models import Municipality

    served = restrict(_served_in(start, end), user, **SCOPE)
    covered_ids = set(served.values_list("center__municipality_id", flat=True).distinct())
    listed = Municipality.objects.filter(priority_lists=priority_list)
    scope_departments = set(restrict(listed, user, department="department_id").values_list("department_id",
                                                                                            flat=True))
    rows = []
    by_department = listed.filter(department_id__in=scope_departments).values("department_id", "department__name")
    for row in by_department.annotate(prioritised=Count("id")).order_by("department__name"):
        covered = listed.filter(department_id=row["department_id"], id__in=covered_ids).count()
        rows.append({"department": row["department__name"], "prioritised": row["prioritised"], "covered": covered,
                     "share": round(100 * covered / row["prioritised"], 2)})
    total_prioritised = sum(r["prioritised"] for r in rows)
    total_covered = sum(r["covered"] for r in rows)
    return {"list": priority_list, "rows": rows, "prioritised": total_prioritised, "covered": total_covered,
            "share": round(100 * total_covered / total_prioritised, 2) if total_prioritised else None}


def materials_delivered(*, user, start: dt.date, end: dt.date) -> list[dict]:
    """Educational materials handed out, by material and recipients."""
    from .models import MaterialDelivery

    qs = restrict(MaterialDelivery.objects.filter(date__gte=start, date__lte=end), user, **SCOPE)
    rows = list(qs.values("material", "recipients").annotate(deliveries=Count("id"), quantity=Sum("quantity"),
                                                             centers=Count("center", distinct=True))
                .order_by("material", "recipients"))
    for row in rows:
        row["recipients_label"] = str(MaterialDelivery.Recipient(row["recipients"]).label)
    return rows


def material_centers(*, user, start: dt.date, end: dt.date) -> int:
    """How many distinct centers received educational materials in the period (the total of
    `materials_delivered`'s centers, where a center counts once)."""
    from .models import MaterialDelivery

    qs = restrict(MaterialDelivery.objects.filter(date__gte=start, date__lte=end), user, **SCOPE)
    return qs.aggregate(n=Count("center", distinct=True))["n"] or 0


def caregivers_by_payer(*, user, on: dt.date) -> dict:
    """Caregivers (madres cuidadoras) active on `on` by the department of their center and by who
    pays them, with the monthly amounts recorded (seed 001 §4: «1,247 madres cuidadoras con
    transferencia monetaria de la SOSEP, 31 municipales, 2 del Sistema Penitenciario»). A post is
    counted: a person caring at two centers counts at each."""
    from .models import Caregiver

    posts = Caregiver.objects.filter(start__lte=on).filter(Q(end__isnull=True) | Q(end__gte=on))
    posts = restrict(posts, user, department="center__department_id", center="center_id")
    measures = {payer: Count("id", filter=Q(payer=payer)) for payer in Caregiver.Payer.values}
    measures.update(total=Count("id"), without_amount=Count("id", filter=Q(monthly_amount__isnull=True)),
                    amount=Sum("monthly_amount"))
    rows = list(posts.values("center__department__name").annotate(**measures).order_by("center__department__name"))
    return {"rows": rows, "total": posts.aggregate(**measures)}


def ready_for_primary(*, user, start: dt.date, end: dt.date) -> dict:
    """Children whose enrolment ended in the period with the exit reason «egresa preparado para
    primero primaria», by the department of the center and sex (seed 001 §4.1.5: «2,811 niñas y
    niños egresaron … preparados para ingresar a primero primaria»). Distinct children."""
    from tejido.programs.models import Enrolment, ExitReason

    exits = Enrolment.objects.filter(program=PROGRAM, exit_reason=ExitReason.READY_FOR_PRIMARY, end__gte=start,
                                     end__lte=end)
    exits = restrict(exits, user, **SCOPE)
    measures = {"male": Count("person", filter=Q(person__sex="M"), distinct=True),
                "female": Count("person", filter=Q(person__sex="F"), distinct=True),
                "children": Count("person", distinct=True)}
    rows = list(exits.values("department__name").annotate(**measures).order_by("department__name"))
    return {"rows": rows, "total": exits.aggregate(**measures)}


def centers_opened(*, user, start: dt.date, end: dt.date) -> dict:
    """Community homes and CADIs whose opening date falls in the period, by department (the query
    of the `centros_creados` drill-down: live centers of the kind, scope by the center's own
    department), and how many daycare centers in scope have no opening date recorded."""
    from tejido.centers.models import Center

    kinds = [CenterKind.COMMUNITY_HOME, CenterKind.CADI]
    daycare = restrict(Center.objects.filter(kind__in=kinds), user, department="department_id", center="id")
    opened = daycare.filter(opened_on__gte=start, opened_on__lte=end)
    measures = {kind: Count("id", filter=Q(kind=kind)) for kind in kinds}
    measures["total"] = Count("id")
    rows = list(opened.values("department__name").annotate(**measures).order_by("department__name"))
    return {"rows": rows, "total": opened.aggregate(**measures),
            "without_date": daycare.filter(opened_on__isnull=True).count()}
