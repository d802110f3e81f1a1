"""Forms parse input; services decide (tejido.donations.services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.stock.models import Product
from tejido.territory.models import Office
from tejido.web.forms import DateInput

from .models import Category, Distribution, Donor

DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}
QUANTITY_ERRORS = {"required": _("Escriba la cantidad."), "invalid": _("Debe ser un número entero.")}


class DonationForm(forms.Form):
    donor = forms.ModelChoiceField(label=_("Donante registrado"), queryset=Donor.objects.all(), required=False,
                                   empty_label=_("— Donante nuevo (escriba el nombre abajo) —"))
    donor_name = forms.CharField(label=_("Nombre del donante nuevo"), max_length=200, required=False)
    donor_kind = forms.ChoiceField(label=_("Tipo de donante nuevo"), required=False,
                                   choices=[("", "—")] + list(Donor.Kind.choices))
    received_on = forms.DateField(label=_("Fecha de recepción"), widget=DateInput(), error_messages=DATE_ERRORS)
    office = forms.ModelChoiceField(label=_("Sede que recibe"), queryset=Office.objects.none(),
                                    error_messages={"required": _("Elija la sede que recibe la donación."),
                                                    "invalid_choice": _("Elija una sede de su territorio.")})
    certificate_number = forms.CharField(label=_("Número de acta o certificado"), max_length=40, required=False)
    certificate = forms.FileField(label=_("Certificado o acta de donación (PDF, JPEG o PNG)"), required=False)
    invoice = forms.FileField(label=_("Factura (PDF, JPEG o PNG)"), required=False)
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.fields["office"].queryset = offices


class ItemForm(forms.Form):
    description = forms.CharField(label=_("Descripción"), max_length=250,
                                  error_messages={"required": _("Describa el bien donado.")})
    quantity = forms.IntegerField(label=_("Cantidad"), error_messages=QUANTITY_ERRORS)
    unit = forms.CharField(label=_("Unidad"), max_length=40, required=False)
    category = forms.ChoiceField(label=_("Categoría"), choices=[("", "—")] + list(Category.choices),
                                 error_messages={"required": _("Elija la categoría.")})
    value = forms.DecimalField(label=_("Valor (Q)"), decimal_places=2, max_digits=14,
                               error_messages={"required": _("Escriba el valor en quetzales."),
                                               "invalid": _("Escriba el valor en quetzales (por ejemplo 1500.00)."),
                                               "max_decimal_places": _("Como máximo dos decimales."),
                                               "max_digits": _("Valor demasiado grande.")})
    product = forms.ModelChoiceField(label=_("Producto del inventario"), required=False,
                                     queryset=Product.objects.filter(active=True),
                                     empty_label=_("— No entra al inventario —"))


ItemFormSet = forms.formset_factory(ItemForm, extra=4, min_num=1, validate_min=True, max_num=200)


class DistributionForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Bien donado"), queryset=None,
                                  error_messages={"required": _("Elija el bien que se distribuye.")})
    kind = forms.ChoiceField(label=_("Destino"), choices=Distribution.Kind.choices)
    program = forms.ChoiceField(label=_("Programa"), required=False, choices=[("", "—")] + list(Program.choices))
    office = forms.ModelChoiceField(label=_("Sede de destino"), queryset=Office.objects.all(), required=False)
    person_id = forms.IntegerField(label=_("Persona beneficiaria (número de registro, opcional)"), required=False)
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    quantity = forms.IntegerField(label=_("Cantidad"), error_messages=QUANTITY_ERRORS)
    receipt = forms.CharField(label=_("Número de constancia o recibo"), max_length=40,
                              error_messages={"required": _("Escriba el número de constancia o recibo.")})
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda item: _("%(label)s (saldo: %(n)s)") % {
            "label": item.label, "n": item.quantity - getattr(item, "distributed", 0)}
