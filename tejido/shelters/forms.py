"""Forms parse input; services decide. The family entry reuses the migrants' member table
(one row per person, blank rows ignored, age in years when the birth date is unknown)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.migrants.forms import MemberFormSet, member_formset  # noqa: F401  (re-exported for views)
from tejido.web.forms import DateInput, MunicipalityField, picker_attrs

from .models import EventKind, SupplyItem

DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}


class OpenForm(forms.Form):
    event = forms.ChoiceField(label=_("Evento"), choices=[("", "—")] + list(EventKind.choices),
                              error_messages={"required": _("Elija el evento que motiva el albergue.")})
    event_other = forms.CharField(label=_("Otro evento (describa)"), max_length=120, required=False)
    center = forms.ModelChoiceField(label=_("Centro de albergue"), queryset=None, required=False,
                                    empty_label=_("— Lugar eventual (escriba nombre y municipio) —"),
                                    error_messages={"invalid_choice": _("Elija un centro de la lista.")},
                                    widget=forms.Select(attrs=picker_attrs()))
    name = forms.CharField(label=_("Nombre del lugar"), max_length=150, required=False,
                           help_text=_("Escuela, salón comunal, polideportivo..."))
    municipality = MunicipalityField(label=_("Municipio"), required=False)
    address = forms.CharField(label=_("Ubicación (zona, barrio, dirección)"), max_length=250, required=False)
    opened_on = forms.DateField(label=_("Fecha de apertura"), widget=DateInput(), error_messages=DATE_ERRORS)
    capacity = forms.IntegerField(label=_("Capacidad (personas)"), required=False, min_value=1, max_value=100_000,
                                  error_messages={"invalid": _("Escriba un número entero."),
                                                  "min_value": _("La capacidad debe ser al menos 1."),
                                                  "max_value": _("Capacidad fuera de rango.")})
    notes = forms.CharField(label=_("Observaciones"), max_length=500, required=False)

    def __init__(self, *args, centers, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        data = super().clean()
        if not data.get("center") and "center" not in self.errors:
            if not data.get("municipality") and "municipality" not in self.errors:
                self.add_error("municipality", _("Elija un centro de albergue o escriba el lugar y su municipio."))
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Escriba el nombre del lugar donde funciona el albergue."))
            if data.get("capacity") is None and "capacity" not in self.errors:
                self.add_error("capacity", _("Escriba la capacidad en personas."))
        if data.get("event") == EventKind.OTHER and not (data.get("event_other") or "").strip():
            self.add_error("event_other", _("Describa el evento."))
        return data


class FamilyForm(forms.Form):
    check_in = forms.DateField(label=_("Fecha de ingreso"), widget=DateInput(), error_messages=DATE_ERRORS)
    notes = forms.CharField(label=_("Observaciones"), max_length=250, required=False)
    confirm_over_capacity = forms.BooleanField(label=_("Confirmo que se supera la capacidad"), required=False)


class CheckOutForm(forms.Form):
    check_out = forms.DateField(label=_("Fecha de salida"), widget=DateInput(), error_messages=DATE_ERRORS)
    stays = forms.TypedMultipleChoiceField(label=_("Personas"), coerce=int, widget=forms.CheckboxSelectMultiple,
                                           error_messages={"required": _("Elija a quién registrar la salida.")})

    def __init__(self, *args, stays=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stays"].choices = [(s.pk, s.person.full_name) for s in stays]


class SupplyForm(forms.Form):
    item = forms.ChoiceField(label=_("Insumo"), choices=[("", "—")] + list(SupplyItem.choices),
                             error_messages={"required": _("Elija qué se entregó.")})
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1, max_value=100_000, initial=1,
                                  error_messages={"required": _("Escriba la cantidad."),
                                                  "invalid": _("Escriba un número entero."),
                                                  "min_value": _("La cantidad debe ser al menos 1."),
                                                  "max_value": _("Cantidad fuera de rango.")})
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    family = forms.TypedChoiceField(label=_("Familia (opcional)"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)

    def __init__(self, *args, families=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [("", _("— Todo el albergue —"))] + [(f.pk, label) for f, label in families]


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Fecha de cierre"), widget=DateInput(), error_messages=DATE_ERRORS)
    notes = forms.CharField(label=_("Observaciones del cierre"), max_length=250, required=False)
