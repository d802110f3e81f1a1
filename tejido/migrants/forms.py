"""Forms parse input; services decide. The fast entry is one ReceptionForm plus a formset of
member rows where blank rows are ignored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.models import Program
from tejido.registry.choices import Relationship, Sex
from tejido.territory.models import Municipality
from tejido.web.forms import DateInput, picker_attrs

from .models import ArrivalMode, Care, ReturnedFrom, Vulnerability
from .services import ORIGIN_PROGRAM, PARTNER_INSTITUTIONS, MemberData

DATE_ERRORS = {"required": _("Escriba la fecha."), "invalid": _("Fecha no válida; use dd/mm/aaaa.")}
DEFAULT_ROWS = 6
MAX_ROWS = 30


class DestinationField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Municipality.objects.select_related("department").order_by("department__name", "name"),
            error_messages={"invalid_choice": _("Elija un municipio de la lista."),
                            "required": _("Elija el municipio de destino.")},
            **kwargs)
        self.widget.attrs.update(picker_attrs())

    def label_from_instance(self, obj):
        return f"{obj.department.name} — {obj.name}"


class ReceptionForm(forms.Form):
    date = forms.DateField(label=_("Fecha de recepción"), widget=DateInput(), error_messages=DATE_ERRORS)
    center = forms.ModelChoiceField(label=_("Centro de recepción"), queryset=None,
                                    error_messages={"required": _("Elija el centro de recepción."),
                                                    "invalid_choice": _("Elija un centro de la lista.")})
    arrival_mode = forms.ChoiceField(label=_("Vía de ingreso"), choices=ArrivalMode.choices,
                                     widget=forms.RadioSelect, initial=ArrivalMode.AIR,
                                     error_messages={"required": _("Indique la vía de ingreso.")})
    returned_from = forms.ChoiceField(label=_("Retorna de"), choices=ReturnedFrom.choices, widget=forms.RadioSelect,
                                      error_messages={"required": _("Indique el país del que retorna.")})
    returned_from_other = forms.CharField(label=_("Otro país"), max_length=60, required=False)
    destination_municipality = DestinationField(label=_("Municipio de destino"))
    care = forms.MultipleChoiceField(label=_("Atención brindada"), choices=Care.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    vulnerabilities = forms.MultipleChoiceField(label=_("Causas de vulnerabilidad"), choices=Vulnerability.choices,
                                                required=False, widget=forms.CheckboxSelectMultiple)
    vulnerability_other = forms.CharField(label=_("Otra causa"), max_length=150, required=False)
    notes = forms.CharField(label=_("Observaciones"), max_length=500, required=False)

    def __init__(self, *args, centers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["center"].queryset = centers
        self.fields["center"].widget.attrs.update(picker_attrs())  # a box to type in when there are many


class MemberForm(forms.Form):
    """One row of the family table. A row left blank is skipped, not an error."""

    given_names = forms.CharField(label=_("Nombres"), max_length=80, required=False)
    first_surname = forms.CharField(label=_("Primer apellido"), max_length=50, required=False)
    second_surname = forms.CharField(label=_("Segundo apellido"), max_length=50, required=False)
    sex = forms.ChoiceField(label=_("Sexo"), choices=[("", "—")] + list(Sex.choices), required=False)
    age_years = forms.IntegerField(label=_("Edad (años)"), required=False,
                                   error_messages={"invalid": _("Escriba la edad en años (número entero).")},
                                   widget=forms.NumberInput(attrs={"min": 0, "max": 119, "inputmode": "numeric"}))
    birth_date = forms.DateField(label=_("o fecha de nacimiento"), required=False, widget=DateInput(),
                                 error_messages={"invalid": _("Fecha no válida; use dd/mm/aaaa.")})
    relationship = forms.ChoiceField(label=_("Parentesco"), choices=Relationship.choices, initial=Relationship.CHILD,
                                     widget=forms.Select(attrs={"data-row-initial": Relationship.CHILD}))

    TYPED = ("given_names", "first_surname", "second_surname", "sex", "age_years", "birth_date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = int(self.prefix.rsplit("-", 1)[-1]) + 1 if self.prefix and self.prefix[-1].isdigit() else 0
        self.row_number = row
        for field in self.fields.values():
            # Each cell says which row it belongs to, for screen readers (and tests).
            field.widget.attrs["aria-label"] = f"{field.label}, {_('integrante')} {row}"

    @property
    def is_blank(self) -> bool:
        prefix = self.prefix + "-" if self.prefix else ""
        return not any((self.data.get(prefix + name) or "").strip() for name in self.TYPED)

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        if not data.get("given_names", "").strip():
            self.add_error("given_names", _("Escriba al menos un nombre."))
        if not data.get("first_surname", "").strip():
            self.add_error("first_surname", _("Escriba el primer apellido."))
        if not data.get("sex"):
            self.add_error("sex", _("Indique el sexo."))
        age = data.get("age_years")
        if age is None and not data.get("birth_date") and "age_years" not in self.errors \
                and "birth_date" not in self.errors:
            self.add_error("age_years", _("Escriba la edad en años o la fecha de nacimiento."))
        elif age is not None and not 0 <= age <= 119:
            self.add_error("age_years", _("Edad no válida: escriba los años cumplidos, de 0 a 119."))
        return data

    def member_data(self) -> MemberData:
        d = self.cleaned_data
        return MemberData(given_names=d["given_names"], first_surname=d["first_surname"],
                          second_surname=d.get("second_surname", ""), sex=d["sex"], age_years=d.get("age_years"),
                          birth_date=d.get("birth_date"), relationship=d["relationship"])


class BaseMemberFormSet(forms.BaseFormSet):
    def filled_forms(self) -> list[MemberForm]:
        return [form for form in self.forms if not form.is_blank]


MemberFormSet = forms.formset_factory(MemberForm, formset=BaseMemberFormSet, extra=0, max_num=MAX_ROWS,
                                      absolute_max=MAX_ROWS)


def member_formset(data=None, *, rows: int = DEFAULT_ROWS) -> BaseMemberFormSet:
    """The table of members: `rows` empty rows, the first one the head of the family."""
    initial = [{"relationship": Relationship.HEAD}] + [{"relationship": Relationship.CHILD}] * (rows - 1)
    return MemberFormSet(data, prefix="m", initial=initial)


# Destinations of a referral: the secretariat's other programs, then partner institutions.
PROGRAM_DESTINATIONS = [(f"programa:{code}", label) for code, label in Program.choices if code != ORIGIN_PROGRAM]
INSTITUTION_DESTINATIONS = [(f"institucion:{name}", name) for name in PARTNER_INSTITUTIONS]


class ReferralForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Integrante"), coerce=int,
                                    error_messages={"required": _("Elija a quién se deriva.")})
    destination = forms.ChoiceField(
        label=_("Derivar a"),
        choices=[("", "—"), (_("Programas de la SOSEP"), PROGRAM_DESTINATIONS),
                 (_("Instituciones aliadas"), INSTITUTION_DESTINATIONS + [("otra", _("Otra institución"))])],
        error_messages={"required": _("Elija a dónde se deriva.")})
    other_institution = forms.CharField(label=_("Otra institución"), max_length=150, required=False)
    reason = forms.CharField(label=_("Motivo"), max_length=250,
                             error_messages={"required": _("Escriba el motivo de la derivación.")})
    date = forms.DateField(label=_("Fecha de derivación"), widget=DateInput(), error_messages=DATE_ERRORS)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—")] + [
            (m.pk, f"{m.person.full_name} ({m.age_years} {_('años')})") for m in members]

    def clean(self):
        data = super().clean()
        destination = data.get("destination", "")
        data["destination_program"], data["destination_institution"] = "", ""
        if destination.startswith("programa:"):
            data["destination_program"] = destination.split(":", 1)[1]
        elif destination.startswith("institucion:"):
            data["destination_institution"] = destination.split(":", 1)[1]
        elif destination == "otra":
            other = " ".join(data.get("other_institution", "").split())
            if not other:
                self.add_error("other_institution", _("Escriba el nombre de la institución."))
            data["destination_institution"] = other
        return data



