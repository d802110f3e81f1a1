"""`manage.py anthropometry INPUT.csv`: WHO z-scores for a CSV of measurements.

Writes the same rows and columns to standard output, plus zwfa, zhfa, zwfh, zbfa (2 decimals,
empty where the indicator does not apply) and flags (codes separated by ";"). Reads and
writes one row at a time, so the file can be of any size; "-" reads standard input. Rows with
a measure outside WHO's plausibility limits are flagged (`*_improbable`) and listed on
standard error, to be checked: the page and the API ask for a confirmation of the same.
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from tejido.childcare.anthropometry import flags
from tejido.childcare.anthropometry.csvio import MissingColumns, score_csv

MAX_LISTED = 50  # rows named on standard error; the flags column marks all of them


class Command(BaseCommand):
    help = (
        "Calcula los puntajes z de la OMS (peso/edad, talla/edad, peso/talla, IMC/edad) de un "
        "CSV con columnas sex, birth_date, measure_date, weight_kg, height_cm y, opcionales, "
        "measured (L/H) y oedema (s/n). Escribe el CSV con las columnas agregadas en la salida "
        "estándar. Códigos de la columna flags: "
        + "; ".join(f"{code}: {message}" for code, message in flags.MESSAGES.items())
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help='archivo CSV en UTF-8 (con o sin BOM); "-" para la entrada estándar')
        parser.add_argument("--encoding", default="utf-8-sig",
                            help="codificación del archivo (por defecto UTF-8, con o sin BOM; p. ej. cp1252)")
        parser.add_argument("--delimiter", default=",", help="separador de columnas (por defecto ,)")
        parser.add_argument("--classes", action="store_true",
                            help="agrega acute_class y chronic_class (clasificación de la Secretaría)")

    def handle(self, *args, input, encoding, delimiter, classes, **options):
        if len(delimiter) != 1:
            raise CommandError("El separador debe ser un solo carácter.")
        try:
            lines = self._open(input, encoding)
        except LookupError as error:
            raise CommandError(f"Codificación desconocida: {encoding}") from error
        except OSError as error:
            raise CommandError(f"No se pudo abrir {input}: {error.strerror or error}") from error
        implausible = []
        try:
            with lines:
                score_csv(lines, self._out(), delimiter=delimiter, with_classes=classes, implausible=implausible)
        except UnicodeDecodeError as error:
            raise CommandError(f"{input} no se puede leer como {encoding}; pruebe --encoding cp1252.") from error
        except MissingColumns as error:
            raise CommandError(str(error)) from error
        except BrokenPipeError:
            # The reader stopped early (e.g. `| head`): stop quietly, and let Python's final
            # flush of standard output go nowhere instead of printing a traceback.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        if implausible:
            # The rows stay in the output, flagged (`*_improbable` in flags); the team is told here
            # too, as the page and the API ask for a confirmation of the same measures.
            self.stderr.write(
                f"{len(implausible)} fila(s) con medidas improbables para la edad y el sexo (z fuera de los "
                "límites de la OMS; ver la columna flags): verifíquelas antes de usarlas: "
                + ", ".join(f"línea {line}" + (f" (id {row['id']})" if row.get("id") else "")
                            for line, row in implausible[:MAX_LISTED])
                + (" …" if len(implausible) > MAX_LISTED else ""))

    def _open(self, input, encoding):
        if input == "-":
            return open(sys.stdin.fileno(), encoding=encoding, newline="", closefd=False)
        return open(input, encoding=encoding, newline="")

    def _out(self):
        # The real stream: OutputWrapper.write would add a newline to every csv write.
        return getattr(self.stdout, "_out", self.stdout)
