"""Rewrite the list of published tables in docs/portal.md from the allow-list."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tejido.portal.catalogue_doc import START, published_markdown, replaced

DOC = Path(settings.BASE_DIR) / "docs" / "portal.md"


class Command(BaseCommand):
    help = "Reescribe la lista de cuadros publicados de docs/portal.md a partir de la lista del portal."

    def handle(self, *args, **options):
        text = DOC.read_text(encoding="utf-8")
        if START not in text:
            self.stderr.write("docs/portal.md no tiene el marcador de la lista de cuadros publicados.")
            return
        DOC.write_text(replaced(text, published_markdown()), encoding="utf-8")
        self.stdout.write("docs/portal.md: lista de cuadros publicados actualizada.")
