"""What a visitor chooses: program, period (year, four-month period or month) and department."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tejido.common.errors import ApplicationError
from tejido.reports.period import MONTHS, Period
from tejido.territory.models import Department

from .catalogue import PROGRAMS

FIRST_YEAR = 2020


class PortalForm(forms.Form):
    programa = forms.ChoiceField(label=_("Programa"), required=False, choices=[("", _("Todos"))] + PROGRAMS,
                                 error_messages={"invalid_choice": _("Elija un programa de la lista.")})
    departamento = forms.ModelChoiceField(label=_("Departamento"), required=False, empty_label=_("Todo el país"),
                                          queryset=Department.objects.order_by("name"),
                                          error_messages={"invalid_choice": _("Elija un departamento de la lista.")})
    tipo = forms.ChoiceField(label=_("Periodo"), choices=[("anio", _("Año")), ("cuatrimestre", _("Cuatrimestre")),
                                                          ("mes", _("Mes"))],
                             error_messages={"invalid_choice": _("Elija año, cuatrimestre o mes.")})
    anio = forms.IntegerField(label=_("Año"), error_messages={"invalid": _("Escriba el año con cuatro cifras."),
                                                               "required": _("Escriba el año.")})
    cuatrimestre = forms.TypedChoiceField(label=_("Cuatrimestre"), coerce=int, required=False,
                                          choices=[("", "—"), (1, _("1.º (enero–abril)")),
                                                   (2, _("2.º (mayo–agosto)")), (3, _("3.º (septiembre–diciembre)"))])
    mes = forms.TypedChoiceField(label=_("Mes"), coerce=int, required=False,
                                 choices=[("", "—")] + [(i, m.capitalize()) for i, m in enumerate(MONTHS, start=1)])

    def clean_anio(self):
        year = self.cleaned_data["anio"]
        if not FIRST_YEAR <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Hay cifras de %(a)s a %(b)s.") % {"a": FIRST_YEAR,
                                                                             "b": timezone.localdate().year})
        return year

    def clean(self):
        data = super().clean()
        year, kind = data.get("anio"), data.get("tipo")
        if not year or not kind:
            return data
        try:
            if kind == "anio":
                data["period"] = Period.year(year)
            elif kind == "cuatrimestre":
                if not data.get("cuatrimestre"):
                    raise ApplicationError(_("Elija el cuatrimestre."), field="cuatrimestre")
                data["period"] = Period.four_month(year, data["cuatrimestre"])
            else:
                if not data.get("mes"):
                    raise ApplicationError(_("Elija el mes."), field="mes")
                data["period"] = Period.month(year, data["mes"])
        except ApplicationError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
            return data
        if data["period"].start > timezone.localdate():
            field = {"anio": "anio", "cuatrimestre": "cuatrimestre", "mes": "mes"}[kind]
            self.add_error(field, _("Ese periodo aún no empieza."))
            data.pop("period")
        return data

    def first_error(self) -> ApplicationError:
        field, errors = next(iter(self.errors.items()))
        return ApplicationError(str(errors[0]), field=None if field == "__all__" else field)


def default_query() -> dict:
    return {"tipo": "anio", "anio": timezone.localdate().year}
