"""/auditoria/accesos/: the access log for the auditor (and administrators with the second factor).
Read-only: who viewed, searched or exported what, when and from where (tejido.common.access_log)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from tejido.common.access_log import AccessFilters, access_events, describe, log_search, require_reader
from tejido.common.access_records import kind_choices
from tejido.common.models import AccessEvent
from tejido.common.paging import WindowPage, capped_count
from tejido.territory.models import Department

from .common import page_number, query_without_page

PAGE_SIZE = 50
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccessLogForm(forms.Form):
    """Field names are the query parameters of the page, its export and the API."""

    persona = forms.CharField(label=_("Persona (nombre, CUI o número de registro)"), required=False, max_length=100)
    usuario = forms.CharField(label=_("Usuario (nombre o usuario)"), required=False, max_length=150)
    accion = forms.ChoiceField(label=_("Tipo de acceso"), required=False,
                               choices=[("", _("Todos"))] + list(AccessEvent.Action.choices))
    registro = forms.ChoiceField(label=_("Tipo de registro"), required=False)
    numero = forms.CharField(label=_("Número del registro"), required=False, max_length=40)
    desde = forms.DateField(label=_("Desde"), required=False, widget=DATE)
    hasta = forms.DateField(label=_("Hasta"), required=False, widget=DATE)
    departamento = forms.ModelChoiceField(label=_("Departamento"), queryset=Department.objects.all(), required=False,
                                          empty_label=_("Todos"))
    canal = forms.ChoiceField(label=_("Canal"), required=False,
                              choices=[("", _("Todos"))] + list(AccessEvent.Channel.choices))
    ip = forms.GenericIPAddressField(label=_("Dirección IP"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registro"].choices = [("", _("Todos"))] + kind_choices()

    def filters(self) -> AccessFilters:
        """The valid filters (an invalid one is shown with its error and left out)."""
        self.is_valid()
        data = self.cleaned_data if self.is_bound else {}
        department = data.get("departamento")
        return AccessFilters(
            person=data.get("persona", ""), user=data.get("usuario", ""), action=data.get("accion", ""),
            kind=data.get("registro", ""), number=data.get("numero", ""), start=data.get("desde"),
            end=data.get("hasta"), department=department.pk if department else None, channel=data.get("canal", ""),
            ip=data.get("ip") or "",
        )


def _filtered(request):
    form = AccessLogForm(request.GET or None)
    filters = form.filters()
    return form, filters, access_events(user=request.user, filters=filters)


@login_required
@require_safe  # read-only: nothing here is posted
def access_log_view(request):
    require_reader(request.user)
    form, filters, query = _filtered(request)
    total, capped = capped_count(query.events)
    page = WindowPage(query.events, page_number(request), PAGE_SIZE)
    page.object_list = describe(page.object_list, request.user)
    log_search(request.user, filters)  # after the read: the page does not list its own search
    context = {"form": form, "page": page, "total": total, "capped": capped, "query": query_without_page(request),
               "people_matched": query.people_matched, "people_capped": query.people_capped,
               "events_capped": query.events_capped, "event_cap": query.event_cap}
    template = "web/_access_rows.html" if request.headers.get("HX-Request") else "web/access_log.html"
    return render(request, template, context)


def access_log_rows(request):
    """The export's rows: the page's filters, every page, in readable form (chunk by chunk)."""
    require_reader(request.user)
    _form, _filters, query = _filtered(request)
    return _described(query.events.iterator(chunk_size=2000), request.user)


def _described(events, viewer, chunk: int = 2000):
    batch = []
    for event in events:
        batch.append(event)
        if len(batch) == chunk:
            yield from describe(batch, viewer)
            batch = []
    if batch:
        yield from describe(batch, viewer)
