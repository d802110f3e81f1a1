from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError
from tejido.common.query import query_id
from tejido.reliability.tokens import once_per_token
from tejido.territory import services
from tejido.territory.models import Municipality, Office, PriorityList
from tejido.territory.scope import scope_of
from tejido.territory.selectors import department_list, places_for_municipality

from ..forms import PlaceForm, apply_error


@login_required
def territory_view(request):
    return render(request, "territory/overview.html", {
        "departments": department_list(),
        "offices": Office.objects.select_related("department", "municipality"),
        "priority_lists": PriorityList.objects.annotate(n=Count("municipalities")),
    })


@login_required
def department_view(request, pk):
    municipalities = Municipality.objects.filter(department_id=pk).annotate(n_places=Count("places"))
    if not municipalities:
        return render(request, "web/not_found.html", status=404)
    return render(request, "territory/department.html",
                  {"department": municipalities[0].department, "municipalities": municipalities})


@login_required
@once_per_token  # a double-submitted form creates one record
def municipality_view(request, pk):
    municipality = get_object_or_404(Municipality.objects.select_related("department"), pk=pk)
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.place_create(municipality=municipality, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Lugar poblado agregado."))
            return redirect("municipality", pk=pk)
    scope = scope_of(request.user)
    can_add = scope.can_write and (scope.national or municipality.department_id in scope.department_ids)
    return render(request, "territory/municipality.html", {
        "municipality": municipality, "places": places_for_municipality(pk), "form": form, "can_add": can_add,
    })


@login_required
def place_options(request):
    """htmx: the place drop-down follows the chosen municipality."""
    municipality = query_id(request.GET, "municipality")
    places = places_for_municipality(municipality) if municipality else []
    return render(request, "territory/_place_options.html", {"places": places})
