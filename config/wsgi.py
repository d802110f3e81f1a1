import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Import every view (through the URLconf) now, not on a worker's first request: that first
    request took 1.5-3 s. With gunicorn's preload_app the workers fork with it all loaded and
    share the memory. Touches no database (forked workers must not inherit a connection)."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 — populating it imports every urls and views module


_warm_up()
