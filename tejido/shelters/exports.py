"""Exports of the shelters list and of the families sheltered at one shelter."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .views import family_rows, shelter_rows

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
