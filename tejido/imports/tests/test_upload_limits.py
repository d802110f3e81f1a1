"""Uploads that cannot hurt the server (issue 15, items 3 and 9), with small limits set through
settings: the web request only copies, hashes, sizes and sniffs the file; the workbook is checked
part by part while it is decompressed (bytes counted, never the sizes the zip declares) before
openpyxl opens it, in the job; CSV cells over the csv module's limit, unreadable encodings and a
killed command import each end in a clear Spanish message."""

import hashlib
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from tejido.common.testing import client_for
from tejido.imports import services
from tejido.imports.models import ImportBatch
from tejido.registry.models import Person
from tejido.reliability import jobs
from tejido.reliability.models import Job

from .helpers import HEADERS, csv_bytes, person_row, xlsx_bytes
from .malformed import replace_part, with_shared_strings

pytestmark = pytest.mark.django_db


def never(*args, **kwargs):
    raise AssertionError("must not be called here")


def _failed(batch) -> str:
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED, (batch.status, batch.message)
    assert Person.objects.count() == 0
    return batch.message


# --- the web request does the cheap part only ------------------------------------------------


def test_the_web_request_copies_hashes_and_records_without_opening_the_workbook(people, settings, monkeypatch):
    settings.IMPORT_RUNNER, settings.JOBS_SPAWN = "process", False
    import openpyxl.reader.excel

    monkeypatch.setattr(openpyxl.reader.excel, "ExcelReader", never)
    monkeypatch.setattr(zipfile, "ZipFile", never)
    data = xlsx_bytes([person_row()])
    response = client_for(people["zacapa"]).post(
        "/importar/", {"plantilla": "personas", "archivo": SimpleUploadedFile("p.xlsx", data)})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.file_size, batch.file_hash) == ("queued", len(data), hashlib.sha256(data).hexdigest())
    assert Job.objects.filter(kind="import", target_id=batch.pk, status="queued").exists()
    with open(batch.upload_path, "rb") as stored:
        assert stored.read() == data


def test_a_wrong_template_is_found_by_the_job_and_shown_on_the_batch(people, run_import):
    batch = run_import(people["zacapa"], xlsx_bytes([["Partida", 1000]], ["Actividad", "Monto"]))
    assert "no es la plantilla de «Personas»" in _failed(batch)


def test_files_over_the_limit_never_reach_the_disk_whole(people, settings, tmp_path):
    settings.IMPORT_MAX_BYTES = 10 * 1024
    data = csv_bytes([person_row(address="x" * 200)] * 200)
    response = client_for(people["zacapa"]).post(
        "/importar/", {"plantilla": "personas", "archivo": SimpleUploadedFile("p.csv", data)})
    assert response.status_code == 200
    assert "el máximo es 10 KB" in response.context["form"].errors["archivo"][0]
    assert ImportBatch.objects.count() == 0
    staging = os.path.join(settings.MEDIA_ROOT, "imports", "staging")
    assert not os.path.exists(staging) or os.listdir(staging) == []


# --- the workbook, checked part by part before openpyxl opens it ------------------------------


def _workbook_with_texts(count: int) -> bytes:
    """Excel's way: each distinct text once in the shared strings (2 per row here, plus the rest)."""
    return with_shared_strings(xlsx_bytes([person_row(given_names=f"Nombre {n}", address=f"Aldea {n}")
                                           for n in range(count)]))


def _padded_sheet(data: bytes, extra: int) -> bytes:
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    return replace_part(data, "xl/worksheets/sheet1.xml", sheet.replace("</worksheet>", " " * extra + "</worksheet>"))


def _styles_padded(data: bytes, extra: int) -> bytes:
    styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
    return replace_part(data, "xl/styles.xml", styles.replace("</styleSheet>", " " * extra + "</styleSheet>"))


LIMITS = {
    "textos_compartidos": ({"XLSX_MAX_SHARED_STRINGS": 20}, lambda: _workbook_with_texts(30), "textos distintos"),
    "bytes_textos": ({"XLSX_MAX_SHARED_STRINGS_BYTES": 2000}, lambda: _workbook_with_texts(30), "textos distintos"),
    "parte": ({"XLSX_MAX_PART_BYTES": 20_000}, lambda: _styles_padded(xlsx_bytes([person_row()]), 30_000),
              "posible archivo malicioso"),
    "total": ({"XLSX_MAX_EXPANDED_BYTES": 200_000}, lambda: _padded_sheet(xlsx_bytes([person_row()]), 300_000),
              "posible archivo malicioso"),
    "proporcion": ({}, lambda: _padded_sheet(xlsx_bytes([person_row()]), 3 * 1024 * 1024),
                   "posible archivo malicioso"),
}


@pytest.mark.parametrize("case", sorted(LIMITS))
def test_workbook_limits_are_enforced_before_openpyxl_opens_it(people, run_import, settings, monkeypatch, case):
    limits, build, fragment = LIMITS[case]
    for name, value in limits.items():
        setattr(settings, name, value)
    data = build()
    import openpyxl.reader.excel

    monkeypatch.setattr(openpyxl.reader.excel, "ExcelReader", never)
    assert fragment in _failed(run_import(people["zacapa"], data))


def test_under_the_limits_the_same_workbook_imports(people, run_import, settings):
    settings.XLSX_MAX_SHARED_STRINGS = 200
    batch = run_import(people["zacapa"], _workbook_with_texts(30))
    assert (batch.status, batch.created_rows) == ("done", 30), batch.message


def test_the_job_memory_cap_turns_a_memory_bomb_into_a_clear_failure(people, settings, monkeypatch):
    settings.IMPORT_RUNNER, settings.JOBS_SPAWN = "process", False
    batch = services.batch_start(user=people["zacapa"], kind="personas", file_name="p.csv",
                                 upload=io.BytesIO(csv_bytes([person_row()])))
    caps = []

    class Cap:
        def __init__(self, megabytes):
            caps.append(megabytes)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(services, "memory_cap", Cap)

    def bomb(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(services.reader, "inspect", bomb)
    jobs.run_job(Job.objects.get(target_id=batch.pk).pk)
    assert caps == [settings.IMPORT_JOB_MEMORY_MB]
    assert "más memoria" in _failed(batch)
    assert Job.objects.get(target_id=batch.pk).status == "done"  # not retried


# --- CSV: a cell over the csv module's limit, line endings, encodings -------------------------


def test_a_cell_over_the_csv_field_limit_fails_the_file_once_without_retry(people, settings):
    settings.IMPORT_RUNNER, settings.JOBS_SPAWN = "process", False
    data = csv_bytes([person_row(), person_row(address="x" * 200_000)])
    batch = services.batch_start(user=people["zacapa"], kind="personas", upload=io.BytesIO(data), file_name="p.csv")
    job = Job.objects.get(kind="import", target_id=batch.pk)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)
    message = _failed(batch)
    assert "fila 3" in message and "demasiado larga" in message


def test_a_line_too_long_to_read_is_refused_before_any_row_is_read(people, run_import, monkeypatch):
    """One unclosed quote and no line end for megabytes: the csv module would read the whole line
    into memory before seeing its field limit. Scaled down: chunks of 64 bytes, lines of 256."""
    from tejido.imports import reader

    monkeypatch.setattr(reader, "CHUNK", 64)
    monkeypatch.setattr(reader, "MAX_LINE_BYTES", 256)
    data = csv_bytes([person_row(), person_row()]) + b'"' + b"x" * 300
    message = _failed(run_import(people["zacapa"], data, "personas.csv"))
    assert "fila 4" in message and "una línea pasa de 256 bytes" in message
    ok = csv_bytes([person_row(given_names=f"P{n}") for n in range(3)])
    assert max(len(line) for line in ok.split(b"\r\n")) < 256
    assert run_import(people["zacapa"], ok, "personas.csv").status == "done"


def test_cr_only_line_endings_are_read(people, run_import):
    data = csv_bytes([person_row(), person_row(given_names="Rosa")]).replace(b"\r\n", b"\r")
    batch = run_import(people["zacapa"], data, "personas.csv")
    assert (batch.status, batch.created_rows) == ("done", 2), batch.message


ASCII_ROW = person_row(given_names="Ana", first_surname="Perez", language_community="Espanol")
SPANISH = [person_row(given_names="José Ñoño", first_surname="Peña", address="Cantón «El Güegüense» 3ª calle")]


@pytest.mark.parametrize("encoding, bom, delimiter", [
    ("utf-8", b"", ","), ("utf-8", b"\xef\xbb\xbf", ";"), ("cp1252", b"", ";"), ("latin-1", b"", ","),
    ("utf-16-le", b"\xff\xfe", "\t"), ("utf-16-be", b"\xfe\xff", "\t"),
])
def test_accepted_encodings(people, run_import, encoding, bom, delimiter):
    rows = SPANISH if encoding != "latin-1" else [person_row(given_names="José Ñoño", first_surname="Peña")]
    data = bom + csv_bytes(rows, encoding=encoding, delimiter=delimiter)
    batch = run_import(people["zacapa"], data, "personas.csv")
    assert (batch.status, batch.created_rows) == ("done", 1), batch.message
    person = Person.objects.get()
    assert (person.given_names, person.first_surname) == ("José Ñoño", "Peña")


@pytest.mark.parametrize("name, data, fragment", [
    ("cirilico", "Имя,Фамилия\nИван,Петров\nАнна,Смирнова\n".encode("cp1251"), "«cp1251»"),
    # Excel's «CSV (MS-DOS)» and «CSV (Macintosh)»: Spanish, but in code pages that read as mojibake.
    ("ms_dos", csv_bytes([ASCII_ROW] * 20 + SPANISH, encoding="cp850"), "codificación"),
    ("macintosh", csv_bytes([ASCII_ROW] * 20 + SPANISH, encoding="mac_roman"), "codificación"),
    ("chino", csv_bytes([person_row(given_names="张三", address="北京市")], encoding="gb18030"), "codificación"),
    ("bytes_al_azar", bytes(b % 255 + 1 for b in hashlib.shake_256(b"x").digest(20_000)), "codificación"),
    ("utf8_con_bom_roto", b"\xef\xbb\xbf" + csv_bytes([person_row()]) + b"\xff\xfe\xfa", "UTF-8"),
])
def test_unreadable_encodings_are_refused_naming_the_problem(people, run_import, name, data, fragment):
    assert fragment in _failed(run_import(people["zacapa"], data, "personas.csv"))


# --- a killed command import is recovered on the next run ------------------------------------


def test_a_command_batch_whose_process_is_gone_is_marked_failed_on_the_next_run(people, tmp_path, capsys):
    stale = ImportBatch.objects.create(user=people["zacapa"], kind="personas", file_name="viejo.csv",
                                       file_hash="0" * 64, status=ImportBatch.Status.IMPORTING,
                                       worker=f"{jobs.HOST}:999999999", heartbeat_at=timezone.now())
    alive = ImportBatch.objects.create(user=people["zacapa"], kind="personas", file_name="vivo.csv",
                                       file_hash="1" * 64, status=ImportBatch.Status.IMPORTING,
                                       worker=jobs.worker_id(), heartbeat_at=timezone.now())
    queued = ImportBatch.objects.create(user=people["zacapa"], kind="personas", file_name="cola.csv",
                                        file_hash="2" * 64, status=ImportBatch.Status.QUEUED)
    jobs.enqueue("import", queued.pk, spawn=False)  # the job system looks after this one
    path = tmp_path / "personas.csv"
    path.write_bytes(csv_bytes([person_row()]))
    call_command("import_data", "personas", str(path), "--usuario", "zacapa1")
    stale.refresh_from_db()
    alive.refresh_from_db()
    queued.refresh_from_db()
    assert stale.status == ImportBatch.Status.FAILED and stale.finished_at is not None
    assert "se interrumpió" in stale.message
    assert (alive.status, queued.status) == ("importing", "queued")
    assert "1 importación interrumpida" in capsys.readouterr().out


def test_a_batch_whose_heartbeat_stopped_on_another_host_is_recovered(people):
    stale = ImportBatch.objects.create(user=people["zacapa"], kind="personas", file_name="viejo.csv",
                                       file_hash="0" * 64, status=ImportBatch.Status.VALIDATING,
                                       worker="otro-servidor:12", heartbeat_at=timezone.now())
    assert services.recover_interrupted() == []
    ImportBatch.objects.filter(pk=stale.pk).update(heartbeat_at=timezone.now() - timezone.timedelta(minutes=10))
    assert services.recover_interrupted() == [stale.pk]


def test_headers_are_checked_in_the_job(people, run_import):
    headers = [h for h in HEADERS if h != "Sexo"]
    rows = [[v for h, v in zip(HEADERS, person_row(), strict=True) if h in headers]]
    assert _failed(run_import(people["zacapa"], csv_bytes(rows, headers), "p.csv")) == (
        "Faltan columnas obligatorias: «Sexo».")
