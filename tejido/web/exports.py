"""Exports of the registry and center lists (pages in tejido.web.views)."""

from django.utils.translation import gettext_lazy as _

from tejido.common.access_log import require_reader
from tejido.common.exports import Column, ListExport, register

from .views.access_log import access_log_rows
from .views.centers import center_rows
from .views.households import household_rows
from .views.people import person_rows

register(ListExport(
    slug="personas", title=_("Personas"), model="registry.Person", rows=person_rows,
    columns=[
        Column(_("Registro"), "pk"), Column(_("Nombres"), "given_names"),
        Column(_("Primer apellido"), "first_surname"), Column(_("Segundo apellido"), "second_surname"),
        Column(_("Sexo"), "get_sex_display"), Column(_("Fecha de nacimiento"), "birth_date"),
        Column(_("CUI"), "cui"), Column(_("Pueblo"), "get_pueblo_display"),
        Column(_("Comunidad lingüística"), "get_language_community_display"),
        Column(_("Departamento"), "department.name"), Column(_("Municipio"), "municipality.name"),
        Column(_("Dirección"), "address"),
    ],
))

register(ListExport(
    slug="hogares", title=_("Hogares"), model="registry.Household", rows=household_rows,
    columns=[
        Column(_("Registro"), "pk"), Column(_("Nombre"), "name"), Column(_("Tipo"), "get_kind_display"),
        Column(_("Departamento"), "department.name"), Column(_("Municipio"), "municipality.name"),
        Column(_("Dirección"), "address"),
    ],
))

register(ListExport(
    slug="centros", title=_("Centros"), model="centers.Center", rows=center_rows, personal=False,
    columns=[
        Column(_("Código"), "code"), Column(_("Nombre"), "name"), Column(_("Tipo"), "get_kind_display"),
        Column(_("Departamento"), "department.name"), Column(_("Municipio"), "municipality.name"),
        Column(_("Dirección"), "address"), Column(_("Entidad con la que opera"), "operating_partner"),
        Column(_("Apertura"), "opened_on"), Column(_("Horario"), "schedule"), Column(_("Capacidad"), "capacity"),
        Column(_("Estado"), "get_status_display"),
    ],
))

register(ListExport(
    slug="accesos", title=_("Bitácora de accesos"), model="common.AccessEvent", rows=access_log_rows,
    extra_check=require_reader,
    columns=[
        Column(_("Fecha y hora"), "at"), Column(_("Usuario"), "username"), Column(_("Nombre del usuario"), "user_name"),
        Column(_("Acceso"), "action_label"), Column(_("Tipo de registro"), "kind_label"),
        Column(_("Número del registro"), "record_number"), Column(_("Registro"), "record_label"),
        Column(_("Departamento"), "department"), Column(_("Dirección IP"), "ip_address"),
        Column(_("Canal"), "channel_label"), Column(_("Navegador o programa"), "user_agent"),
        Column(_("Token de API"), "api_token"), Column(_("Detalle"), "detail"),
    ],
))
