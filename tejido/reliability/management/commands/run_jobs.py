import time

from django.core.management.base import BaseCommand

from tejido.reliability import jobs


class Command(BaseCommand):
    help = ("Ejecuta los trabajos en segundo plano (informes, importaciones): recupera los interrumpidos "
            "y los reintenta. Sin opciones sigue esperando trabajos nuevos (servicio tejido-jobs).")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="vacía la cola una vez y termina")
        parser.add_argument("--job", type=int, help="ejecuta solo este trabajo (lo usa la aplicación)")
        parser.add_argument("--sleep", type=float, default=5.0, help="segundos entre revisiones de la cola")

    def handle(self, *args, once=False, job=None, sleep=5.0, **options):
        jobs.yield_to_users()
        if job is not None:
            done = jobs.run_job(job)
            self.stdout.write(f"{job}: {done.status if done else 'ya lo ejecuta otro proceso'}")
            return
        while True:
            count = jobs.drain()
            if once:
                self.stdout.write(f"{count} trabajos ejecutados")
                return
            if not count:
                time.sleep(sleep)
