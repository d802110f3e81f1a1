"""The daycare program on the shared program pages (tejido.programs.views)."""

from django.utils.translation import gettext_lazy as _

from tejido.centers.models import CenterKind
from tejido.programs.sites import ProgramSite, register

from .forms import EnrolForm
from .rules import PROGRAM, Level, level_on


def _level(enrolment, today):
    return Level(level_on(enrolment.person.birth_date, today)).label


def _attended_by(enrolment, today):
    return _("Docente") if enrolment.attended_by_teacher else _("Madre cuidadora")


SITE = register(ProgramSite(
    program=PROGRAM,
    title=_("Hogares Comunitarios y CADI"),
    center_kinds=(CenterKind.COMMUNITY_HOME, CenterKind.CADI),
    prefix="childcare",
    person_noun=_("niña o niño"),
    enrol_form=EnrolForm,
    home_links=((_("Cifras del programa"), "childcare_figures"), (_("Asistencia mensual"), "childcare_attendance"),
                (_("Capacitaciones y charlas"), "childcare_events")),
    roster_columns=((_("Nivel"), _level), (_("Atención"), _attended_by)),
    row_links=((_("Nutrición"), "childcare_nutrition"), (_("Evaluaciones"), "childcare_evaluations")),
    center_links=((_("Madres cuidadoras y docentes"), "childcare_staff"),),
))
