from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.web.forms import DateInput, picker_attrs

from .models import ExitReason, ReferralFollowUp


class EnrolForm(forms.Form):
    person_id = forms.IntegerField(label=_("Persona (número de registro)"),
                                   error_messages={"required": _("Elija a la persona."),
                                                   "invalid": _("Escriba el número de registro.")})
    start = forms.DateField(label=_("Fecha de ingreso"), widget=DateInput(),
                            error_messages={"required": _("Escriba la fecha de ingreso."),
                                            "invalid": _("Fecha no válida; use dd/mm/aaaa.")})


class ExitForm(forms.Form):
    end = forms.DateField(label=_("Fecha de egreso"), widget=DateInput(),
                          error_messages={"required": _("Escriba la fecha de egreso."),
                                          "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    exit_reason = forms.ChoiceField(label=_("Motivo de egreso"), choices=[("", "—")] + list(ExitReason.choices),
                                    error_messages={"required": _("Elija el motivo de egreso.")})


class CenterPickForm(forms.Form):
    """A form with a `center` drop-down limited to the centers the view passes (the user's)."""

    center = forms.ModelChoiceField(label=_("Centro"), queryset=None,
                                    error_messages={"required": _("Elija el centro."),
                                                    "invalid_choice": _("Elija un centro de la lista.")})

    def __init__(self, *args, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers
        self.fields["center"].widget.attrs.update(picker_attrs())


DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}


class ReferralDecisionForm(forms.Form):
    """The receiver's answer to a referral (every program's referral pages)."""

    accepted = forms.TypedChoiceField(label=_("Respuesta"), coerce=lambda v: v == "si", widget=forms.RadioSelect,
                                      choices=[("si", _("Aceptada")), ("no", _("Rechazada"))],
                                      error_messages={"required": _("Elija la respuesta.")})
    decided_on = forms.DateField(label=_("Fecha de respuesta"), widget=DateInput(), error_messages=DATE_ERRORS)
    decision_reason = forms.CharField(label=_("Motivo (obligatorio si se rechaza)"), max_length=250, required=False)


class FollowUpForm(forms.Form):
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    kind = forms.ChoiceField(label=_("Tipo"), choices=ReferralFollowUp.Kind.choices,
                             initial=ReferralFollowUp.Kind.VISIT)
    notes = forms.CharField(label=_("Observaciones"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Escriba lo observado en el seguimiento.")})


class PersonReferralForm(forms.Form):
    """Refer a person from their page to a program of the secretariat or a partner institution."""

    origin_program = forms.ChoiceField(label=_("Programa que deriva"), choices=Program.choices,
                                       error_messages={"required": _("Elija el programa que deriva.")})
    destination_program = forms.ChoiceField(label=_("Derivar al programa"), required=False,
                                            choices=[("", _("— (otra institución)"))] + list(Program.choices))
    destination_institution = forms.CharField(label=_("o a la institución"), max_length=150, required=False)
    reason = forms.CharField(label=_("Motivo"), max_length=250,
                             error_messages={"required": _("Escriba el motivo de la derivación.")})
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    municipality = forms.ModelChoiceField(label=_("Municipio de seguimiento"), queryset=None,
                                          error_messages={"required": _("Elija el municipio."),
                                                          "invalid_choice": _("Elija un municipio de la lista.")})

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].widget.attrs.update(picker_attrs())
        self.fields["municipality"].queryset = municipalities
