"""manage.py apply_retention [--dry-run]: pseudonymise what the retention rules say and delete import
files past their period (docs/retention.md)."""

from django.core.management.base import BaseCommand

from tejido.common.retention import IMPORT_FILES_DESCRIPTION, RULES, apply_retention, import_files_days


class Command(BaseCommand):
    help = ("Aplica las reglas de retención de datos personales (seudónimos, sin borrar filas) y elimina los "
            "archivos de importación vencidos.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Solo informa; no cambia nada.")

    def handle(self, *args, dry_run=False, **options):
        counts = apply_retention(dry_run=dry_run)
        verb = "se tratarían" if dry_run else "tratados"
        for key, rule in RULES.items():
            self.stdout.write(f"{key} ({rule.years} años): {counts[key]} {verb}. {rule.description}")
        verb = "se eliminarían" if dry_run else "eliminados"
        self.stdout.write(f"importaciones ({import_files_days()} días): archivos de {counts['importaciones']} "
                          f"importaciones {verb}. {IMPORT_FILES_DESCRIPTION}")
