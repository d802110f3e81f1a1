from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tejido.centers import services
from tejido.centers.models import Center, CenterKind
from tejido.centers.selectors import center_get, center_list
from tejido.common.audit import history_rows
from tejido.common.errors import ApplicationError
from tejido.common.exports import export_response
from tejido.common.query import query_id
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import Department
from tejido.territory.scope import require_write, scope_of

from ..forms import CenterForm, apply_error, limit_municipalities
from .common import paginate


def _filtered(request):
    g = request.GET
    qs = center_list(user=request.user, department_id=query_id(g, "department"),
                     kind=g.get("kind", ""), status=g.get("status", ""), q=g.get("q", "").strip())
    return qs


@login_required
def center_list_view(request):
    qs = _filtered(request)
    page, query = paginate(request, qs)
    return render(request, "centers/center_list.html", {
        "page": page, "query": query, "total": qs.count(), "kinds": CenterKind.choices,
        "statuses": Center.Status.choices, "departments": Department.objects.all(), "g": request.GET,
    })


def center_rows(request):
    """The list the page pages through, for the export."""
    return _filtered(request)


@login_required
def center_export(request):
    """The first export address, kept for bookmarks: the same as /exportar/centros.csv."""
    return export_response(request, "centros", "csv")


@login_required
def center_detail_view(request, pk):
    center = center_get(user=request.user, pk=pk)
    scope = scope_of(request.user)
    return render(request, "centers/center_detail.html", {
        "center": center, "can_edit": scope.can_write and (scope.national or bool(scope.department_ids)),
        "history": history_rows(center) if scope.role in {"auditor", "admin"} else None,
    })


def _form_view(request, center=None):
    require_write(request.user)
    initial = {f: getattr(center, f) for f in CenterForm.base_fields} if center else None
    form = limit_municipalities(CenterForm(request.POST or None, initial=initial), request.user)
    edit = locking.Edit(request, center, table=True) if center is not None else None
    if request.method == "POST" and form.is_valid():
        try:
            if center is None:
                center = services.center_create(acting_user=request.user, **form.cleaned_data)
            else:
                with edit.saving():
                    services.center_update(center=center, acting_user=request.user, **form.cleaned_data)
        except locking.ConflictError:  # current values in the form, the user's in the table (as for people)
            edit.compare(form, form.fields)
            form = limit_municipalities(
                CenterForm(initial={f: getattr(center, f) for f in CenterForm.base_fields}), request.user)
        except ApplicationError as error:
            apply_error(form, error)
            if center is not None and center.pk:
                center.refresh_from_db()
        else:
            messages.success(request, _("Centro guardado."))
            return redirect("center_detail", pk=center.pk)
    return render(request, "centers/center_form.html",
                  {"form": form, "center": center, **(edit.context() if edit else {})})


@login_required
@once_per_token  # a double-submitted form creates one record
def center_create_view(request):
    return _form_view(request)


@login_required
def center_edit_view(request, pk):
    return _form_view(request, center_get(user=request.user, pk=pk))
