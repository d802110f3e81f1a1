"""Build and cache the portal's figures of whole years ahead of visitors (e.g. nightly from cron),
so nobody waits for a cold build: `python manage.py portal_publish --year 2025 --year 2026`.
Useful only with a cache the web processes share (CACHES); the default one lives in each process."""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.utils import translation

from tejido.portal.publication import national, year_key
from tejido.reports.period import Period


class Command(BaseCommand):
    help = "Calcula y guarda en la caché las cifras del portal de transparencia de los años indicados."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", required=True)

    def handle(self, *args, year, **options):
        backend = settings.CACHES["default"]["BACKEND"] if getattr(settings, "CACHES", None) else ""
        if not backend or backend.endswith("LocMemCache"):
            self.stderr.write("Aviso: la caché es la memoria de este proceso; el servidor web no la verá.")
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for one in year:
                    started = time.monotonic()
                    cache.delete(year_key(one))
                    national(Period.year(one), client="portal_publish")
                    self.stdout.write(f"{one} ({code}): {time.monotonic() - started:.1f} s")
