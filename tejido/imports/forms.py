from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS


class UploadForm(forms.Form):
    plantilla = forms.ChoiceField(label=_("Plantilla"))
    archivo = forms.FileField(label=_("Archivo (.xlsx o .csv)"),
                              widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))
    solo_validar = forms.BooleanField(label=_("Solo validar (no importar)"), required=False)
    solo_validas = forms.BooleanField(label=_("Importar solo las filas válidas (las filas con error se omiten)"),
                                      required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plantilla"].choices = [(k.slug, k.label) for k in KINDS.values()]
