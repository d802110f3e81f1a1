from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.programs.forms import CenterPickForm
from tejido.web.forms import DateInput

from .site import CareAxis


class ActivityForm(CenterPickForm):
    kind = forms.ChoiceField(label=_("Tipo"), choices=[("atencion", _("Atención integral")),
                                                       ("intergeneracional", _("Evento intergeneracional"))])
    category = forms.ChoiceField(label=_("Eje"), choices=[("", "—")] + list(CareAxis.choices), required=False)
    topic = forms.CharField(label=_("Actividad"), max_length=250,
                            error_messages={"required": _("Describa la actividad.")})
    date = forms.DateField(label=_("Fecha"), widget=DateInput(),
                           error_messages={"required": _("Escriba la fecha."),
                                           "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    unnamed_participants = forms.IntegerField(label=_("Número de participantes"), min_value=0, initial=0,
                                              error_messages={"min_value": _("No puede ser negativo.")})

    def clean(self):
        data = super().clean()
        if data.get("kind") == "atencion" and not data.get("category"):
            self.add_error("category", _("Elija el eje de la atención integral."))
        return data
