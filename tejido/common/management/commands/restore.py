"""`manage.py restore ARCHIVE --yes`: replace the database and uploaded files with a backup's, then
check every table's row count and every file's checksum against the backup's manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tejido.common.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Restaura un respaldo de `manage.py backup` (reemplaza la base de datos y los documentos)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="confirma que se reemplazan los datos actuales")

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not options["yes"]:
            manifest = read_manifest(path)
            raise CommandError(f"Esto reemplaza todos los datos por los del respaldo del {manifest['created_at']}. "
                               "Repita con --yes para confirmar.")
        try:
            manifest = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restaurado {path}: {sum(manifest['tables'].values())} filas en "
                          f"{len(manifest['tables'])} tablas y {len(manifest['media'])} documentos, verificados.")
