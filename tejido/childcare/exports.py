"""Exports of the childcare pages: centers, rosters (shared program pages), events, caregivers,
teacher posts and the monthly attendance summary."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register
from tejido.programs.exports import register_program, register_program_events

from .site import PROGRAM, SITE
from .views import attendance_summary_rows, caregiver_rows, teacher_post_rows

register_program(SITE)
register_program_events("eventos-childcare", _("Capacitaciones y charlas"), PROGRAM)

register(ListExport(
    slug="madres-cuidadoras", title=_("Madres cuidadoras"), model="childcare.Caregiver", rows=caregiver_rows,
    columns=[Column(_("Registro de la persona"), "person.pk"), Column(_("Nombre"), "person.full_name"),
             Column(_("CUI"), "person.cui"), Column(_("Quién paga"), "get_payer_display"),
             Column(_("Monto mensual (Q)"), "monthly_amount"), Column(_("Desde"), "start"),
             Column(_("Centro"), "center.name")],
))

register(ListExport(
    slug="puestos-docentes", title=_("Puestos docentes"), model="childcare.TeacherPost", rows=teacher_post_rows,
    columns=[Column(_("Asignado por"), "get_source_display"), Column(_("Registro de la persona"), "teacher.pk"),
             Column(_("Docente"), "teacher.full_name"), Column(_("CUI"), "teacher.cui"), Column(_("Desde"), "start"),
             Column(_("Centro"), "center.name")],
))

register(ListExport(
    slug="asistencia-mensual", title=_("Media de atención mensual"), model="programs.AttendanceMonth",
    personal=False, rows=attendance_summary_rows,
    columns=[Column(_("Mes"), "month"), Column(_("Días con lista"), "days"), Column(_("Grupo"), "group"),
             Column(_("Categoría"), "label"), Column(_("Media diaria"), "average"),
             Column(_("Porcentaje"), "share")],
))
