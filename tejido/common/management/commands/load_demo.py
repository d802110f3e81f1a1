from django.core.management import call_command
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
            # The portal shows only published figures: publish them now, so its first visitor does
            # not wait for the build (about 40 s for the current year on this data).
            self.stdout.write("Publicando las cifras del portal de transparencia…")
            call_command("portal_publish", stdout=self.stdout)
