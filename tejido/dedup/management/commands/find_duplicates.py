"""`manage.py find_duplicates [--department CODE] [--threshold P]`: score the registry with the
Splink model and store probable duplicate pairs for review at /duplicados/. `--run ID` executes
a run queued from the page (the background job)."""

from django.core.management.base import BaseCommand, CommandError

from tejido.dedup.linkage import DEFAULT_THRESHOLD
from tejido.dedup.models import DedupRun
from tejido.dedup.pipeline import new_run, run_dedup
from tejido.territory.models import Department


class Command(BaseCommand):
    help = "Busca personas probablemente duplicadas y las deja en la cola de revisión."

    def add_arguments(self, parser):
        parser.add_argument("--department", type=int, help="código INE del departamento (todo el país si se omite)")
        parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                            help="probabilidad mínima para proponer un par (0 a 1)")
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--run", type=int, help="ejecutar una búsqueda ya registrada (trabajo en segundo plano)")

    def handle(self, *args, department, threshold, threads, run, **options):
        if run:
            job = DedupRun.objects.filter(pk=run).first()
            if job is None:
                raise CommandError(f"No existe la búsqueda {run}.")
        else:
            if not 0 < threshold < 1:
                raise CommandError("La probabilidad mínima debe estar entre 0 y 1.")
            place = None
            if department is not None:
                place = Department.objects.filter(pk=department).first()
                if place is None:
                    raise CommandError(f"No existe el departamento {department}.")
            job = new_run(department=place, threshold=threshold)
        job = run_dedup(job, threads=threads)
        if job.status == DedupRun.Status.FAILED:
            raise CommandError(f"La búsqueda falló: {job.error}")
        self.stdout.write(self.style.SUCCESS(
            f"{job.people:,} personas, {job.pairs_found:,} pares probables ({job.pairs_new:,} nuevos) "
            f"en {job.seconds:.0f} s."))
