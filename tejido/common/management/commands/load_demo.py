import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from tejido.demo.loader import DEMO_PASSWORD, load_demo
from tejido.territory.loader import load_territory


class Command(BaseCommand):
    help = "Carga el territorio y el conjunto de datos de demostración (idempotente) e imprime las cuentas."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=700)
        parser.add_argument("--no-portal", action="store_true",
                            help="no publicar las cifras del portal de transparencia al final")

    def handle(self, *args, families, no_portal=False, **options):
        load_territory()
        result = load_demo(families=families)
        self.stdout.write(self.style.SUCCESS(
            f"Demo: {result['people']} personas, {result['centers']} centros "
            f"({result['people_created']} personas nuevas)."))
        self.stdout.write("\nCuentas de demostración (contraseña para todas: %s)" % DEMO_PASSWORD)
        for username, role in result["accounts"]:
            self.stdout.write(f"  {username:<20} {role}")
        self.stdout.write("  (admin y proteccion configuran la verificación en dos pasos en su primer ingreso)\n")
        if not no_portal:
            self._publish_portal()

    def _publish_portal(self) -> None:
        """The portal shows published figures. Publishing takes minutes on this data (two years, two
        languages), so the first `make run` starts it in the background at low priority instead
        of making the new user wait; later runs leave the publication alone (it is nightly in
        production: tejido-portal.timer)."""
        from tejido.portal.models import PublishedYear

        if PublishedYear.objects.exists():
            self.stdout.write("Portal de transparencia: cifras ya publicadas (actualizar: manage.py portal_publish).")
            return
        log = settings.VAR_DIR / "portal_publish.log"
        with open(log, "ab") as out:
            subprocess.Popen(["nice", "-n", "10", sys.executable, str(settings.BASE_DIR / "manage.py"),
                              "portal_publish"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.stdout.write(f"Portal de transparencia: publicando las cifras en segundo plano (unos minutos; {log}). "
                          "Mientras tanto el portal las calcula al consultar.")
