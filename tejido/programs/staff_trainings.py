"""/capacitaciones-personal/: trainings for the secretariat's own staff (first aid, care of the
elderly, pedagogy...), recorded on the shared Event with audience "personal" — no new model."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tejido.accounts.models import Program
from tejido.common.errors import ApplicationError
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import Municipality
from tejido.territory.scope import restrict, scope_of
from tejido.web.forms import apply_error

from .forms import DATE_ERRORS
from .models import Event
from .selectors import event_list
from .services import event_create
from .views import period_from_request


class StaffTrainingForm(forms.Form):
    program = forms.ChoiceField(label=gettext_lazy("Personal del programa"), choices=Program.choices)
    topic = forms.CharField(label=gettext_lazy("Tema"), max_length=250,
                            error_messages={"required": gettext_lazy("Escriba el tema.")})
    date = forms.DateField(label=gettext_lazy("Fecha"), widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages=DATE_ERRORS)
    modality = forms.ChoiceField(label=gettext_lazy("Modalidad"), choices=Event.Modality.choices)
    municipality = forms.ModelChoiceField(label=gettext_lazy("Municipio"), queryset=None,
                                          error_messages={"invalid_choice": gettext_lazy("Elija un municipio de "
                                                                                         "la lista.")})
    partner = forms.CharField(label=gettext_lazy("Impartida por"), max_length=150, required=False)
    unnamed_participants = forms.IntegerField(label=gettext_lazy("Personas capacitadas"), min_value=1,
                                              max_value=100_000,
                                              error_messages={"min_value": gettext_lazy("Al menos una persona.")})
    diplomas = forms.IntegerField(label=gettext_lazy("De ellas, con diploma de acreditación"), min_value=0,
                                  max_value=100_000, required=False, initial=0,
                                  error_messages={"min_value": gettext_lazy("No puede ser negativo.")})

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


def _staff_trainings(user, start, end):
    return event_list(user=user, kind=Event.Kind.TRAINING, start=start, end=end).filter(
        audience=Event.Audience.STAFF)


def staff_training_rows(request):
    """Trainings of the staff for ?desde=&hasta=, newest first (the page shows 100; export all)."""
    return _staff_trainings(request.user, *period_from_request(request)).order_by("-date", "-id")


@login_required
@once_per_token  # a double-submitted form creates one record
def staff_trainings(request):
    municipalities = restrict(Municipality.objects.select_related("department").order_by("department__name", "name"),
                              request.user, department="department_id")
    form = StaffTrainingForm(request.POST or None, municipalities=municipalities,
                             initial={"date": timezone.localdate(), "program": request.user.program or ""})
    if request.method == "POST" and form.is_valid():
        try:
            event_create(kind=Event.Kind.TRAINING, audience=Event.Audience.STAFF, acting_user=request.user,
                         **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Capacitación registrada."))
            return redirect("staff_trainings")
    start, end = period_from_request(request)
    trainings = _staff_trainings(request.user, start, end)
    by_program = list(trainings.values("program").annotate(events=Count("id"), people=Sum("people"),
                                                           diplomas=Sum("diplomas"))
                      .order_by("program"))
    labels = dict(Program.choices)
    for row in by_program:
        row["label"] = labels.get(row["program"], row["program"])
    return render(request, "programs/staff_trainings.html", {
        "form": form, "trainings": trainings.order_by("-date", "-id")[:100], "by_program": by_program,
        "start": start, "end": end, "can_write": scope_of(request.user).can_write})


urlpatterns = [path("", staff_trainings, name="staff_trainings")]
