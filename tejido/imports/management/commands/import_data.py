"""`python manage.py import_data personas archivo.xlsx --usuario delegada.zacapa [--dry-run] [--valid-rows-only]`.

The same checks and scope as the page: the import runs as the named user. Each run first marks
failed the command imports left «running» by a process that is gone (killed, machine restarted)."""

import os
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tejido.common.errors import ApplicationError
from tejido.imports.kinds import KINDS
from tejido.imports.services import batch_start, recover_interrupted


class Command(BaseCommand):
    help = "Importa un archivo XLSX o CSV de una plantilla (todo o nada; las filas ya importadas se omiten)."

    def add_arguments(self, parser):
        parser.add_argument("template", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument("--usuario", required=True, help="cuenta con cuyo alcance se importa")
        parser.add_argument("--dry-run", action="store_true", help="solo validar; no escribe nada")
        parser.add_argument("--valid-rows-only", action="store_true",
                            help="importar las filas válidas y omitir las demás")
        parser.add_argument("--max-mb", type=int, default=0,
                            help="tamaño máximo del archivo en MB (0: sin límite en la línea de comandos)")

    def handle(self, *args, template, file, usuario, dry_run, valid_rows_only, max_mb, **options):
        user = get_user_model().objects.filter(username=usuario, is_active=True).first()
        if user is None:
            raise CommandError(f"No existe la cuenta activa «{usuario}».")
        recovered = recover_interrupted()
        if recovered:
            self.stdout.write(f"{len(recovered)} importación interrumpida marcada como fallida: {recovered}."
                              if len(recovered) == 1 else
                              f"{len(recovered)} importaciones interrumpidas marcadas como fallidas: {recovered}.")
        started = time.monotonic()
        try:
            with open(file, "rb") as handle:
                batch = batch_start(user=user, kind=template, upload=handle, file_name=os.path.basename(file),
                                    dry_run=dry_run, valid_rows_only=valid_rows_only,
                                    max_bytes=max_mb * 1048576, runner="inline")
        except (ApplicationError, OSError) as error:
            raise CommandError(getattr(error, "message", str(error))) from None
        seconds = time.monotonic() - started
        self.stdout.write(f"Importación {batch.pk}: {batch.get_status_display()}. Filas {batch.total_rows}, "
                          f"con error {batch.error_rows}, ya importadas {batch.skipped_rows}, "
                          f"creadas {batch.created_rows} ({seconds:.1f} s).")
        if batch.message:
            self.stdout.write(batch.message)
        if batch.has_report:
            self.stdout.write(f"Informe de errores: {batch.report_path}")
        if batch.status in {batch.Status.REJECTED, batch.Status.FAILED}:
            raise CommandError("No se importó nada.")
