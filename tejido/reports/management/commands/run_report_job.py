from django.core.management.base import BaseCommand

from tejido.reports.jobs import job_run


class Command(BaseCommand):
    help = "Genera un informe pedido desde la página (lo inicia la aplicación; no hace falta usarlo a mano)."

    def add_arguments(self, parser):
        parser.add_argument("job_id", type=int)

    def handle(self, *args, job_id, **options):
        job = job_run(job_id)
        self.stdout.write(f"{job.pk}: {job.get_status_display()}")
