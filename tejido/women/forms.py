from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from tejido.programs.forms import EnrolForm
from tejido.web.forms import DateInput, MunicipalityField

from .choices import ProductLine, TrainingKind

DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}
MONEY = {"min_value": 0, "max_digits": 12, "decimal_places": 2,
         "error_messages": {"min_value": _("El monto no puede ser negativo."), "invalid": _("Escriba un monto."),
                            "max_digits": _("Monto fuera de rango."),
                            "max_decimal_places": _("Use como máximo dos decimales.")}}


class WomanEnrolForm(EnrolForm):
    """The shared enrolment form plus the confirmation a girl under 13 needs. The box stays
    hidden until the service asks for it (its error is attached to this field)."""

    confirmed = forms.BooleanField(label=_("Confirmo que la niña participa en la unidad productiva"),
                                   required=False, widget=forms.HiddenInput)

    def add_error(self, field, error):
        if field == "confirmed":
            self.fields["confirmed"].widget = forms.CheckboxInput()
        super().add_error(field, error)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Nombre de la unidad productiva"), max_length=150,
                           error_messages={"required": _("Escriba el nombre de la unidad productiva.")})
    municipality = MunicipalityField(label=_("Municipio"))
    product_line = forms.ChoiceField(label=_("Línea productiva"), choices=[("", "—")] + list(ProductLine.choices),
                                     error_messages={"required": _("Elija la línea productiva.")})
    opened_on = forms.DateField(label=_("Fecha de inicio"), required=False, widget=DateInput(),
                                error_messages=DATE_ERRORS)


class TrainingForm(forms.Form):
    training_kind = forms.ChoiceField(label=_("Tipo de capacitación"),
                                      choices=[("", "—")] + list(TrainingKind.choices),
                                      error_messages={"required": _("Elija el tipo de capacitación.")})
    product_line = forms.ChoiceField(label=_("Línea productiva"), required=False,
                                     choices=[("", "—")] + list(ProductLine.choices),
                                     help_text=_("Obligatoria en capacitaciones de actividad productiva."))
    topic = forms.CharField(label=_("Tema"), max_length=250, required=False)
    partner = forms.CharField(label=_("Institución aliada"), max_length=150, required=False,
                              help_text=_("P. ej. INTECAP, Pro Mujer."))
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    municipality = MunicipalityField(label=_("Municipio"))
    center = forms.ModelChoiceField(label=_("Unidad productiva"), queryset=None, required=False,
                                    error_messages={"invalid_choice": _("Elija una unidad de la lista.")})
    participant_ids = forms.CharField(required=False, widget=forms.MultipleHiddenInput)
    unnamed_participants = forms.IntegerField(label=_("Participantes sin registro (número)"), min_value=0,
                                              max_value=100000, initial=0, required=False,
                                              error_messages={"min_value": _("No puede ser negativo.")})

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = units
        self.fields["center"].widget.attrs.update({"hx-get": reverse_lazy("women_training_participants"),
                                                   "hx-trigger": "change", "hx-target": "#participantes",
                                                   "hx-include": "[name=date]"})

    def clean_participant_ids(self):
        raw = self.data.getlist("participant_ids") if hasattr(self.data, "getlist") else []
        return [int(v) for v in raw if str(v).isdigit()]

    def clean(self):
        data = super().clean()
        if data.get("training_kind") == TrainingKind.PRODUCTIVE and not data.get("product_line"):
            self.add_error("product_line", _("Elija la línea productiva de la capacitación."))
        data["unnamed_participants"] = data.get("unnamed_participants") or 0
        return data


class FairForm(forms.Form):
    topic = forms.CharField(label=_("Nombre del evento"), max_length=250,
                            error_messages={"required": _("Escriba el nombre del evento.")})
    municipality = MunicipalityField(label=_("Municipio"))
    start = forms.DateField(label=_("Fecha de inicio"), widget=DateInput(), error_messages=DATE_ERRORS)
    end = forms.DateField(label=_("Fecha de finalización"), widget=DateInput(), error_messages=DATE_ERRORS)
    partner = forms.CharField(label=_("Institución que organiza o coordina"), max_length=150, required=False)
    unnamed_participants = forms.IntegerField(
        label=_("Mujeres participantes sin registro (número)"), min_value=0, max_value=100000, initial=0,
        help_text=_("Las mujeres registradas se agregan con sus ventas en la página del evento."),
        error_messages={"min_value": _("No puede ser negativo."), "required": _("Escriba un número (puede ser 0).")})
    person_id = forms.IntegerField(label=_("Primera participante (número de registro)"), required=False)
    amount = forms.DecimalField(label=_("Sus ventas (Q)"), required=False, **MONEY)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("La fecha de finalización no puede ser anterior a la de inicio."))
        if data.get("person_id") and data.get("amount") is None:
            self.add_error("amount", _("Escriba sus ventas (puede ser 0)."))
        return data


class SaleForm(forms.Form):
    person_id = forms.IntegerField(label=_("Mujer (número de registro)"),
                                   error_messages={"required": _("Elija a la mujer."),
                                                   "invalid": _("Escriba el número de registro.")})
    amount = forms.DecimalField(label=_("Ventas (Q)"), **MONEY)


class IncomeForm(forms.Form):
    person_id = forms.IntegerField(label=_("Mujer (número de registro)"),
                                   error_messages={"required": _("Elija a la mujer."),
                                                   "invalid": _("Escriba el número de registro.")})
    month = forms.DateField(label=_("Mes"), input_formats=["%Y-%m", "%Y-%m-%d"],
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
                            error_messages={"required": _("Elija el mes."), "invalid": _("Mes no válido.")})
    own_sales = forms.DecimalField(label=_("Ventas propias (Q)"), **MONEY)
    fair_sales = forms.DecimalField(label=_("Ventas en eventos comerciales (Q)"), required=False,
                                    help_text=_("Si lo deja vacío, se suman sus ventas en los eventos de ese mes."),
                                    **MONEY)
