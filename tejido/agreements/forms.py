from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.common.fields import BoundedModelMultipleChoiceField
from tejido.web.forms import DateInput, MunicipalityField, limit_municipalities

from .models import Agreement, CenterDocument, CounterpartyKind, DocumentKind

DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}
FILE_HELP = _("PDF, JPEG o PNG de hasta 10 MB.")
STATUS_CHOICES = [(s.value, s.label) for s in Agreement.Status if s != Agreement.Status.EXPIRED]


class CentersField(BoundedModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.department.name} — {obj.name}"


class AgreementForm(forms.Form):
    counterparty_name = forms.CharField(label=_("Contraparte"), max_length=200,
                                        error_messages={"required": _("Escriba el nombre de la contraparte.")})
    counterparty_kind = forms.ChoiceField(label=_("Tipo de contraparte"), choices=CounterpartyKind.choices)
    municipality = MunicipalityField(label=_("Municipio (si la contraparte es una municipalidad)"),
                                     required=False)
    program = forms.ChoiceField(label=_("Programa"), choices=Program.choices)
    number = forms.CharField(label=_("Número de convenio"), max_length=40, required=False)
    subject = forms.CharField(label=_("Objeto"), max_length=300, required=False)
    start_date = forms.DateField(label=_("Fecha de inicio"), widget=DateInput(), error_messages=DATE_ERRORS)
    end_date = forms.DateField(label=_("Fecha de finalización"), widget=DateInput(), error_messages=DATE_ERRORS)
    status = forms.ChoiceField(label=_("Estado"), choices=STATUS_CHOICES, initial=Agreement.Status.IN_FORCE)
    terminated_on = forms.DateField(label=_("Fecha de rescisión"), widget=DateInput(), required=False,
                                    error_messages=DATE_ERRORS)
    centers = CentersField(label=_("Centros cubiertos"), queryset=None, required=False,
                           widget=forms.SelectMultiple(attrs={"size": 8}),
                           error_messages={"invalid_choice": _("Elija centros de la lista (los de su territorio).")})
    document = forms.FileField(label=_("Convenio firmado (archivo)"), required=False, help_text=FILE_HELP)

    def __init__(self, *args, user, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centers"].queryset = centers
        limit_municipalities(self, user)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nuevo estado"), choices=[
        (Agreement.Status.IN_FORCE.value, _("Vigente (suscrito)")),
        (Agreement.Status.TERMINATED.value, Agreement.Status.TERMINATED.label)])
    terminated_on = forms.DateField(label=_("Fecha de rescisión"), widget=DateInput(), required=False,
                                    error_messages=DATE_ERRORS)


class AgreementDocumentForm(forms.Form):
    title = forms.CharField(label=_("Descripción"), max_length=150,
                            error_messages={"required": _("Describa el documento.")})
    file = forms.FileField(label=_("Archivo"), help_text=FILE_HELP,
                           error_messages={"required": _("Adjunte el archivo.")})


class CenterDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo de documento"), choices=DocumentKind.choices)
    description = forms.CharField(label=_("Descripción (si es otro)"), max_length=150, required=False)
    number = forms.CharField(label=_("Número"), max_length=60, required=False)
    status = forms.ChoiceField(label=_("Estado"), choices=CenterDocument.Status.choices)
    issued_on = forms.DateField(label=_("Fecha de emisión"), widget=DateInput(), required=False,
                                error_messages=DATE_ERRORS)
    expires_on = forms.DateField(label=_("Fecha de vencimiento"), widget=DateInput(), required=False,
                                 error_messages=DATE_ERRORS)
    issuer = forms.CharField(label=_("Entidad emisora"), max_length=150, required=False,
                             help_text=_("P. ej. DRACES / MSPAS."))
    file = forms.FileField(label=_("Archivo"), required=False, help_text=FILE_HELP)
