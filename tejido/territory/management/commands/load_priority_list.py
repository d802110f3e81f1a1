import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tejido.territory.models import Municipality, PriorityList


class Command(BaseCommand):
    help = "Carga una lista de municipios priorizados desde un CSV con la columna codigo_municipio (INE)."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("csv_file")
        parser.add_argument("--source", default="")

    @transaction.atomic
    def handle(self, name, csv_file, source, **options):
        with open(csv_file, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            if "codigo_municipio" not in (reader.fieldnames or []):
                raise CommandError("El archivo debe tener la columna 'codigo_municipio'.")
            codes = [int(row["codigo_municipio"]) for row in reader if row["codigo_municipio"].strip()]
        found = set(Municipality.objects.filter(id__in=codes).values_list("id", flat=True))
        unknown = sorted(set(codes) - found)
        if unknown:
            raise CommandError(f"Códigos de municipio inexistentes: {', '.join(map(str, unknown))}")
        plist, _ = PriorityList.objects.update_or_create(name=name, defaults={"source": source})
        plist.municipalities.set(found)
        self.stdout.write(f"{plist.name}: {len(found)} municipios.")
