"""The error page of last resort (config/urls.py handler500). When the database is down or
restarting, the page says so in Spanish with 503 and Retry-After; the next request reconnects by
itself (CONN_HEALTH_CHECKS). The template is rendered without a request so that no context
processor touches the database that just failed."""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request):
    error = sys.exc_info()[1]
    unavailable = isinstance(error, UNAVAILABLE) or (
        isinstance(error, DatabaseError) and "connection" in str(error).lower())
    status = 503 if unavailable else 500
    body = loader.get_template("reliability/error.html").render({"unavailable": unavailable, "status": status})
    response = HttpResponse(body, status=status)
    if unavailable:
        response["Retry-After"] = "10"
    return response
