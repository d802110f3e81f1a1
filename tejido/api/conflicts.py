"""The OpenAPI side of optimistic locking (docs/reliability.md, «Conflictos de edición»): the
optional `If-Match` header of every update or state change, and its 409 answer. The check itself
is tejido.reliability.locking.check_version, called by each service inside its transaction.

    @router.post("/x/{pk}/cierre", response={200: XOut, 409: ConflictOut})
    def close(request, pk: int, payload: CloseIn, if_match: IfMatch = None):
        return services.x_close(..., version=if_match)
"""

from typing import Annotated

from ninja import Header, Schema

from tejido.reliability.locking import version_of

IF_MATCH_HELP = ("Versión del registro leída antes (campo `version` del GET), entre comillas o sin ellas. "
                 "Si otra persona lo cambió entretanto, responde 409 y no cambia nada. Sin este encabezado "
                 "no se compara.")

IfMatch = Annotated[str | None, Header(alias="If-Match", description=IF_MATCH_HELP, max_length=80)]


class ConflictOut(Schema):
    """Otra persona cambió el registro después de la versión enviada en If-Match (409)."""

    detail: str
    field: str | None = None
    version: str


class Versioned(Schema):
    """Mixin for an output schema: the record's current version, to send back as If-Match."""

    version: str

    @staticmethod
    def resolve_version(obj) -> str:
        return version_of(obj)
