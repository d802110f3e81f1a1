import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.common.errors import ApplicationError
from tejido.common.fields import BoundedModelMultipleChoiceField
from tejido.territory.models import Department
from tejido.web.forms import DateInput

from .builder import REPORTS
from .period import MONTHS, Period


class ReportForm(forms.Form):
    informe = forms.ChoiceField(label=_("Informe"), choices=[(k, v[0]) for k, v in REPORTS.items()])
    tipo = forms.ChoiceField(label=_("Periodo"), choices=[("anio", _("Año")), ("cuatrimestre", _("Cuatrimestre")),
                                                          ("mes", _("Mes")), ("rango", _("Otro rango de fechas"))])
    anio = forms.IntegerField(label=_("Año"), min_value=2000, max_value=2100,
                              error_messages={"min_value": _("Año fuera de rango."),
                                              "max_value": _("Año fuera de rango."),
                                              "invalid": _("Escriba el año con cuatro cifras.")})
    cuatrimestre = forms.TypedChoiceField(label=_("Cuatrimestre"), coerce=int, required=False,
                                          choices=[(1, _("1.º (enero–abril)")), (2, _("2.º (mayo–agosto)")),
                                                   (3, _("3.º (septiembre–diciembre)"))])
    mes = forms.TypedChoiceField(label=_("Mes"), coerce=int, required=False,
                                 choices=[(i, m.capitalize()) for i, m in enumerate(MONTHS, start=1)])
    desde = forms.DateField(label=_("Desde"), required=False, widget=DateInput(),
                            error_messages={"invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    hasta = forms.DateField(label=_("Hasta"), required=False, widget=DateInput(),
                            error_messages={"invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    departamento = BoundedModelMultipleChoiceField(label=_("Departamentos (vacío: todo su territorio)"),
                                                  queryset=Department.objects.none(), required=False,
                                                  error_messages={"invalid_choice": _("Elija departamentos de la "
                                                                                      "lista.")})
    programa = forms.ChoiceField(label=_("Programa"), required=False,
                                 choices=[("", _("Todos"))] + list(Program.choices))

    # Which period fields belong to which «Periodo»: the page shows only those (tejido.js,
    # data-shown-for); without JavaScript all are shown and the others are ignored.
    SHOWN_FOR = {"anio": "anio cuatrimestre mes", "cuatrimestre": "cuatrimestre", "mes": "mes", "desde": "rango",
                 "hasta": "rango"}

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departamento"].queryset = departments
        self.fields["anio"].initial = timezone.localdate().year
        for name, kinds in self.SHOWN_FOR.items():
            self.fields[name].widget.attrs["data-shown-for"] = f"tipo:{kinds}"

    def clean(self):
        data = super().clean()
        year, kind = data.get("anio"), data.get("tipo")
        if kind in ("anio", "cuatrimestre", "mes") and not year:
            return data
        try:
            if kind == "anio":
                data["period"] = Period.year(year)
            elif kind == "cuatrimestre":
                if not data.get("cuatrimestre"):
                    self.add_error("cuatrimestre", _("Elija el cuatrimestre."))
                    return data
                data["period"] = Period.four_month(year, data["cuatrimestre"])
            elif kind == "mes":
                if not data.get("mes"):
                    self.add_error("mes", _("Elija el mes."))
                    return data
                data["period"] = Period.month(year, data["mes"])
            elif kind == "rango":
                if not data.get("desde") or not data.get("hasta"):
                    for name in ("desde", "hasta"):
                        if not data.get(name) and name not in self.errors:
                            self.add_error(name, _("Escriba la fecha."))
                    return data
                data["period"] = Period.between(data["desde"], data["hasta"])
        except ApplicationError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data


def default_query() -> dict:
    return {"informe": "annual", "tipo": "anio", "anio": dt.date.today().year}
