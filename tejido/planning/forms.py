"""Forms of the planning pages: an output's targets, programming and counting rule; budget
import and manual entry. Services decide; forms only parse."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.centers.models import CenterKind
from tejido.programs.models import Event

from .indicators import RULES
from .models import RuleKind, SpendingGroup

MONTH_NAMES = (_("Enero"), _("Febrero"), _("Marzo"), _("Abril"), _("Mayo"), _("Junio"), _("Julio"), _("Agosto"),
               _("Septiembre"), _("Octubre"), _("Noviembre"), _("Diciembre"))
AMOUNT_ERRORS = {"invalid": _("Escriba un monto, p. ej. 1234.50."), "required": _("Escriba el monto.")}


def _count(label, **kwargs):
    return forms.IntegerField(label=label, min_value=0, error_messages={
        "invalid": _("Escriba un número entero."), "min_value": _("No puede ser negativo."),
        "required": _("Escriba la meta.")}, **kwargs)


class OutputForm(forms.Form):
    initial_target = _count(_("Meta física inicial"))
    current_target = _count(_("Meta física vigente"))
    kind = forms.ChoiceField(label=_("Regla de conteo"), choices=RuleKind.choices)
    program = forms.ChoiceField(label=_("Programa"), choices=[("", "—")] + list(Program.choices), required=False)
    center_kinds = forms.MultipleChoiceField(label=_("Tipos de centro (vacío: todos)"), choices=CenterKind.choices,
                                             required=False, widget=forms.CheckboxSelectMultiple)
    event_kinds = forms.MultipleChoiceField(label=_("Tipos de evento"), choices=Event.Kind.choices, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    category = forms.CharField(label=_("Categoría del evento (opcional)"), max_length=40, required=False)
    center_kind = forms.ChoiceField(label=_("Tipo de centro"), choices=[("", "—")] + list(CenterKind.choices),
                                    required=False)
    note = forms.CharField(label=_("Nota sobre el indicador"), max_length=250, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for month, name in enumerate(MONTH_NAMES, start=1):
            self.fields[f"month_{month}"] = _count(name, required=False)
        for month, name in enumerate(MONTH_NAMES, start=1):
            self.fields[f"manual_{month}"] = _count(name, required=False)

    def monthly(self) -> list[int]:
        return [self.cleaned_data.get(f"month_{m}") or 0 for m in range(1, 13)]

    def manual(self) -> dict:
        return {m: self.cleaned_data.get(f"manual_{m}") for m in range(1, 13)}

    def params(self) -> dict:
        rule = RULES.get(self.cleaned_data["kind"])
        return {p.name: self.cleaned_data.get(p.name) for p in (rule.params if rule else ())}

    def target_fields(self):
        return [self["initial_target"], self["current_target"]]

    def month_fields(self):
        return [self[f"month_{m}"] for m in range(1, 13)]

    def manual_fields(self):
        return [self[f"manual_{m}"] for m in range(1, 13)]

    def rule_fields(self):
        return [self[name] for name in ("kind", "program", "center_kinds", "event_kinds", "category", "center_kind",
                                        "note")]


class BudgetImportForm(forms.Form):
    file = forms.FileField(label=_("Archivo de ejecución de SICOIN (.csv o .xlsx)"),
                           error_messages={"required": _("Elija el archivo."), "empty": _("El archivo está vacío.")})


class BudgetLineForm(forms.Form):
    activity = forms.ModelChoiceField(label=_("Actividad presupuestaria"), queryset=None,
                                      error_messages={"required": _("Elija la actividad.")})
    group = forms.ChoiceField(label=_("Grupo de gasto"), choices=[(c, f"{c} {n}") for c, n in SpendingGroup.choices])
    month = forms.TypedChoiceField(label=_("Mes"), coerce=int,
                                   choices=[(m, name) for m, name in enumerate(MONTH_NAMES, start=1)])
    assigned = forms.DecimalField(label=_("Asignado (anual)"), max_digits=14, decimal_places=2, min_value=0,
                                  error_messages=AMOUNT_ERRORS)
    current = forms.DecimalField(label=_("Vigente (anual, al mes)"), max_digits=14, decimal_places=2, min_value=0,
                                 error_messages=AMOUNT_ERRORS)
    executed = forms.DecimalField(label=_("Ejecutado en el mes"), max_digits=14, decimal_places=2, min_value=0,
                                  error_messages=AMOUNT_ERRORS)

    def __init__(self, *args, activities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
