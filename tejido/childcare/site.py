"""The daycare program on the shared program pages (tejido.programs.views)."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from tejido.centers.models import CenterKind
from tejido.programs.sites import ProgramSite, register

from .forms import EnrolForm
from .rules import PROGRAM, Level, level_on


def _level(enrolment, today):
    return Level(level_on(enrolment.person.birth_date, today)).label


def _attended_by(enrolment, today):
    return _("Docente") if enrolment.attended_by_teacher else _("Madre cuidadora")


def _nutrition(enrolment, today):
    """The latest screening's alerts as on the child's page: acute malnutrition, stunting, low
    weight for age; «Normal» when none, «—» when never measured."""
    from .models import NutritionScreening

    latest = NutritionScreening.objects.filter(person_id=enrolment.person_id).order_by("-measured_on", "-id").first()
    if latest is None:
        return "—"
    alerts = []
    if latest.acute_class in ("dpc_severa", "dpc_moderada", "sobrepeso", "obesidad"):
        alerts.append(latest.get_acute_class_label())
    if latest.chronic_class == "retardo_crecimiento":
        alerts.append(latest.get_chronic_class_label())
    if latest.is_underweight:
        alerts.append(latest.get_underweight_class_label())
    if not alerts:
        return _("Normal") if latest.acute_class or latest.chronic_class or latest.underweight_class else "—"
    return format_html_join(" ", '<span class="badge danger">{}</span>', ((label,) for label in alerts))


SITE = register(ProgramSite(
    program=PROGRAM,
    title=_("Hogares Comunitarios y CADI"),
    center_kinds=(CenterKind.COMMUNITY_HOME, CenterKind.CADI),
    prefix="childcare",
    person_noun=_("niña o niño"),
    enrol_form=EnrolForm,
    home_links=((_("Cifras del programa"), "childcare_figures"), (_("Asistencia mensual"), "childcare_attendance"),
                (_("Capacitaciones y charlas"), "childcare_events")),
    roster_columns=((_("Nivel"), _level), (_("Atención"), _attended_by), (_("Último tamizaje"), _nutrition)),
    row_links=((_("Nutrición"), "childcare_nutrition"), (_("Evaluaciones"), "childcare_evaluations")),
    center_links=((_("Madres cuidadoras y docentes"), "childcare_staff"),
                  (_("Imprimir lista mensual"), "childcare_roll_sheet")),
))
