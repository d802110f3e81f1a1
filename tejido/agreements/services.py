"""The only writers of agreements and center compliance documents. Every rule is checked
before anything is written, so a refused request leaves nothing behind."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tejido.accounts.models import Program, Role
from tejido.centers.models import PROGRAM_OF_KIND
from tejido.centers.selectors import center_list
from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError, PermissionDenied
from tejido.reliability.locking import check_version
from tejido.territory.scope import require_write

from .models import Agreement, AgreementDocument, CenterDocument, CounterpartyKind, DocumentKind
from .uploads import validate_upload

STORED_STATUSES = {Agreement.Status.DRAFT, Agreement.Status.IN_FORCE, Agreement.Status.TERMINATED}


def require_agreement_writer(user):
    scope = require_write(user)
    if scope.role == Role.CENTER_CLERK:
        raise PermissionDenied(_("Los convenios los registra la sede departamental o el personal central."))
    return scope


def _check_dates(start_date, end_date, status, terminated_on):
    if end_date < start_date:
        raise ApplicationError(_("El convenio no puede terminar antes de empezar: la fecha de finalización es "
                                 "anterior a la de inicio."), field="end_date")
    if status not in STORED_STATUSES:
        raise ApplicationError(_("Elija borrador, vigente o rescindido; «vencido» se calcula con las fechas."),
                               field="status")
    if status == Agreement.Status.TERMINATED:
        if terminated_on is None:
            raise ApplicationError(_("Indique la fecha de rescisión."), field="terminated_on")
        if not start_date <= terminated_on <= end_date:
            raise ApplicationError(_("La fecha de rescisión debe estar entre el inicio y el fin del convenio."),
                                   field="terminated_on")
        if terminated_on > timezone.localdate():
            raise ApplicationError(_("La fecha de rescisión no puede ser futura."), field="terminated_on")
    elif terminated_on is not None:
        raise ApplicationError(_("Solo un convenio rescindido lleva fecha de rescisión."), field="terminated_on")


def _check_coverage(user, scope, program, centers, municipality):
    for center in centers:
        if PROGRAM_OF_KIND.get(center.kind) != program:
            raise ApplicationError(_("El centro «%(c)s» no es del programa %(p)s.")
                                   % {"c": center.name, "p": Program(program).label}, field="centers")
    visible = set(center_list(user=user).filter(pk__in=[c.pk for c in centers]).values_list("pk", flat=True))
    if any(c.pk not in visible for c in centers):
        raise ApplicationError(_("Hay centros fuera de los departamentos que usted atiende."), field="centers")
    if municipality is not None and not scope.national and municipality.department_id not in scope.department_ids:
        raise ApplicationError(_("Ese municipio está fuera de los departamentos que usted atiende."),
                               field="municipality")
    if not scope.national and not centers and municipality is None:
        raise ApplicationError(_("Indique los centros cubiertos o el municipio de la contraparte."), field="centers")


@transaction.atomic
def agreement_create(*, acting_user, counterparty_name: str, counterparty_kind: str, program: str,
                     start_date: dt.date, end_date: dt.date, centers=(), municipality=None, number: str = "",
                     subject: str = "", status: str = Agreement.Status.IN_FORCE, terminated_on=None,
                     document=None, document_title: str = "") -> Agreement:
    scope = require_agreement_writer(acting_user)
    counterparty_name = (counterparty_name or "").strip()
    if not counterparty_name:
        raise ApplicationError(_("Escriba el nombre de la contraparte."), field="counterparty_name")
    if counterparty_kind not in CounterpartyKind.values:
        raise ApplicationError(_("Elija el tipo de contraparte."), field="counterparty_kind")
    if program not in Program.values:
        raise ApplicationError(_("Elija el programa."), field="program")
    if municipality is not None and counterparty_kind != CounterpartyKind.MUNICIPALITY:
        raise ApplicationError(_("Solo una municipalidad lleva municipio de contraparte."), field="municipality")
    _check_dates(start_date, end_date, status, terminated_on)
    centers = list(centers)
    _check_coverage(acting_user, scope, program, centers, municipality)
    if document is not None:
        validate_upload(document, field="document")
    agreement = Agreement(number=number.strip(), counterparty_name=counterparty_name,
                          counterparty_kind=counterparty_kind, municipality=municipality, program=program,
                          subject=subject.strip(), start_date=start_date, end_date=end_date, status=status,
                          terminated_on=terminated_on, created_by=acting_user)
    save_with_history(agreement, acting_user=acting_user, reason=_("Registro del convenio"))
    agreement.centers.set(centers)
    if document is not None:
        _add_document(agreement, document, document_title or _("Convenio firmado"), acting_user)
    return agreement


@transaction.atomic
def agreement_set_status(*, agreement: Agreement, status: str, terminated_on=None, acting_user,
                         version: str | None = None) -> Agreement:
    """Sign a draft (vigente) or rescind an agreement, with the date it was rescinded."""
    require_agreement_writer(acting_user)
    check_version(agreement, version, refresh=True)  # locked; a stale If-Match is refused
    if agreement.status == Agreement.Status.TERMINATED:
        raise ApplicationError(_("El convenio ya fue rescindido."), field="status")
    _check_dates(agreement.start_date, agreement.end_date, status, terminated_on)
    agreement.status, agreement.terminated_on = status, terminated_on
    save_with_history(agreement, acting_user=acting_user, reason=_("Cambio de estado"))
    return agreement


def _add_document(agreement, upload, title, acting_user) -> AgreementDocument:
    document = AgreementDocument(agreement=agreement, title=title[:150], file=upload,
                                 original_name=(upload.name or "")[:200], created_by=acting_user)
    save_with_history(document, acting_user=acting_user, reason=_("Documento adjunto"))
    return document


@transaction.atomic
def agreement_document_add(*, agreement: Agreement, title: str, file, acting_user) -> AgreementDocument:
    require_agreement_writer(acting_user)
    title = (title or "").strip()
    if not title:
        raise ApplicationError(_("Describa el documento (p. ej. «Convenio firmado», «Adenda»)."), field="title")
    validate_upload(file, field="file")
    return _add_document(agreement, file, title, acting_user)


@transaction.atomic
def center_document_create(*, center, kind: str, acting_user, number: str = "", description: str = "",
                           issued_on=None, expires_on=None, issuer: str = "",
                           status: str = CenterDocument.Status.VALID, file=None) -> CenterDocument:
    """Register a licence, certificate or similar document of a center (already fetched in scope)."""
    require_write(acting_user)
    today = timezone.localdate()
    if kind not in DocumentKind.values:
        raise ApplicationError(_("Elija el tipo de documento."), field="kind")
    if kind == DocumentKind.OTHER and not description.strip():
        raise ApplicationError(_("Describa qué documento es."), field="description")
    if status not in CenterDocument.Status.values:
        raise ApplicationError(_("Elija el estado del documento."), field="status")
    if issued_on and issued_on > today:
        raise ApplicationError(_("La fecha de emisión no puede ser futura."), field="issued_on")
    if status == CenterDocument.Status.VALID:
        if not issued_on:
            raise ApplicationError(_("Indique la fecha de emisión del documento vigente."), field="issued_on")
        if not expires_on:
            raise ApplicationError(_("Indique la fecha de vencimiento del documento vigente."), field="expires_on")
    if issued_on and expires_on and expires_on <= issued_on:
        raise ApplicationError(_("El documento no puede vencer antes de su emisión."), field="expires_on")
    if file is not None:
        validate_upload(file, field="file")
    document = CenterDocument(center=center, kind=kind, description=description.strip(), number=number.strip(),
                              issued_on=issued_on, expires_on=expires_on, issuer=issuer.strip(), status=status,
                              created_by=acting_user)
    if file is not None:
        document.file, document.original_name = file, (file.name or "")[:200]
    save_with_history(document, acting_user=acting_user, reason=_("Registro de documento del centro"))
    return document

