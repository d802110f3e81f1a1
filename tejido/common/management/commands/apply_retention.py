"""manage.py apply_retention [--dry-run]: pseudonymise what the retention rules say (docs/retention.md)."""

from django.core.management.base import BaseCommand

from tejido.common.retention import RULES, apply_retention


class Command(BaseCommand):
    help = "Aplica las reglas de retención de datos personales (seudónimos, sin borrar filas)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Solo informa; no cambia nada.")

    def handle(self, *args, dry_run=False, **options):
        counts = apply_retention(dry_run=dry_run)
        verb = "se tratarían" if dry_run else "tratados"
        for key, rule in RULES.items():
            self.stdout.write(f"{key} ({rule.years} años): {counts[key]} {verb}. {rule.description}")
