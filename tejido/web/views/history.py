"""History of any domain record (old and new values), for auditors and administrators.
Deleted records are included: that is what an audit is for."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from tejido.centers.models import Center
from tejido.common.audit import history_rows, log_access
from tejido.common.errors import NotFoundOrOutOfScope, PermissionDenied
from tejido.common.models import AccessEvent
from tejido.registry.models import Household, HouseholdMember, Person
from tejido.territory.models import Place
from tejido.territory.scope import scope_of

AUDITABLE = {"persona": Person, "hogar": Household, "miembro": HouseholdMember, "centro": Center,
             "lugar": Place}
DETAIL_URLS = {"persona": "person_detail", "hogar": "household_detail", "centro": "center_detail"}


@login_required
def history_view(request, kind, pk):
    if scope_of(request.user).role not in {"auditor", "admin"}:
        raise PermissionDenied(_("Solo auditores y administradores consultan el historial."))
    model = AUDITABLE.get(kind)
    obj = model.all_objects.filter(pk=pk).first() if model else None
    if obj is None:
        raise NotFoundOrOutOfScope()
    log_access(request.user, AccessEvent.Action.VIEW, model=model._meta.label, object_id=pk, history=True)
    return render(request, "web/history.html", {"object": obj, "rows": history_rows(obj),
                                                "detail_url": DETAIL_URLS.get(kind)})
