from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.web.forms import DateInput

from .models import ExitReason


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
