from django import forms
from django.utils.translation import gettext_lazy as _


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Motivo"), max_length=300, required=False,
                             help_text=_("P. ej. «gemelas: nombres distintos», «CUI distintos»."))


class RunForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Departamento"), queryset=None, required=False,
                                        empty_label=_("Todo el país"))
    threshold = forms.FloatField(label=_("Probabilidad mínima"), min_value=0.5, max_value=0.99, initial=0.9)

    def __init__(self, *args, **kwargs):
        from tejido.territory.models import Department

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("name")
