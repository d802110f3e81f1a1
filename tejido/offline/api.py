"""/api/v1/sin-conexion/: what the offline queue needs before sending (docs/offline.md)."""

from django.middleware.csrf import get_token
from ninja import Router, Schema

router = Router()


class SessionOut(Schema):
    user_id: int
    csrf_token: str


@router.get("/sesion", response=SessionOut, summary="Quién es la sesión (para enviar lo capturado sin conexión)")
def session(request):
    """The queue on the phone sends a user's records only while the session is that user's, with a
    fresh CSRF token (a page opened from the phone's copy may carry an old one)."""
    return {"user_id": request.auth.pk, "csrf_token": get_token(request)}
