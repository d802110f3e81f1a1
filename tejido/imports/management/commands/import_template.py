"""`python manage.py import_template personas plantilla.xlsx [--muestra]`: the template, optionally
with the sample rows of docs/import.md (a real-looking file with a few errors to try the import)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from tejido.imports.kinds import KINDS
from tejido.imports.samples import SAMPLES
from tejido.imports.workbook import template_bytes


class Command(BaseCommand):
    help = "Escribe la plantilla XLSX de una clase de registro (con --muestra, con filas de ejemplo)."

    def add_arguments(self, parser):
        parser.add_argument("template", choices=sorted(KINDS))
        parser.add_argument("out")
        parser.add_argument("--muestra", action="store_true")

    def handle(self, *args, template, out, muestra, **options):
        user = get_user_model().objects.filter(is_superuser=True).first()
        rows = SAMPLES[template] if muestra else ()
        with open(out, "wb") as handle:
            handle.write(template_bytes(KINDS[template], user, sample_rows=rows))
        self.stdout.write(out)
