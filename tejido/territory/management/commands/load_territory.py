from django.core.management.base import BaseCommand

from tejido.territory.loader import load_territory


class Command(BaseCommand):
    help = "Carga (o actualiza) los 22 departamentos, 340 municipios (INE) y las 24 sedes."

    def handle(self, *args, **options):
        counts = load_territory()
        self.stdout.write(
            f"Territorio: {counts['departments']} departamentos, {counts['municipalities']} municipios, "
            f"{counts['offices']} sedes."
        )
