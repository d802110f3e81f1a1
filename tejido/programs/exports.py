"""Exports of the pages every program shares: its centers and a center's roster. Each
program registers them for its ProgramSite in its own exports.py."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .ages import age_label
from .referral_views import inbox_rows
from .sites import ProgramSite
from .staff_trainings import staff_training_rows
from .views import program_center_get, program_center_list, program_events, roster


def _extra_columns(columns, today_arg: bool) -> list[Column]:
    """The program's own columns (header, function) as on the page."""
    if today_arg:
        return [Column(header, lambda row, f=function: f(row, timezone.localdate())) for header, function in columns]
    return [Column(header, function) for header, function in columns]


def register_program(site: ProgramSite) -> None:
    register(ListExport(
        slug=f"centros-{site.prefix}", title=site.title, model="centers.Center", personal=False,
        rows=lambda request: program_center_list(site, request.user),
        columns=[Column(_("Registro"), "pk"), Column(_("Código"), "code"), Column(_("Centro"), "name"),
                 Column(_("Tipo"), "get_kind_display"), Column(_("Departamento"), "department.name"),
                 Column(_("Municipio"), "municipality.name"),
                 *_extra_columns(site.center_columns, today_arg=False),
                 Column(_("Personas activas"), "active_people")],
    ))
    register(ListExport(
        slug=f"inscripciones-{site.prefix}", title=_("Inscripciones"), model="programs.Enrolment",
        rows=lambda request, pk: roster(site, request.user, program_center_get(site, request.user, pk)),
        columns=[Column(_("Registro de la persona"), "person.pk"), Column(_("Nombres"), "person.given_names"),
                 Column(_("Apellidos"), "person.surnames"), Column(_("Sexo"), "person.get_sex_display"),
                 Column(_("Fecha de nacimiento"), "person.birth_date"), Column(_("CUI"), "person.cui"),
                 Column(_("Edad"), lambda e: age_label(e.person.birth_date, timezone.localdate())),
                 *_extra_columns(site.roster_columns, today_arg=True),
                 Column(_("Centro"), "center.name"), Column(_("Desde"), "start")],
    ))


def referral_columns() -> list[Column]:
    return [Column(_("N.º"), "pk"), Column(_("Fecha"), "date"), Column(_("Registro de la persona"), "person.pk"),
            Column(_("Persona"), "person.full_name"), Column(_("De"), "get_origin_program_display"),
            Column(_("A"), "destination_label"), Column(_("Motivo"), "reason"),
            Column(_("Municipio de seguimiento"), "municipality.name"),
            Column(_("Departamento"), "department.name"), Column(_("Estado"), "get_status_display"),
            Column(_("Fecha de respuesta"), "decided_on"), Column(_("Motivo de la respuesta"), "decision_reason")]


register(ListExport(slug="derivaciones", title=_("Derivaciones"), model="programs.Referral", rows=inbox_rows,
                    columns=referral_columns()))


def event_columns(*extra: Column) -> list[Column]:
    """Events are counts, not personal data: what, when, where and how many people."""
    return [Column(_("N.º"), "pk"), Column(_("Fecha"), "date"), Column(_("Programa"), "get_program_display"),
            Column(_("Tipo"), "get_kind_display"), Column(_("Tema"), "topic"),
            Column(_("Dirigido a"), "get_audience_display"), Column(_("Modalidad"), "get_modality_display"),
            *extra, Column(_("Centro"), "center.name"), Column(_("Municipio"), "municipality.name"),
            Column(_("Departamento"), "department.name"), Column(_("Institución aliada"), "partner"),
            Column(_("Personas"), "people")]


def register_program_events(slug: str, title, program: str) -> None:
    register(ListExport(slug=slug, title=title, model="programs.Event", personal=False,
                        rows=lambda request: program_events(request, program), columns=event_columns()))


register(ListExport(slug="capacitaciones-personal", title=_("Capacitaciones al personal"), model="programs.Event",
                    personal=False, rows=staff_training_rows,
                    columns=event_columns() + [Column(_("Con diploma"), "diplomas")]))
