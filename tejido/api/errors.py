"""Every API error body looks alike: {"detail": "<Spanish message>", "field": ..., "errors": [...]}."""

from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope, PermissionDenied
from tejido.reliability.locking import ConflictError

from .idempotency import KeyReused

PYDANTIC_MESSAGES = {
    "missing": "Falta este dato.",
    "int_parsing": "Debe ser un número entero.",
    "date_from_datetime_parsing": "Fecha no válida; use AAAA-MM-DD.",
    "date_parsing": "Fecha no válida; use AAAA-MM-DD.",
    "string_too_long": "Texto demasiado largo.",
    "string_too_short": "Texto demasiado corto.",
    "literal_error": "Valor no permitido.",
    "enum": "Valor no permitido.",
    "bool_parsing": "Debe ser verdadero o falso.",
    "extra_forbidden": "Campo desconocido.",
    "json_invalid": "El cuerpo no es JSON válido.",
    # tejido/api/types.py: ids and numbers out of range (2**64…), times with a zone offset
    "greater_than_equal": _("Número fuera del rango permitido."),
    "less_than_equal": _("Número fuera del rango permitido."),
    "greater_than": _("Número fuera del rango permitido."),
    "less_than": _("Número fuera del rango permitido."),
    "time_zone": _("Escriba la hora local de Guatemala sin zona horaria (p. ej. 08:00)."),
    "time_parsing": _("Hora no válida; use HH:MM."),
}


def install(api):
    @api.exception_handler(NotFoundOrOutOfScope)
    def not_found(request, exc):
        return api.create_response(request, {"detail": exc.message}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, {"detail": exc.message}, status=403)

    @api.exception_handler(ConflictError)
    def conflict(request, exc):
        return api.create_response(request, {"detail": exc.message, "field": None, **exc.extra}, status=409)

    @api.exception_handler(KeyReused)
    def key_reused(request, exc):
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=422)

    @api.exception_handler(ApplicationError)
    def rule_broken(request, exc):
        return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(request, {"detail": "Se requiere un token de API válido."}, status=401)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = []
        for error in exc.errors:
            location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload", "query", "path")]
            errors.append({"field": ".".join(location),
                           "message": str(PYDANTIC_MESSAGES.get(error.get("type"), "Dato no válido."))})
        first = errors[0] if errors else {"field": "", "message": "Dato no válido."}
        return api.create_response(
            request, {"detail": f"{first['field']}: {first['message']}", "field": first["field"], "errors": errors},
            status=422,
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
