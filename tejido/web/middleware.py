from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from tejido.common.errors import ApplicationError, NotFoundOrOutOfScope, PermissionDenied


class ApplicationErrorMiddleware:
    """Turns rule violations that a view did not handle into a Spanish page or message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFoundOrOutOfScope):
            return render(request, "web/not_found.html", status=404)
        if isinstance(exception, PermissionDenied):
            return render(request, "web/forbidden.html", {"message": exception.message}, status=403)
        if isinstance(exception, ApplicationError):
            messages.error(request, exception.message)
            back = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
                back = "home"  # never bounce the user to another site
            return redirect(back)
        return None
