"""Forms parse input; services decide. `apply_error` puts a service's Spanish message next
to the field it names."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from tejido.centers.models import Center, CenterKind
from tejido.common.errors import ApplicationError
from tejido.registry.choices import (
    Disability,
    HouseholdKind,
    LanguageCommunity,
    PovertyStatus,
    Pueblo,
    Relationship,
    Sex,
)
from tejido.registry.cui import validate_cui
from tejido.reliability.locking import ConflictError
from tejido.territory.models import Department, Municipality, Place


def limit_municipalities(form: forms.Form, user) -> forms.Form:
    from tejido.territory.selectors import municipalities_for_forms

    if "municipality" in form.fields:
        form.fields["municipality"].queryset = municipalities_for_forms(user)
    return form


def apply_error(form: forms.Form, error: ApplicationError) -> None:
    """Put the message next to the field it names ("person" also finds "person_id"). An edit
    conflict already shown at the top of the page (reliability.locking.Edit) is not repeated."""
    if getattr(error, "shown", False):
        return
    field = next((f for f in (error.field, f"{error.field}_id") if f in form.fields), None)
    form.add_error(field, error.message)


def save_edit(edit, form: forms.Form, save, *, fields, reload) -> forms.Form | None:
    """An edit page that changes a record's own fields (reliability.locking.Edit with table=True):
    None once `save()` has saved; on a conflict, a form with the current values from `reload()` (and
    the table of what the user typed in `edit.conflict`); on an error, the form with it in place."""
    try:
        with edit.saving():
            save()
    except ConflictError:  # nothing stale can be re-sent blindly: the user re-applies from the table
        edit.compare(form, fields)
        return reload()
    except ApplicationError as error:
        apply_error(form, error)
        edit.obj.refresh_from_db()
        return form
    return None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def picker_attrs() -> dict:
    """A select one can type into (tejido.js data-picker): accents and case are ignored."""
    return {"data-picker": _("Escriba parte del nombre para buscar"),
            "data-picker-none": _("Ningún elemento de la lista coincide con lo escrito.")}


class MunicipalityField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Municipality.objects.select_related("department").order_by("department__name", "name"),
            error_messages={"invalid_choice": _("Elija un municipio de la lista (los de su territorio)."),
                            "required": _("Elija el municipio.")},
            **kwargs,
        )
        self.widget.attrs.update(picker_attrs())

    def label_from_instance(self, obj):
        return f"{obj.department.name} — {obj.name}"


class PersonForm(forms.Form):
    given_names = forms.CharField(label=_("Nombres"), max_length=80,
                                  error_messages={"required": _("Escriba al menos un nombre.")})
    first_surname = forms.CharField(label=_("Primer apellido"), max_length=50,
                                    error_messages={"required": _("Escriba el primer apellido.")})
    second_surname = forms.CharField(label=_("Segundo apellido"), max_length=50, required=False)
    married_surname = forms.CharField(label=_("Apellido de casada"), max_length=50, required=False)
    sex = forms.ChoiceField(label=_("Sexo"), choices=[("", "—")] + list(Sex.choices),
                            error_messages={"required": _("Indique el sexo.")})
    birth_date = forms.DateField(label=_("Fecha de nacimiento"), widget=DateInput(),
                                 error_messages={"required": _("Escriba la fecha de nacimiento."),
                                                 "invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    birth_date_estimated = forms.BooleanField(label=_("La fecha de nacimiento es estimada"), required=False)
    cui = forms.CharField(label=_("CUI (DPI)"), required=False, max_length=20,
                          help_text=_("13 dígitos; opcional si la persona no lo tiene a mano."))
    pueblo = forms.ChoiceField(label=_("Pueblo"), choices=Pueblo.choices, initial=Pueblo.NOT_STATED)
    language_community = forms.ChoiceField(label=_("Comunidad lingüística"), choices=LanguageCommunity.choices,
                                           initial=LanguageCommunity.NOT_STATED)
    disability = forms.ChoiceField(label=_("Discapacidad"), choices=Disability.choices,
                                   initial=Disability.NOT_STATED)
    poverty_status = forms.ChoiceField(label=_("Condición de pobreza"), choices=PovertyStatus.choices,
                                       initial=PovertyStatus.NOT_ASSESSED)
    municipality = MunicipalityField(label=_("Municipio de residencia"))
    place = forms.ModelChoiceField(label=_("Lugar poblado"), queryset=Place.objects.none(), required=False,
                                   error_messages={
                                       "invalid_choice": _("El lugar poblado no pertenece al municipio elegido.")})
    address = forms.CharField(label=_("Dirección"), max_length=250, required=False)
    phone = forms.CharField(label=_("Teléfono"), max_length=20, required=False)
    registered_center = forms.ModelChoiceField(label=_("Centro de registro"), queryset=Center.objects.none(),
                                               required=False)

    def __init__(self, *args, centers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if centers is not None:
            self.fields["registered_center"].queryset = centers
        self.fields["registered_center"].widget.attrs.update(picker_attrs())
        # Only the chosen municipality's places: a national list would be huge.
        municipality = self.data.get("municipality") or self.initial.get("municipality")
        municipality_id = getattr(municipality, "pk", municipality)
        self.fields["place"].queryset = (
            Place.objects.filter(municipality_id=municipality_id) if str(municipality_id or "").isdigit()
            else Place.objects.none()
        )
        self.fields["municipality"].widget.attrs.update({
            "hx-get": reverse_lazy("place_options"), "hx-target": "#id_place", "hx-trigger": "change",
        })


    FIELDSETS = [
        (_("Identificación"), ["given_names", "first_surname", "second_surname", "married_surname", "sex",
                               "birth_date", "birth_date_estimated", "cui"]),
        (_("Pertenencia y condición"), ["pueblo", "language_community", "disability", "poverty_status"]),
        (_("Residencia y contacto"), ["municipality", "place", "address", "phone", "registered_center"]),
    ]

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.FIELDSETS]

    def clean_cui(self):
        """Check the CUI here too, so its error shows with the others in one round trip."""
        raw = self.cleaned_data.get("cui", "")
        if not raw:
            return None
        try:
            return validate_cui(raw)
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from None


class DeleteForm(forms.Form):
    reason = forms.CharField(label=_("Motivo de la eliminación"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": _("Explique el motivo de la eliminación.")})


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Nombre, apellido o CUI"), required=False)
    department = forms.ModelChoiceField(label=_("Departamento"), queryset=Department.objects.all(), required=False,
                                        empty_label=_("Todos"))
    sex = forms.ChoiceField(label=_("Sexo"), choices=[("", _("Todos"))] + list(Sex.choices), required=False)
    pueblo = forms.ChoiceField(label=_("Pueblo"), choices=[("", _("Todos"))] + list(Pueblo.choices), required=False)


class HouseholdForm(forms.Form):
    name = forms.CharField(label=_("Nombre del hogar"), max_length=120,
                           error_messages={"required": _("Escriba un nombre para el hogar.")})
    kind = forms.ChoiceField(label=_("Tipo"), choices=HouseholdKind.choices)
    municipality = MunicipalityField(label=_("Municipio"))
    address = forms.CharField(label=_("Dirección"), max_length=250, required=False)


class MemberForm(forms.Form):
    person_id = forms.IntegerField(label=_("Persona (número de registro)"),
                                   error_messages={"required": _("Elija la persona.")})
    relationship = forms.ChoiceField(label=_("Parentesco"), choices=Relationship.choices)


class CenterForm(forms.Form):
    code = forms.CharField(label=_("Código"), max_length=20, required=False)
    name = forms.CharField(label=_("Nombre"), max_length=150,
                           error_messages={"required": _("Escriba el nombre del centro.")})
    kind = forms.ChoiceField(label=_("Tipo"), choices=CenterKind.choices)
    municipality = MunicipalityField(label=_("Municipio"))
    address = forms.CharField(label=_("Dirección"), max_length=250, required=False)
    operating_partner = forms.CharField(label=_("Entidad con la que opera"), max_length=150, required=False)
    opened_on = forms.DateField(label=_("Fecha de apertura"), required=False, widget=DateInput(),
                                error_messages={"invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    opens_at = forms.TimeField(label=_("Hora de apertura"), required=False,
                               widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(label=_("Hora de cierre"), required=False,
                                widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(label=_("Capacidad (personas)"), required=False, min_value=0, max_value=100000)
    status = forms.ChoiceField(label=_("Estado"), choices=Center.Status.choices)


class PlaceForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=120,
                           error_messages={"required": _("Escriba el nombre del lugar poblado.")})
    kind = forms.ChoiceField(label=_("Categoría"), choices=Place.Kind.choices)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nombre del token"), max_length=80,
                           error_messages={"required": _("Escriba un nombre para el token.")})


class OtpForm(forms.Form):
    token = forms.RegexField(label=_("Código de 6 dígitos"), regex=r"^\d{6}$",
                             error_messages={"invalid": _("El código tiene 6 dígitos."),
                                             "required": _("Escriba el código.")},
                             widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}))
