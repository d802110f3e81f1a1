"""Sheets to print (issue 16 item 10), A4 in black and white (templates/web/print_base.html,
static/tejido/print.css):

- the monthly roll sheet of a center: one row per child enrolled during the month, one empty
  box per school day (Monday to Friday), for centers that mark attendance on paper and type it
  in later;
- a child's growth card for the parents: the measurements with their classification in plain
  words and the three growth charts.

Both use the same scoped selectors as the center's and the child's pages and are logged as an
access to personal data (`imprimir` in the access event's detail)."""

import calendar
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from tejido.common.audit import log_access
from tejido.programs.ages import completed_months
from tejido.programs.selectors import enrolment_get, enrolment_list
from tejido.territory.scope import require_personal_data

from .rules import PROGRAM
from .selectors import daycare_center_get
from .views import growth_charts

WEEKDAY_INITIALS = ["L", "Ma", "Mi", "J", "V"]


def month_from_request(request) -> tuple[int, int]:
    """?mes=AAAA-MM, this month when absent or wrong."""
    today = timezone.localdate()
    try:
        year, month = map(int, request.GET.get("mes", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    return year, month


def school_days(year: int, month: int) -> list[dt.date]:
    """Monday to Friday: the days a center may take its roll (holidays are left blank by hand)."""
    days = calendar.monthrange(year, month)[1]
    return [dt.date(year, month, d) for d in range(1, days + 1) if dt.date(year, month, d).weekday() < 5]


@login_required
@require_safe
def roll_sheet(request, pk):
    require_personal_data(request.user)
    center = daycare_center_get(user=request.user, pk=pk)
    year, month = month_from_request(request)
    days = school_days(year, month)
    first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    enrolments = (enrolment_list(user=request.user, program=PROGRAM, center_id=center.pk)
                  .filter(start__lte=last).exclude(end__lt=first)
                  .order_by("person__first_surname", "person__second_surname", "person__given_names", "id"))
    rows = [{"enrolment": e, "days": [e.start <= day and (e.end is None or day <= e.end) for day in days]}
            for e in enrolments]
    in_month = {"start__lte": last}
    caregivers = (center.caregivers.filter(**in_month).exclude(end__lt=first).select_related("person")
                  .order_by("start", "id"))
    teachers = (center.teacher_posts.filter(teacher__isnull=False, **in_month).exclude(end__lt=first)
                .select_related("teacher").order_by("start", "id"))
    log_access(request.user, "view", model="centers.Center", object_id=center.pk, imprimir="lista-mensual",
               mes=f"{year}-{month:02d}", people=[row["enrolment"].person_id for row in rows])
    return render(request, "childcare/print_roll_sheet.html", {
        "center": center, "month": first, "days": [(day, WEEKDAY_INITIALS[day.weekday()]) for day in days],
        "rows": rows, "caregivers": [c.person.full_name for c in caregivers],
        "teachers": [p.teacher.full_name for p in teachers],
        "previous": (first - dt.timedelta(days=1)).strftime("%Y-%m"),
        "next": (last + dt.timedelta(days=1)).strftime("%Y-%m"),
    })


def age_in_words(birth: dt.date, on: dt.date) -> str:
    """«2 años y 8 meses», «11 meses»: for the parents."""
    years, months = divmod(max(completed_months(birth, on), 0), 12)
    month_text = ngettext("%(n)s mes", "%(n)s meses", months) % {"n": months}
    if not years:
        return month_text
    year_text = ngettext("%(n)s año", "%(n)s años", years) % {"n": years}
    return _("%(years)s y %(months)s") % {"years": year_text, "months": month_text} if months else year_text


def plain_words(s) -> dict:
    """A screening's classes as a family reads them ("—" where it was not measured; «a verificar»
    where WHO's plausibility limits flagged the value)."""
    to_check = _("Medida a verificar")
    weight = {"normal": _("Peso adecuado para su edad"), "bajo_peso": _("Bajo peso para su edad"),
              "bajo_peso_severo": _("Bajo peso severo para su edad")}.get(s.underweight_class)
    if s.chronic_class == "retardo_crecimiento":
        height = (_("Talla baja para la edad, severa (desnutrición crónica severa)") if s.zhfa is not None
                  and s.zhfa < -3 else _("Talla baja para la edad (desnutrición crónica)"))
    else:
        height = _("Talla adecuada para su edad") if s.chronic_class == "normal" else None
    acute = {"normal": _("Peso adecuado para su talla"),
             "dpc_moderada": _("Muy delgado para su talla (desnutrición aguda moderada)"),
             "dpc_severa": _("Muy delgado para su talla (desnutrición aguda severa)"),
             "sobrepeso": _("Sobrepeso"), "obesidad": _("Obesidad")}.get(s.acute_class)
    implausible = set(s.implausible or [])
    return {
        "weight": weight or (to_check if "zwfa" in implausible else "—"),
        "height": height or (to_check if "zhfa" in implausible else "—"),
        "acute": acute or (to_check if implausible & {"zwfh", "zbfa"} else "—"),
        "alert": s.acute_class in ("dpc_moderada", "dpc_severa", "sobrepeso", "obesidad")
        or s.chronic_class == "retardo_crecimiento" or s.is_underweight,
    }


@login_required
@require_safe
def growth_card(request, pk):
    require_personal_data(request.user)
    enrolment = enrolment_get(user=request.user, pk=pk)
    person = enrolment.person
    screenings = list(person.screenings.select_related("center").order_by("measured_on", "id"))
    rows = [{"s": s, "age": age_in_words(person.birth_date, s.measured_on), **plain_words(s)} for s in screenings]
    log_access(request.user, "view", model="registry.Person", object_id=person.pk, imprimir="carne-crecimiento",
               enrolment=enrolment.pk)
    return render(request, "childcare/print_growth_card.html", {
        "enrolment": enrolment, "person": person, "rows": rows, "charts": growth_charts(person, screenings, mono=True),
        "age": age_in_words(person.birth_date, timezone.localdate()),
    })
