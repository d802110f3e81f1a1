"""Agreements and center compliance pages. Documents are only ever served through the scoped
download views below (attachment, access logged), never from MEDIA_URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tejido.accounts.models import Program, Role
from tejido.centers.models import Center
from tejido.centers.selectors import center_get, center_list
from tejido.common.audit import log_access
from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope
from tejido.common.query import query_id
from tejido.programs.views import parse_date
from tejido.reliability import locking
from tejido.reliability.tokens import once_per_token
from tejido.territory.models import Department
from tejido.territory.scope import require_write, scope_of
from tejido.web.forms import apply_error

from . import figures, selectors, services
from .alerts import alert_days, alerts
from .forms import AgreementDocumentForm, AgreementForm, CenterDocumentForm, StatusForm
from .models import Agreement, CounterpartyKind
from .selectors import LICENSED_KINDS
from .uploads import download_name


def _writes_agreements(user) -> bool:
    scope = scope_of(user)
    return scope.can_write and scope.role != Role.CENTER_CLERK


def _departments(user):
    scope = scope_of(user)
    departments = Department.objects.order_by("name")
    return departments if scope.national else departments.filter(pk__in=scope.department_ids)


def agreement_rows(request):
    """Agreements for ?programa=&tipo=&estado=&q=&alerta= (the page shows 200, the export all)."""
    today = timezone.localdate()
    params = {k: request.GET.get(k, "") for k in ("programa", "tipo", "estado", "q", "alerta")}
    listing = selectors.agreement_list(user=request.user, program=params["programa"],
                                       counterparty_kind=params["tipo"], status=params["estado"], q=params["q"],
                                       today=today)
    if params["alerta"] == "por_vencer":
        listing = selectors.expiring(listing, today, alert_days())
    elif params["alerta"] == "vencidos":
        listing = selectors.expired_with_active_centers(listing, today)
    return listing.order_by("end_date", "counterparty_name")


@login_required
def home(request):
    today = timezone.localdate()
    params = {k: request.GET.get(k, "") for k in ("programa", "tipo", "estado", "q", "alerta")}
    listing = agreement_rows(request)
    total = listing.count()
    rows = [(a, a.status_label_on(today)) for a in listing[:200]]
    return render(request, "agreements/home.html", {
        "rows": rows, "total": total, "params": params, "alerts": alerts(request.user, today=today),
        "programs": Program.choices, "kinds": CounterpartyKind.choices,
        "statuses": Agreement.Status.choices, "can_write": _writes_agreements(request.user)})


@login_required
@once_per_token  # a double-submitted form creates one record
def agreement_create(request):
    services.require_agreement_writer(request.user)
    centers = center_list(user=request.user).select_related("department").order_by("department__name", "name")
    form = AgreementForm(request.POST or None, request.FILES or None, user=request.user, centers=centers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            agreement = services.agreement_create(acting_user=request.user, **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Convenio registrado."))
            return redirect("agreements_detail", pk=agreement.pk)
    return render(request, "agreements/create.html", {"form": form})


@login_required
def agreement_detail(request, pk):
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    today = timezone.localdate()
    return render(request, "agreements/detail.html", {
        "agreement": agreement, "status_label": agreement.status_label_on(today),
        "centers": agreement.centers.select_related("department", "municipality").order_by("name"),
        "documents": agreement.documents.all(),
        "document_form": AgreementDocumentForm(), "status_form": StatusForm(initial={"terminated_on": today}),
        "can_write": _writes_agreements(request.user)})


def _detail_with_errors(request, agreement, **forms):
    context = {"agreement": agreement, "status_label": agreement.status_label_on(timezone.localdate()),
               "centers": agreement.centers.select_related("department", "municipality").order_by("name"),
               "documents": agreement.documents.all(), "document_form": AgreementDocumentForm(),
               "status_form": StatusForm(), "can_write": _writes_agreements(request.user), **forms}
    return render(request, "agreements/detail.html", context, status=400)


@login_required
@require_POST
@once_per_token  # a double-submitted form creates one record
def agreement_document_upload(request, pk):
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    services.require_agreement_writer(request.user)
    form = AgreementDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.agreement_document_add(agreement=agreement, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Documento adjuntado."))
            return redirect("agreements_detail", pk=agreement.pk)
    return _detail_with_errors(request, agreement, document_form=form)


@login_required
@require_POST
def agreement_status(request, pk):
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    services.require_agreement_writer(request.user)
    form = StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["status"] != Agreement.Status.TERMINATED:
            data["terminated_on"] = None
        try:
            with locking.Edit(request, agreement).saving():
                services.agreement_set_status(agreement=agreement, acting_user=request.user, **data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Estado del convenio actualizado."))
            return redirect("agreements_detail", pk=agreement.pk)
    return _detail_with_errors(request, agreement, status_form=form)


def _attachment(request, document, model):
    if not document.file:
        raise NotFoundOrOutOfScope()
    log_access(request.user, "view", model=model, object_id=document.pk, file=document.file.name)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=download_name(document))


@login_required
def agreement_document_download(request, pk, doc_pk):
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    document = selectors.agreement_document_get(user=request.user, agreement=agreement, pk=doc_pk)
    return _attachment(request, document, "agreements.AgreementDocument")


@login_required
def agreement_figures(request):
    day = parse_date(request.GET.get("fecha"), timezone.localdate())
    return render(request, "agreements/figures.html", {
        "day": day, "agreements": figures.agreements_by_counterparty(user=request.user, day=day),
        "licences": figures.licences_by_program(user=request.user, day=day)})


# --- center compliance -------------------------------------------------------------------

def compliance_rows(request):
    """Operating centers for ?programa=&departamento=&estado= (page: first 500; export: all)."""
    today = timezone.localdate()
    program = request.GET.get("programa", "")
    program = program if program in Program.values else ""
    department_id = query_id(request.GET, "departamento")
    if request.GET.get("estado", "") == "por_vencer":
        return selectors.centers_licence_expiring(user=request.user, today=today, days=alert_days(),
                                                  program=program, department_id=department_id)
    return selectors.centers_without_licence(user=request.user, program=program,
                                             department_id=department_id, day=today)


@login_required
def compliance(request):
    """Operating centers without a valid sanitary licence (or with one about to expire)."""
    today = timezone.localdate()
    program = request.GET.get("programa", "")
    program = program if program in Program.values else ""
    department_id = query_id(request.GET, "departamento")
    state = request.GET.get("estado", "")
    centers = compliance_rows(request)
    labels = {"in_process": _("En trámite"), "expired": _("Vencida"), "missing": _("Sin licencia"),
              "valid": _("Vigente")}
    rows = [(c, labels[c.licence]) for c in centers.select_related("department", "municipality")[:500]]
    return render(request, "agreements/compliance.html", {
        "rows": rows, "total": centers.count(), "program": program, "department_id": department_id,
        "state": state, "days": alert_days(), "today": today,
        "programs": [(p, label) for p, label in Program.choices if p in {"childcare", "elderly"}],
        "departments": _departments(request.user),
        "counts": figures.licences_by_program(user=request.user, day=today, program=program,
                                              department_id=department_id)})


def center_document_rows(request, pk):
    """The documents of a center in scope (licences, permits), as its documents page lists them."""
    return selectors.center_documents(user=request.user, center=center_get(user=request.user, pk=pk))


@login_required
@once_per_token  # a double-submitted form creates one record
def center_documents(request, center_pk):
    center = center_get(user=request.user, pk=center_pk)
    scope = scope_of(request.user)
    if request.method == "POST":
        require_write(request.user)  # read-only roles get the 403 page, not a hidden form error
    form = CenterDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.center_document_create(center=center, acting_user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            apply_error(form, error)
        else:
            messages.success(request, _("Documento del centro registrado."))
            return redirect("agreements_center_documents", center_pk=center.pk)
    today = timezone.localdate()
    documents = center_document_rows(request, center.pk)
    return render(request, "agreements/center_documents.html", {
        "center": center, "form": form, "today": today,
        "needs_licence": center.kind in LICENSED_KINDS and center.status == Center.Status.ACTIVE,
        "rows": [(d, d.status_label_on(today)) for d in documents],
        "agreements": [(a, a.status_label_on(today)) for a in
                       selectors.agreements_for(request.user).filter(centers=center).order_by("-end_date")],
        "can_write": scope.can_write}, status=400 if form.errors else 200)


@login_required
def center_document_download(request, pk):
    document = selectors.center_document_get(user=request.user, pk=pk)
    return _attachment(request, document, "agreements.CenterDocument")

