from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.programs.models import ExitReason
from tejido.web.forms import DateInput


class EnrolForm(forms.Form):
    person_id = forms.IntegerField(label=_("Niña o niño (número de registro)"),
                                   error_messages={"required": _("Elija a la niña o el niño."),
                                                   "invalid": _("Escriba el número de registro.")})
    start = forms.DateField(label=_("Fecha de ingreso"), widget=DateInput(),
                            error_messages={"required": _("Escriba la fecha de ingreso."),
                                            "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    attended_by_teacher = forms.TypedChoiceField(
        label=_("Atención educativa"), coerce=lambda v: v == "1",
        choices=[("1", _("Con docente")), ("0", _("Solo madre cuidadora"))],
    )


class ExitForm(forms.Form):
    end = forms.DateField(label=_("Fecha de egreso"), widget=DateInput(),
                          error_messages={"required": _("Escriba la fecha de egreso."),
                                          "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    exit_reason = forms.ChoiceField(label=_("Motivo de egreso"), choices=[("", "—")] + list(ExitReason.choices),
                                    error_messages={"required": _("Elija el motivo de egreso.")})
