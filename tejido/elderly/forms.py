from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.programs.forms import CenterPickForm, ReferralDecisionForm
from tejido.web.forms import DateInput

from .site import REFERRAL_INSTITUTIONS, CareAxis, ElderlyItem


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


DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}


class HomeVisitForm(forms.Form):
    date = forms.DateField(label=_("Fecha de la visita"), widget=DateInput(), error_messages=DATE_ERRORS)
    category = forms.ChoiceField(label=_("Eje de atención"), choices=[("", "—")] + list(CareAxis.choices),
                                 required=False)
    topic = forms.CharField(label=_("Qué se hizo"), max_length=250,
                            error_messages={"required": _("Describa la atención brindada en la visita.")})


class DeliveryForm(CenterPickForm):
    item = forms.ChoiceField(label=_("Qué se entregó"), choices=[("", "—")] + list(ElderlyItem.choices),
                             error_messages={"required": _("Elija qué se entregó.")})
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1, max_value=100_000, initial=1,
                                  error_messages={"required": _("Escriba la cantidad."),
                                                  "min_value": _("La cantidad debe ser al menos 1."),
                                                  "max_value": _("Cantidad fuera de rango.")})
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)
    note = forms.CharField(label=_("Observación"), max_length=250, required=False)


class ReferralForm(forms.Form):
    destination_institution = forms.ChoiceField(
        label=_("Derivar a"), choices=[("", "—")] + [(i, i) for i in REFERRAL_INSTITUTIONS] + [("otra", _("Otra"))],
        error_messages={"required": _("Elija a dónde se deriva.")})
    other_institution = forms.CharField(label=_("Otra institución"), max_length=150, required=False)
    reason = forms.CharField(label=_("Motivo"), max_length=250,
                             error_messages={"required": _("Escriba el motivo de la derivación.")})
    date = forms.DateField(label=_("Fecha"), widget=DateInput(), error_messages=DATE_ERRORS)

    def clean(self):
        data = super().clean()
        if data.get("destination_institution") == "otra":
            if not data.get("other_institution", "").strip():
                self.add_error("other_institution", _("Escriba el nombre de la institución."))
            data["destination_institution"] = data.get("other_institution", "").strip()
        return data


DecisionForm = ReferralDecisionForm  # every program answers referrals the same way
