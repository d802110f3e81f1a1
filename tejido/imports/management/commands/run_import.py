from django.core.management.base import BaseCommand

from tejido.imports.services import batch_run


class Command(BaseCommand):
    help = "Ejecuta una importación subida desde la página (lo inicia la aplicación; no hace falta usarlo a mano)."

    def add_arguments(self, parser):
        parser.add_argument("batch_id", type=int)

    def handle(self, *args, batch_id, **options):
        batch = batch_run(batch_id)
        self.stdout.write(f"{batch.pk}: {batch.get_status_display()}")
