"""Mejoramiento Socioeconómico de la Mujer on the shared program pages: women enrolled in
productive units (Center kind PRODUCTIVE_UNIT, a named group in a municipality)."""

from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.centers.models import CenterKind
from tejido.programs.sites import ProgramSite, register

from .choices import ProductLine, TrainingKind  # noqa: F401 (imported from here by other modules)
from .forms import WomanEnrolForm

PROGRAM = Program.WOMEN
CENTER_KINDS = (CenterKind.PRODUCTIVE_UNIT,)


def product_line_label(center):
    return ProductLine(center.product_line).label if center.product_line in ProductLine.values else "—"


def _enrol(**kwargs):
    from .services import woman_enrol  # services import this module's PROGRAM

    return woman_enrol(**kwargs)


def _enrol_check(**kwargs):
    from .services import check_woman_enrolment

    return check_woman_enrolment(**kwargs)


SITE = register(ProgramSite(
    program=PROGRAM,
    title=_("Mejoramiento Socioeconómico de la Mujer"),
    center_kinds=CENTER_KINDS,
    prefix="women",
    person_noun=_("mujer"),
    enrol_form=WomanEnrolForm,
    enrol_service=_enrol,
    enrol_check=_enrol_check,
    search_filter=(("sex", "F"),),
    center_columns=((_("Línea productiva"), product_line_label),),
    home_links=((_("Unidades productivas"), "women_units"), (_("Capacitaciones"), "women_trainings"),
                (_("Eventos de comercialización"), "women_fairs"), (_("Ingresos mensuales"), "women_income"),
                (_("Cifras del programa"), "women_figures")),
))
