"""Malformed files (issue 15, item 6): each ends in a clear Spanish message — next to the file field,
on the batch page, or in the API's body — never a 500; nothing is imported and the job that met
the file is not retried."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from tejido.common.testing import api_client_for, client_for
from tejido.imports.models import ImportBatch
from tejido.imports.services import batch_start
from tejido.registry.models import Person
from tejido.reliability import jobs
from tejido.reliability.models import Job

from .helpers import person_row, xlsx_bytes
from .malformed import malformed_workbooks

pytestmark = pytest.mark.django_db

CASES = malformed_workbooks(xlsx_bytes([person_row()]))
# What the message must say, for each file: a reason the user can act on, not an exception's text.
EXPECTED = {
    "basura": "no es una hoja de cálculo",
    "basura_xlsx": "no es un libro de Excel",
    "zip_truncado": "dañado",
    "sin_content_types": "dañado",
    "sin_workbook": "dañado",
    "sin_hoja": "dañado",
    "sin_relaciones": "dañado",
    "relacion_rota": "dañado",
    "billion_laughs": "posible archivo malicioso",
    "tamanos_falsos": "posible archivo malicioso",
}


def test_every_case_has_its_expected_message():
    assert set(CASES) == set(EXPECTED)


def _nothing_imported():
    assert Person.objects.count() == 0
    assert not ImportBatch.objects.exclude(status=ImportBatch.Status.FAILED).exists()


@pytest.mark.parametrize("case", sorted(CASES))
def test_page_refuses_a_malformed_file_with_a_spanish_message(people, case):
    data, name = CASES[case]
    client = client_for(people["zacapa"])
    response = client.post("/importar/", {"plantilla": "personas", "archivo": SimpleUploadedFile(name, data)})
    if response.status_code == 200:  # refused in the request: next to the file field
        message = response.context["form"].errors["archivo"][0]
    else:  # refused by the import itself: the batch failed and its page says why
        assert response.status_code == 302, response.status_code
        batch = ImportBatch.objects.get()
        assert batch.status == ImportBatch.Status.FAILED
        message = batch.message
        assert escape(message) in client.get(response["Location"]).content.decode()
    assert EXPECTED[case] in message, message
    _nothing_imported()


@pytest.mark.parametrize("case", sorted(CASES))
def test_api_refuses_a_malformed_file_with_a_spanish_message(people, case):
    data, name = CASES[case]
    response = api_client_for(people["zacapa"]).post(
        "/api/v1/importar/", {"plantilla": "personas", "file": SimpleUploadedFile(name, data)})
    body = response.json()
    if response.status_code == 400:
        assert body["field"] == "archivo"
        message = body["detail"]
    else:
        assert response.status_code == 201, response.status_code
        assert body["status"] == "failed"
        message = body["message"]
    assert EXPECTED[case] in message, message
    _nothing_imported()


@pytest.mark.parametrize("case", ["billion_laughs", "tamanos_falsos", "relacion_rota", "sin_workbook"])
def test_the_job_that_meets_a_malformed_file_fails_once_and_is_not_retried(people, settings, case):
    settings.IMPORT_RUNNER, settings.JOBS_SPAWN = "process", False
    data, name = CASES[case]
    batch = batch_start(user=people["zacapa"], kind="personas", upload=SimpleUploadedFile(name, data),
                        file_name=name)
    job = Job.objects.get(kind="import", target_id=batch.pk)
    jobs.run_job(job.pk)
    job.refresh_from_db()
    batch.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.DONE, 1)  # the file's problem is the batch's outcome
    assert batch.status == ImportBatch.Status.FAILED and EXPECTED[case] in batch.message
    _nothing_imported()
