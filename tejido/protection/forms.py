from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.web.forms import DateInput

from .models import ActionKind, Authority, CaseStatus, ReporterRole, Suspicion

BAD_DATE = _("Fecha no válida; use dd/mm/aaaa.")


def _date(label, required_message):
    return forms.DateField(label=label, widget=DateInput(),
                           error_messages={"required": required_message, "invalid": BAD_DATE})


def _choice(label, choices, required_message):
    return forms.ChoiceField(label=label, choices=[("", "—")] + list(choices),
                             error_messages={"required": required_message})


class ReportForm(forms.Form):
    child_id = forms.IntegerField(label=_("Niña o niño (número de registro)"),
                                  error_messages={"required": _("Indique la niña o el niño."),
                                                  "invalid": _("Escriba el número de registro.")})
    center_id = forms.IntegerField(
        label=_("Centro (número)"), required=False,
        help_text=_("Déjelo vacío para usar el Hogar Comunitario o CADI donde estaba inscrito."),
        error_messages={"invalid": _("Escriba el número del centro.")})
    reported_on = _date(_("Fecha del reporte"), _("Escriba la fecha del reporte."))
    reporter_role = _choice(_("Quién reporta"), ReporterRole.choices, _("Indique quién reporta el caso."))
    reporter_name = forms.CharField(label=_("Nombre de quien reporta"), max_length=120, required=False)
    suspicion = _choice(_("Tipo de sospecha"), Suspicion.choices, _("Elija el tipo de sospecha."))
    description = forms.CharField(label=_("Descripción"), widget=forms.Textarea(attrs={"rows": 4}),
                                  error_messages={"required": _("Describa lo observado o reportado.")})


class ActionForm(forms.Form):
    date = _date(_("Fecha"), _("Escriba la fecha de la acción."))
    kind = _choice(_("Acción"), [c for c in ActionKind.choices if c[0] != ActionKind.REFERRAL],
                   _("Elija el tipo de acción."))
    done_by = forms.CharField(label=_("Realizada por"), max_length=120,
                              error_messages={"required": _("Indique quién realizó la acción.")})
    notes = forms.CharField(label=_("Notas"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReferForm(forms.Form):
    date = _date(_("Fecha de la referencia"), _("Escriba la fecha de la referencia."))
    authority = _choice(_("Autoridad"), Authority.choices, _("Indique a qué autoridad se refirió el caso."))
    done_by = forms.CharField(label=_("Realizada por"), max_length=120,
                              error_messages={"required": _("Indique quién hizo la referencia.")})
    notes = forms.CharField(label=_("Notas"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    closed_on = _date(_("Fecha de cierre"), _("Escriba la fecha de cierre."))
    closing_summary = forms.CharField(label=_("Resumen del cierre"), widget=forms.Textarea(attrs={"rows": 3}),
                                      error_messages={"required": _("Escriba un resumen del seguimiento y de la "
                                                                    "conclusión.")})


class FilterForm(forms.Form):
    estado = forms.ChoiceField(label=_("Estado"), required=False, choices=[("", _("Todos"))] + list(CaseStatus.choices))
    anio = forms.IntegerField(label=_("Año"), required=False, min_value=2000, max_value=2100)
