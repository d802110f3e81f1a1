"""`python manage.py import_bundle CARPETA_O_ZIP --usuario delegada.zacapa [--valid-rows-only]`.

Every template file of a folder or ZIP, in the templates' migration order, each as `import_data`
imports it (tejido/imports/bundle.py says how a file's name names its template)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tejido.common.errors import ApplicationError
from tejido.imports.bundle import import_bundle, summary_line


class Command(BaseCommand):
    help = ("Importa una carpeta o un ZIP de plantillas en orden (centros y personas antes de lo que las "
            "nombra); cada archivo todo o nada; lo ya importado se omite.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="carpeta o archivo .zip con archivos de plantilla (.xlsx o .csv)")
        parser.add_argument("--usuario", required=True, help="cuenta con cuyo alcance se importa")
        parser.add_argument("--valid-rows-only", action="store_true",
                            help="importar las filas válidas de cada archivo y omitir las demás")
        parser.add_argument("--max-mb", type=int, default=0,
                            help="tamaño máximo de cada archivo en MB (0: sin límite en la línea de comandos)")

    def handle(self, *args, path, usuario, valid_rows_only, max_mb, **options):
        user = get_user_model().objects.filter(username=usuario, is_active=True).first()
        if user is None:
            raise CommandError(f"No existe la cuenta activa «{usuario}».")
        try:
            files = import_bundle(user=user, path=path, valid_rows_only=valid_rows_only, max_bytes=max_mb * 1048576,
                                  on_file=lambda file: self.stdout.write(summary_line(file)))
        except ApplicationError as error:
            raise CommandError(error.message) from None
        imported = [f for f in files if f.batch is not None and not f.failed]
        self.stdout.write(f"{len(imported)} de {len(files)} archivos importados; "
                          f"{sum(f.batch.created_rows for f in imported)} registros creados.")
        if any(f.failed for f in files):
            raise CommandError("Hay archivos sin importar (arriba, el motivo de cada uno).")
