"""Exports of the agreements list, of the centers' sanitary licence situation and of the
documents of one center."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tejido.common.exports import Column, ListExport, register

from .views import agreement_rows, center_document_rows, compliance_rows

register(ListExport(
    slug="convenios", title=_("Convenios"), model="agreements.Agreement", personal=False, rows=agreement_rows,
    columns=[Column(_("Número"), "number"), Column(_("Contraparte"), "counterparty_name"),
             Column(_("Tipo"), "get_counterparty_kind_display"), Column(_("Programa"), "get_program_display"),
             Column(_("Objeto"), "subject"), Column(_("Inicio"), "start_date"), Column(_("Fin"), "end_date"),
             Column(_("Estado"), lambda a: a.status_label_on(timezone.localdate()))],
))

LICENCE_LABELS = {"in_process": _("En trámite"), "expired": _("Vencida"), "missing": _("Sin licencia"),
                  "valid": _("Vigente")}

register(ListExport(
    slug="licencias-centros", title=_("Licencias sanitarias"), model="centers.Center", personal=False,
    rows=lambda request: compliance_rows(request).select_related("department", "municipality"),
    columns=[Column(_("Departamento"), "department.name"), Column(_("Municipio"), "municipality.name"),
             Column(_("Centro"), "name"), Column(_("Tipo"), "get_kind_display"),
             Column(_("Licencia"), lambda c: LICENCE_LABELS.get(c.licence, c.licence))],
))

register(ListExport(
    slug="documentos-centro", title=_("Documentos del centro"), model="agreements.CenterDocument", personal=False,
    rows=center_document_rows,
    columns=[Column(_("Centro"), "center.name"), Column(_("Documento"), "get_kind_display"),
             Column(_("Descripción"), "description"), Column(_("Número"), "number"),
             Column(_("Emisión"), "issued_on"), Column(_("Vencimiento"), "expires_on"),
             Column(_("Entidad emisora"), "issuer"),
             Column(_("Estado"), lambda d: d.status_label_on(timezone.localdate()))],
))
