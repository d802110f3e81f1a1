"""Exports of the shelters list, of the families sheltered at one shelter and of the table of
shelters and persons sheltered in a period (/albergues/cuadro/)."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .views import family_rows, shelter_rows, table_rows

register(ListExport(
    slug="albergues", title=_("Albergues temporales"), model="shelters.Shelter", personal=False, rows=shelter_rows,
    columns=[Column(_("N.º"), "pk"), Column(_("Albergue"), "name"), Column(_("Evento"), "event_label"),
             Column(_("Ubicación"), "location"), Column(_("Apertura"), "opened_on"), Column(_("Cierre"), "closed_on"),
             Column(_("Capacidad"), "capacity"), Column(_("Personas hoy"), "present"),
             Column(_("Familias hoy"), "families_present")],
))

register(ListExport(
    slug="familias-albergadas", title=_("Familias albergadas"), model="shelters.Shelter", rows=family_rows,
    columns=[Column(_("Familia"), "family_id"), Column(_("Registro de la persona"), "person.pk"),
             Column(_("Persona"), "person.full_name"), Column(_("Parentesco"), "get_relationship_display"),
             Column(_("Sexo"), "person.get_sex_display"), Column(_("Edad al ingresar"), "age_years"),
             Column(_("Ingreso"), "check_in"), Column(_("Salida"), "check_out")],
))

register(ListExport(
    slug="cuadro-albergues", title=_("Albergues y personas atendidas"), model="shelters.Shelter", personal=False,
    rows=table_rows,
    columns=[Column(_("N.º"), "pk"), Column(_("Albergue"), "name"),
             Column(_("Departamento"), "municipality.department.name"),
             Column(_("Ubicación"), "location"), Column(_("Inicio de cobertura"), "opened_on"),
             Column(_("Fin de cobertura"), "closed_on"), Column(_("Personas beneficiadas"), "persons")],
))
