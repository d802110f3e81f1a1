"""`python manage.py import_template personas plantilla.xlsx [--muestra]`: the template, optionally
with the sample rows of docs/import.md (a real-looking file with a few errors to try the import).
`import_template todas CARPETA [--muestra]` writes every template into a folder, each named for
`import_bundle` (with --muestra, a small migration to try it whole)."""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from tejido.imports.kinds import KINDS
from tejido.imports.samples import SAMPLES
from tejido.imports.workbook import template_bytes

EVERY = "todas"


class Command(BaseCommand):
    help = ("Escribe la plantilla XLSX de una clase de registro (con --muestra, con filas de ejemplo); "
            "«todas CARPETA» escribe todas en una carpeta.")

    def add_arguments(self, parser):
        parser.add_argument("template", choices=[EVERY, *sorted(KINDS)])
        parser.add_argument("out")
        parser.add_argument("--muestra", action="store_true")

    def handle(self, *args, template, out, muestra, **options):
        user = get_user_model().objects.filter(is_superuser=True).first()
        if template == EVERY:
            os.makedirs(out, exist_ok=True)
            targets = [(slug, os.path.join(out, f"{position:02d}-{slug}.xlsx"))
                       for position, slug in enumerate(KINDS, start=1)]
        else:
            targets = [(template, out)]
        for slug, path in targets:
            with open(path, "wb") as handle:
                handle.write(template_bytes(KINDS[slug], user, sample_rows=SAMPLES[slug] if muestra else ()))
            self.stdout.write(path)
