"""Data-retention rules for the most sensitive records (issue 8; docs/retention.md).

The rules are data: which records, how many years after which date, and what is done. No record
is deleted: identifying fields are replaced or emptied, so every count by sex, department and
age stays the same. The periods are settings because the secretariat's legal unit decides them.

Files are the exception: an import's uploaded spreadsheet and its error report are copies of
what was imported (or refused), so they are deleted RETENTION_IMPORT_FILES_DAYS after the import
finished; the batch row keeps its counts, file name and hash."""

import datetime as dt
import logging
import os
import shutil
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from tejido.common.audit import save_with_history

logger = logging.getLogger(__name__)

REASON = "retención"
IMPORT_FILES_DEFAULT_DAYS = 30
IMPORT_FILES_DESCRIPTION = ("Archivos subidos para importar, sus informes de errores y la vista previa de "
                            "errores: se eliminan N días después de terminar la importación.")
PSEUDONYM = "Seudónimo"
ANONYMISED = "[Anonimizado por retención]"
ADULT_AGE = 18


@dataclass(frozen=True)
class Rule:
    key: str
    description: str
    setting: str  # the number of years, settings.<name>
    default_years: int

    @property
    def years(self) -> int:
        return int(getattr(settings, self.setting, self.default_years))

    def cutoff(self, today: dt.date) -> dt.date:
        try:
            return today.replace(year=today.year - self.years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - self.years, day=28)


RULES = {
    "ninez": Rule("ninez", "Datos personales de niñas y niños de guarderías: seudónimo cuando la última "
                  "inscripción terminó hace N años y ya son mayores de edad.", "RETENTION_CHILDCARE_YEARS", 5),
    "proteccion": Rule("proteccion", "Casos de protección: narración y datos de quien reporta anonimizados N "
                       "años después del cierre.", "RETENTION_PROTECTION_YEARS", 10),
    "migrantes": Rule("migrantes", "Personas de unidades migrantes retornadas: seudónimo N años después de la "
                      "última recepción, sin otro servicio después.", "RETENTION_MIGRANTS_YEARS", 5),
}


def pseudonymise(person) -> None:
    """Replace what identifies a person, keep what is counted (sex, birth date, municipality),
    in the record and in its history rows."""
    identifying = {"given_names": PSEUDONYM, "first_surname": f"P{person.pk}", "second_surname": "",
                   "married_surname": "", "cui": None, "address": "", "phone": ""}
    for name, value in identifying.items():
        setattr(person, name, value)
    person.refresh_derived()
    save_with_history(person, acting_user=None, reason=REASON)
    person.history.exclude(history_change_reason=REASON).update(**identifying)


def childcare_people(today: dt.date):
    from tejido.accounts.models import Program
    from tejido.registry.models import Person

    cutoff = RULES["ninez"].cutoff(today)
    adult_born_before = today.replace(year=today.year - ADULT_AGE)
    return (Person.all_objects.filter(enrolments__program=Program.CHILDCARE, birth_date__lte=adult_born_before)
            .exclude(given_names=PSEUDONYM)
            .exclude(enrolments__end__isnull=True)  # any open enrolment: still served
            .annotate(last_end=Max("enrolments__end")).filter(last_end__lte=cutoff).distinct())


def protection_cases(today: dt.date):
    from tejido.protection.models import CaseStatus, ProtectionCase

    cutoff = RULES["proteccion"].cutoff(today)
    return (ProtectionCase.all_objects.filter(status=CaseStatus.CLOSED, closed_on__lte=cutoff)
            .exclude(description=ANONYMISED))


def migrant_people(today: dt.date):
    from tejido.registry.models import Person

    cutoff = RULES["migrantes"].cutoff(today)
    served_later = (Q(enrolments__isnull=False, enrolments__end__isnull=True) | Q(enrolments__end__gt=cutoff)
                    | Q(enrolments__start__gt=cutoff) | Q(deliveries__date__gt=cutoff))
    later = Person.all_objects.filter(served_later).values("pk")
    return (Person.all_objects.filter(migrant_receptions__isnull=False).exclude(given_names=PSEUDONYM)
            .annotate(last=Max("migrant_receptions__reception__date")).filter(last__lte=cutoff)
            .exclude(pk__in=later).distinct())


def anonymise_case(case) -> None:
    fields = {"description": ANONYMISED, "closing_summary": "", "reporter_name": ""}
    for name, value in fields.items():
        setattr(case, name, value)
    save_with_history(case, acting_user=None, reason=REASON)
    case.history.exclude(history_change_reason=REASON).update(**fields)
    for action in case.actions.all():
        action.notes = ""
        save_with_history(action, acting_user=None, reason=REASON)
        action.history.exclude(history_change_reason=REASON).update(notes="")


def import_files_days() -> int:
    return int(getattr(settings, "RETENTION_IMPORT_FILES_DAYS", IMPORT_FILES_DEFAULT_DAYS))


def import_batches(now: dt.datetime):
    """Finished imports (any outcome) whose files are past the retention period and still there.
    A running import is never touched; one that never finished counts from its upload."""
    from tejido.imports.models import ImportBatch

    cutoff = now - dt.timedelta(days=import_files_days())
    return (ImportBatch.objects.filter(files_deleted_at__isnull=True).exclude(status__in=ImportBatch.RUNNING)
            .filter(Q(finished_at__lte=cutoff) | Q(finished_at__isnull=True, created_at__lte=cutoff)).order_by("pk"))


def staging_leftovers(now: dt.datetime) -> list[str]:
    """Half-copied uploads left in imports/staging by a crash, older than the retention period."""
    folder = os.path.join(settings.MEDIA_ROOT, "imports", "staging")
    cutoff = (now - dt.timedelta(days=import_files_days())).timestamp()
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    paths = [os.path.join(folder, name) for name in names]
    return [p for p in paths if os.path.isfile(p) and os.path.getmtime(p) <= cutoff]


def purge_import_files(batch, now: dt.datetime) -> bool:
    """Delete a batch's folder (upload, error report, progress file), then record it on the batch.
    Files first: a failure leaves the batch as it was, to be tried again on the next run."""
    from tejido.imports.models import ImportBatch

    try:
        shutil.rmtree(batch.folder)
    except FileNotFoundError:
        pass
    except OSError:
        logger.exception("retention: could not delete the files of import batch %s", batch.pk)
        return False
    ImportBatch.objects.filter(pk=batch.pk).update(files_deleted_at=now, has_report=False, error_preview=[])
    return True


def apply_import_file_retention(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Delete the files of every import past the period; return how many imports had them deleted."""
    now = now or timezone.now()
    batches = list(import_batches(now))
    leftovers = staging_leftovers(now)
    if dry_run:
        return len(batches)
    for path in leftovers:
        try:
            os.unlink(path)
        except OSError:
            logger.exception("retention: could not delete a staging file")
    return sum(purge_import_files(batch, now) for batch in batches)


def apply_retention(*, today: dt.date | None = None, dry_run: bool = False,
                    now: dt.datetime | None = None) -> dict[str, int]:
    """Apply every rule (records in one transaction, then import files); return how many records
    each rule touched."""
    today = today or dt.date.today()
    with transaction.atomic():
        children = list(childcare_people(today))
        cases = list(protection_cases(today))
        migrants = list(migrant_people(today))
        if not dry_run:
            for person in {p.pk: p for p in children + migrants}.values():
                pseudonymise(person)
            for case in cases:
                anonymise_case(case)
    imports = apply_import_file_retention(now=now, dry_run=dry_run)
    return {"ninez": len(children), "proteccion": len(cases), "migrantes": len(migrants), "importaciones": imports}
