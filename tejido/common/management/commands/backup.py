"""`manage.py backup [--dir DIR]`: the database and the uploaded files in one archive (`make backup`)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tejido.common.backup import BackupError, create_backup, read_manifest


class Command(BaseCommand):
    help = "Respaldo completo: base de datos y documentos subidos, en un archivo .tar con manifiesto."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.VAR_DIR) / "backups"))

    def handle(self, *args, **options):
        try:
            path = create_backup(Path(options["dir"]))
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = read_manifest(path)
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Respaldo: {path} ({rows} filas en {len(manifest['tables'])} tablas, "
                          f"{len(manifest['media'])} documentos)")
