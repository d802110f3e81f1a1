"""Exports of the returned migrant families list and of their referrals."""

from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, read_value, register
from tejido.programs.exports import referral_columns

from .selectors import reception_id_of
from .views import head_of, migrant_referral_rows, reception_rows

register(ListExport(
    slug="recepciones-migrantes", title=_("Unidades familiares migrantes"), model="migrants.Reception",
    rows=reception_rows,
    columns=[Column(_("N.º"), "pk"), Column(_("Fecha"), "date"), Column(_("Centro de recepción"), "center.name"),
             Column(_("País de procedencia"), "get_returned_from_display"),
             Column(_("Vía de ingreso"), "get_arrival_mode_display"),
             Column(_("Jefe/a de familia"), lambda r: read_value(head_of(r), "full_name")),
             Column(_("Integrantes"), lambda r: len(r.members.all())),
             Column(_("Menores"), lambda r: sum(m.is_minor for m in r.members.all())),
             Column(_("Municipio de destino"), "destination_municipality.name"),
             Column(_("Departamento de destino"), "destination_municipality.department.name"),
             Column(_("Observaciones"), "notes")],
))

register(ListExport(
    slug="derivaciones-migrantes", title=_("Derivaciones de migrantes"), model="programs.Referral",
    rows=migrant_referral_rows,
    columns=[*referral_columns(), Column(_("Unidad familiar"), reception_id_of)],
))
