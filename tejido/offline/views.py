"""The installable web app and its service worker (docs/offline.md).

- `/manifest.webmanifest`: name «Tejido», the favicon as icon, standalone.
- `/sw.js`: static/tejido/sw.js served from the site's root so its scope is the whole site, never
  kept by a cache (a new version is picked up on the next page).
- `offline_page`: the pages that work without a connection (the day's roll, a child's screening,
  the migrant reception form, the page «Trabajo sin conexión») say so with the header
  `X-Tejido-Offline: <user id>`; the service worker keeps only those pages, in a cache of that user.
- `/sin-conexion/`: what is pending on this phone and which pages open without a connection."""

import json
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

HEADER = "X-Tejido-Offline"
WORKER = "tejido/sw.js"


def offline_page(view):
    """Marks a page the service worker may keep for its user (GET, 200 only)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and request.user.is_authenticated:
            response[HEADER] = str(request.user.pk)
        return response

    return wrapper


def _worker_source() -> bytes:
    path = finders.find(WORKER)
    if path:
        with open(path, "rb") as source:
            return source.read()
    with staticfiles_storage.open(WORKER) as source:
        return source.read()


@require_GET
def service_worker(request):
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    add_never_cache_headers(response)
    return response


@require_GET
def manifest(request):
    body = {
        "name": "Tejido", "short_name": "Tejido", "lang": "es",
        "description": "Sistema de información de programas sociales (SOSEP)",
        "start_url": "/", "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#1d4f91",
        "icons": [{"src": static("tejido/favicon.svg"), "sizes": "any", "type": "image/svg+xml",
                   "purpose": "any"}],
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")


@login_required
@offline_page
def hub(request):
    return render(request, "offline/hub.html")
