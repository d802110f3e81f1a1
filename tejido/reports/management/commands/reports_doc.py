"""Rewrite the list of report tables in docs/reports.md from the table registry."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tejido.accounts.models import Role, User
from tejido.reports.catalogue_doc import START, replaced, tables_markdown

DOC = Path(settings.BASE_DIR) / "docs" / "reports.md"


def national_reader() -> User:
    """A national user who may build every table (unsaved: nothing is written)."""
    return User(username="documentacion", role=Role.ADMIN)


class Command(BaseCommand):
    help = "Reescribe la lista de cuadros de docs/reports.md a partir del registro de cuadros."

    def handle(self, *args, **options):
        text = DOC.read_text(encoding="utf-8")
        if START not in text:
            self.stderr.write("docs/reports.md no tiene el marcador de la lista de cuadros.")
            return
        DOC.write_text(replaced(text, tables_markdown(national_reader())), encoding="utf-8")
        self.stdout.write("docs/reports.md: lista de cuadros actualizada.")
