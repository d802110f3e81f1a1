from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.programs.forms import CenterPickForm
from tejido.web.forms import DateInput

from .talks import TalkTheme


class EnrolForm(forms.Form):
    person_id = forms.IntegerField(label=_("Niña o niño (número de registro)"),
                                   error_messages={"required": _("Elija a la niña o el niño."),
                                                   "invalid": _("Escriba el número de registro.")})
    start = forms.DateField(label=_("Fecha de ingreso"), widget=DateInput(),
                            error_messages={"required": _("Escriba la fecha de ingreso."),
                                            "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    attended_by_teacher = forms.TypedChoiceField(
        label=_("Atención educativa"), coerce=lambda v: v == "1",
        choices=[("1", _("Con docente")), ("0", _("Solo madre cuidadora"))],
    )



class ScreeningForm(forms.Form):
    measured_on = forms.DateField(label=_("Fecha de medición"), widget=DateInput(),
                                  error_messages={"required": _("Escriba la fecha de medición."),
                                                  "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    weight_kg = forms.DecimalField(label=_("Peso (kg)"), required=False, max_digits=5, decimal_places=2,
                                   error_messages={"invalid": _("Escriba el peso en kilogramos, p. ej. 12.45."),
                                                   "max_decimal_places": _("Use como máximo 2 decimales.")})
    height_cm = forms.DecimalField(label=_("Longitud o talla (cm)"), required=False, max_digits=5, decimal_places=1,
                                   error_messages={"invalid": _("Escriba la talla en centímetros, p. ej. 86.5."),
                                                   "max_decimal_places": _("Use como máximo 1 decimal.")})
    measured = forms.ChoiceField(label=_("Posición"), required=False,
                                 choices=[("", _("No se anotó")), ("L", _("Acostado (longitud)")),
                                          ("H", _("De pie (talla)"))])
    oedema = forms.BooleanField(label=_("Edema bilateral"), required=False)
    # Shown only after a measure outside WHO's plausibility limits (with its z-scores): ticking it
    # confirms those very values; `confirmed_values` says which ones the warning was about.
    confirmed = forms.BooleanField(label=_("Confirmo que la medida es correcta"), required=False)
    confirmed_values = forms.CharField(widget=forms.HiddenInput, required=False)

    MEASURE_FIELDS = ("measured_on", "weight_kg", "height_cm", "measured", "oedema")

    def measure_fields(self):
        return [self[name] for name in self.MEASURE_FIELDS]

    def measures(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.MEASURE_FIELDS}

    def fingerprint(self) -> str:
        """The measures as typed, in a stable form: what a confirmation is about."""
        import hashlib

        values = [str(v.normalize()) if isinstance(v, Decimal) else str(v) for v in self.measures().values()]
        return hashlib.sha256("|".join(values).encode()).hexdigest()[:20]

    def is_confirmed(self) -> bool:
        """The box ticked for the values the warning showed (not for values changed since)."""
        return bool(self.cleaned_data.get("confirmed")) and self.cleaned_data.get("confirmed_values") == \
            self.fingerprint()

    def ask_confirmation(self) -> None:
        """Show the form again with the box unticked, for the values just sent."""
        data = self.data.copy()
        data["confirmed_values"] = self.fingerprint()
        data.pop("confirmed", None)
        self.data = data


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Evaluación"), choices=[("escala", _("Escala de Desarrollo")),
                                                             ("abc", _("Test ABC"))])
    round = forms.TypedChoiceField(label=_("Evaluación del año"), coerce=int,
                                   choices=[(1, _("Primera (marzo)")), (2, _("Segunda (septiembre)"))])
    evaluated_on = forms.DateField(label=_("Fecha"), widget=DateInput(),
                                   error_messages={"required": _("Escriba la fecha."),
                                                   "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    profile = forms.ChoiceField(label=_("Perfil"), error_messages={"required": _("Elija el perfil.")})

    def __init__(self, *args, **kwargs):
        from .evaluations import PROFILES

        super().__init__(*args, **kwargs)
        self.fields["profile"].choices = [("", "—")] + [
            (str(kind.label), [(code, label) for code, label in profiles]) for kind, profiles in PROFILES.items()
        ]


class CaregiverForm(forms.Form):
    person_id = forms.IntegerField(label=_("Madre cuidadora (número de registro)"),
                                   error_messages={"required": _("Elija a la persona.")})
    payer = forms.ChoiceField(label=_("Quién paga"), choices=[
        ("sosep", _("Transferencia monetaria SOSEP")), ("municipalidad", _("Municipalidad")),
        ("sistema_penitenciario", _("Sistema Penitenciario"))])
    monthly_amount = forms.DecimalField(label=_("Monto mensual (Q)"), required=False, max_digits=9,
                                        decimal_places=2,
                                        error_messages={"invalid": _("Escriba el monto en quetzales, p. ej. 1000.00.")})
    start = forms.DateField(label=_("Desde"), widget=DateInput(),
                            error_messages={"required": _("Escriba la fecha."),
                                            "invalid": _("Fecha no válida; use dd/mm/aaaa.")})


class TeacherPostForm(forms.Form):
    source = forms.ChoiceField(label=_("Asignado por"), choices=[
        ("mineduc_sosep", _("Coordinación MINEDUC-SOSEP")),
        ("direccion_departamental", _("Dirección Departamental de Educación / Supervisión")),
        ("municipalidad_cooperante", _("Municipalidad o institución cooperante"))])
    teacher_id = forms.IntegerField(label=_("Docente (número de registro, opcional)"), required=False)
    start = forms.DateField(label=_("Desde"), widget=DateInput(),
                            error_messages={"required": _("Escriba la fecha."),
                                            "invalid": _("Fecha no válida; use dd/mm/aaaa.")})


class EventForm(CenterPickForm):
    kind = forms.ChoiceField(label=_("Tipo"), choices=[("capacitacion", _("Capacitación")),
                                                       ("charla", _("Charla informativa a padres"))])
    topic = forms.CharField(label=_("Tema"), max_length=250, error_messages={"required": _("Escriba el tema.")})
    # Seed 001 tables 6 and 8 count two themes of talks apart (childcare/talks.py).
    category = forms.ChoiceField(label=_("Tema de la charla (para los cuadros de la Memoria)"), required=False,
                                 choices=[("", _("Otro tema"))] + list(TalkTheme.choices))
    audience = forms.ChoiceField(label=_("Dirigido a"), choices=[
        ("padres", _("Madres y padres de familia")), ("docentes", _("Docentes")),
        ("madres_cuidadoras", _("Madres cuidadoras")), ("supervisoras", _("Delegadas y supervisoras"))])
    modality = forms.ChoiceField(label=_("Modalidad"), choices=[
        ("presencial", _("Presencial")), ("virtual", _("Virtual")), ("a_distancia", _("A distancia")),
        ("in_situ", _("In situ"))])
    date = forms.DateField(label=_("Fecha"), widget=DateInput(),
                           error_messages={"required": _("Escriba la fecha."),
                                           "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    unnamed_participants = forms.IntegerField(label=_("Número de participantes"), min_value=0, initial=0,
                                              error_messages={"min_value": _("No puede ser negativo.")})
    partner = forms.CharField(label=_("Institución aliada"), max_length=150, required=False)

    def clean(self):
        data = super().clean()
        if data.get("category") and data.get("kind") != "charla":
            self.add_error("category", _("El tema de la charla solo se indica para una charla informativa."))
        return data


class MaterialForm(CenterPickForm):
    material = forms.CharField(label=_("Material"), max_length=150,
                               error_messages={"required": _("Escriba qué material se entregó.")})
    quantity = forms.IntegerField(label=_("Cantidad"), min_value=1,
                                  error_messages={"required": _("Escriba la cantidad."),
                                                  "min_value": _("La cantidad debe ser al menos 1.")})
    recipients = forms.ChoiceField(label=_("Entregado a"), choices=[
        ("ninos", _("Niñas y niños")), ("docentes", _("Docentes")), ("madres_cuidadoras", _("Madres cuidadoras"))])
    date = forms.DateField(label=_("Fecha"), widget=DateInput(),
                           error_messages={"required": _("Escriba la fecha."),
                                           "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
