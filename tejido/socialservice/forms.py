from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.registry.choices import PovertyStatus
from tejido.stock.forms import DATE_ERRORS, QUANTITY_ERRORS, ProductField
from tejido.web.forms import DateInput, MunicipalityField

from .models import OutreachDay, Service, SupportRequest

PERSON_ERRORS = {"required": _("Elija a la persona."), "invalid": _("Escriba el número de registro.")}


class OfficeField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=None, error_messages={"required": _("Elija la sede."),
                                                        "invalid_choice": _("Elija una sede de la lista.")}, **kwargs)


class RequestForm(forms.Form):
    person_id = forms.IntegerField(label=_("Persona (número de registro)"), error_messages=PERSON_ERRORS)
    office = OfficeField(label=_("Sede"))
    date = forms.DateField(label=_("Fecha de solicitud"), widget=DateInput(), error_messages=DATE_ERRORS)
    kind = forms.ChoiceField(label=_("Solicita"), choices=SupportRequest.Kind.choices)
    product = ProductField(required=False)
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1, initial=1, required=False,
                                  error_messages=QUANTITY_ERRORS)
    service = forms.ChoiceField(label=_("Servicio"), choices=[("", "—")] + list(Service.choices), required=False)
    description = forms.CharField(label=_("Descripción"), max_length=500, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices

    def clean(self):
        data = super().clean()
        if data.get("kind") == SupportRequest.Kind.PRODUCT and not data.get("product"):
            self.add_error("product", _("Elija el producto solicitado."))
        if data.get("kind") == SupportRequest.Kind.SERVICE and not data.get("service"):
            self.add_error("service", _("Elija el servicio solicitado."))
        if data.get("quantity") is None:
            data["quantity"] = 1
        return data


class StudyForm(forms.Form):
    visit_date = forms.DateField(label=_("Fecha de visita domiciliaria"), widget=DateInput(),
                                 error_messages=DATE_ERRORS)
    poverty_status = forms.ChoiceField(
        label=_("Clasificación de pobreza"),
        choices=[("", "—")] + [c for c in PovertyStatus.choices if c[0] != PovertyStatus.NOT_ASSESSED],
        error_messages={"required": _("Elija la clasificación de pobreza.")})
    social_worker = forms.CharField(label=_("Trabajadora o trabajador social"), max_length=120,
                                    error_messages={"required": _("Escriba el nombre de quien hizo el estudio.")})
    notes = forms.CharField(label=_("Observaciones"), max_length=1000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Resolución"), widget=forms.RadioSelect,
                                 choices=[("aprobar", _("Aprobar")), ("denegar", _("Denegar"))],
                                 error_messages={"required": _("Elija aprobar o denegar.")})
    date = forms.DateField(label=_("Fecha de resolución"), widget=DateInput(), error_messages=DATE_ERRORS)
    reason = forms.CharField(label=_("Motivo (obligatorio si se deniega)"), max_length=500, required=False)


class DeliveryForm(forms.Form):
    date = forms.DateField(label=_("Fecha de entrega"), widget=DateInput(), error_messages=DATE_ERRORS)
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)


class OutreachForm(forms.Form):
    category = forms.ChoiceField(label=_("Tipo de jornada"), choices=OutreachDay.Category.choices)
    office = OfficeField(label=_("Sede que abastece"))
    municipality = MunicipalityField(label=_("Municipio donde se realizó"))
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    partner = forms.CharField(label=_("Instituciones aliadas"), max_length=150, required=False,
                              help_text=_("P. ej. MSPAS, SCEP."))
    topic = forms.CharField(label=_("Descripción"), max_length=250, required=False)
    men = forms.IntegerField(label=_("Hombres atendidos (sin registro)"), min_value=0, initial=0,
                             error_messages={"min_value": _("No puede ser negativo.")})
    women = forms.IntegerField(label=_("Mujeres atendidas (sin registro)"), min_value=0, initial=0,
                               error_messages={"min_value": _("No puede ser negativo.")})

    def __init__(self, *args, offices, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["municipality"].queryset = municipalities


class AttendeeForm(forms.Form):
    person_id = forms.IntegerField(label=_("Persona (número de registro)"), error_messages=PERSON_ERRORS)


class OutreachDeliveryForm(forms.Form):
    product = ProductField()
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1, initial=1, error_messages=QUANTITY_ERRORS)
    person_id = forms.IntegerField(label=_("Persona (número de registro, opcional)"), required=False)
