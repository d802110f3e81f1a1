"""A whole migration in one go (issue 18 item 2): a folder or a ZIP of template files imported in
the templates' migration order (centers and people before what refers to them), each file as
`import_data` imports it (all or nothing, rows already in skipped, the importer's scope).

Which template a file is comes from its name: the template's code at the start, after an optional
number that orders files of one template («centros.xlsx», «02-personas Zacapa.csv»,
«entregas_2023-03.xlsx»). A file whose name names no template is listed and left alone, never
guessed. The import stops at the first file that is refused or fails: the files after it may refer
to what it would have created; a second run skips what is already in and goes on."""

import os
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tejido.common.errors import ApplicationError

from .kinds import KINDS
from .models import ImportBatch
from .services import batch_start

EXTENSIONS = (".xlsx", ".csv")
ORDER = {slug: position for position, slug in enumerate(KINDS)}
# Longest first: «puestos_docentes» before a shorter code it might start with.
SLUGS = sorted(KINDS, key=len, reverse=True)


@dataclass
class BundleFile:
    name: str            # as in the folder or ZIP (its path inside it)
    kind: str = ""       # template code, "" when the name names none
    batch: ImportBatch | None = None
    error: str = ""      # why it was not imported (no batch)

    @property
    def failed(self) -> bool:
        return bool(self.error) or (self.batch is not None and self.batch.status in {
            ImportBatch.Status.REJECTED, ImportBatch.Status.FAILED})


def template_of(name: str) -> str:
    """The template code a file name starts with (after an optional ordering number), or ""."""
    stem, extension = os.path.splitext(os.path.basename(name))
    if extension.lower() not in EXTENSIONS:
        return ""
    stem = re.sub(r"^[\d\s._-]+", "", stem.lower())
    for slug in SLUGS:
        if stem == slug or (stem.startswith(slug) and not stem[len(slug)].isalnum()):
            return slug
    return ""


def _ignored(name: str) -> bool:
    """Names a spreadsheet program or an operating system adds to a folder or ZIP."""
    base = os.path.basename(name)
    return (not base or base.startswith((".", "~$")) or "__MACOSX" in name.split("/")
            or name.endswith("/"))


class _Source:
    """The files of a folder or a ZIP, by their name inside it."""

    def __init__(self, path: str):
        self.path = path
        if os.path.isdir(path):
            self.zip = None
            self.names = sorted(os.path.relpath(os.path.join(folder, file), path).replace(os.sep, "/")
                                for folder, _dirs, files in os.walk(path) for file in files)
        elif zipfile.is_zipfile(path):
            self.zip = zipfile.ZipFile(path)
            self.names = sorted(info.filename for info in self.zip.infolist() if not info.is_dir())
        else:
            raise ApplicationError(_("«%(path)s» no es una carpeta ni un archivo ZIP.") % {"path": path},
                                   field="carpeta")

    @contextmanager
    def open(self, name: str):
        # A ZIP member is streamed into the import's staging under the same size limit as any upload
        # (a bomb is cut there); nothing is extracted to a path taken from the archive.
        handle = self.zip.open(name) if self.zip else open(os.path.join(self.path, name), "rb")
        try:
            yield handle
        finally:
            handle.close()

    def close(self):
        if self.zip:
            self.zip.close()


def planned(names: list[str]) -> list[BundleFile]:
    """The spreadsheets in the order they are imported, those naming no template last (other files,
    a README or a PDF beside them, are not read)."""
    files = [BundleFile(name=name, kind=template_of(name)) for name in names
             if not _ignored(name) and os.path.splitext(name)[1].lower() in EXTENSIONS]
    return sorted(files, key=lambda f: (f.kind == "", ORDER.get(f.kind, 0), f.name))


def import_bundle(*, user, path: str, valid_rows_only: bool = False, max_bytes: int | None = None,
                  on_file=None) -> list[BundleFile]:
    """Import every template file of the folder or ZIP at `path` as `user`; `on_file(file)` is
    called after each one (the command prints it). Returns every file with its batch or why not."""
    source = _Source(path)
    try:
        files = planned(source.names)
        stopped = None
        for file in files:
            if not file.kind:
                file.error = _("El nombre no corresponde a ninguna plantilla (empiece por: %(codes)s).") % {
                    "codes": ", ".join(KINDS)}
            elif stopped is not None:
                file.error = _("No se importó: antes falló «%(name)s».") % {"name": stopped.name}
            else:
                try:
                    with source.open(file.name) as handle:
                        file.batch = batch_start(user=user, kind=file.kind, upload=handle, file_name=file.name,
                                                 valid_rows_only=valid_rows_only, max_bytes=max_bytes,
                                                 runner="inline")
                except (ApplicationError, OSError, zipfile.BadZipFile) as error:
                    file.error = getattr(error, "message", None) or str(error)
                if file.failed:
                    stopped = file
            if on_file is not None:
                on_file(file)
        return files
    finally:
        source.close()


def summary_line(file: BundleFile) -> str:
    """One line of the bundle's report."""
    if file.batch is None:
        return f"{file.name}: {file.error}"
    batch = file.batch
    line = (f"{file.name} ({batch.kind}): {batch.get_status_display()}. Filas {batch.total_rows}, con error "
            f"{batch.error_rows}, ya importadas {batch.skipped_rows}, creadas {batch.created_rows}.")
    if batch.message:
        line += f" {batch.message}"
    if batch.has_report:
        line += f" Informe de errores: {batch.report_path}"
    return line

