from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.web.forms import DateInput

from .models import Movement
from .selectors import products

DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}
QUANTITY_ERRORS = {"required": _("Escriba la cantidad."), "invalid": _("Escriba un número entero."),
                   "min_value": _("La cantidad debe ser al menos 1.")}


class ProductField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=products(), label=_("Producto"),
                         error_messages={"required": _("Elija el producto."),
                                         "invalid_choice": _("Elija un producto del catálogo.")}, **kwargs)


class EntryForm(forms.Form):
    product = ProductField()
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1, error_messages=QUANTITY_ERRORS)
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    origin = forms.ChoiceField(label=_("Origen"), choices=Movement.Origin.choices)
    reference = forms.CharField(label=_("Número de documento"), max_length=60,
                                help_text=_("Factura, orden de compra o acta de donación."),
                                error_messages={"required": _("Escriba el número de documento.")})
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)


class TransferForm(forms.Form):
    product = ProductField()
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1, error_messages=QUANTITY_ERRORS)
    destination = forms.ModelChoiceField(label=_("Sede de destino"), queryset=None,
                                         error_messages={"required": _("Elija la sede de destino."),
                                                         "invalid_choice": _("Elija una sede de la lista.")})
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    reference = forms.CharField(label=_("Número de envío"), max_length=60, required=False)
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)

    def __init__(self, *args, destinations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].queryset = destinations
