from django.db import transaction
from django.utils.translation import gettext as _

from tejido.common.audit import save_with_history
from tejido.common.errors import ApplicationError
from tejido.territory.scope import require_department_in_scope, require_write

from .models import Municipality, Place


@transaction.atomic
def place_create(*, municipality: Municipality, name: str, kind: str, acting_user) -> Place:
    require_write(acting_user)
    require_department_in_scope(acting_user, municipality.department_id)
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(_("Escriba el nombre del lugar poblado."), field="name")
    if len(name) > 120:
        raise ApplicationError(_("El nombre no puede pasar de 120 caracteres."), field="name")
    if kind not in Place.Kind.values:
        raise ApplicationError(_("Categoría de lugar poblado desconocida."), field="kind")
    if Place.objects.filter(municipality=municipality, kind=kind, name__iexact=name).exists():
        raise ApplicationError(_("Ya existe %(kind)s %(name)s en %(municipality)s.")
                               % {"kind": Place.Kind(kind).label.lower(), "name": name,
                                  "municipality": municipality.name},
                               field="name")
    place = Place(municipality=municipality, name=name, kind=kind, created_by=acting_user)
    save_with_history(place, acting_user=acting_user)
    return place
