"""The SICOIN budget upload cannot hurt the server (issue 15): a size limit, a streaming read, the
workbook checked before it is opened and opened outside the web process, and every malformed
file refused with a Spanish message next to the field (page) or in the 400 body (API)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tejido.common.testing import api_client_for, client_for
from tejido.imports.tests.malformed import malformed_workbooks, with_shared_strings
from tejido.imports.tests.test_malformed_uploads import EXPECTED
from tejido.planning.models import BudgetImport, BudgetLine
from tejido.planning.samples.build_sample import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

CASES = malformed_workbooks(xlsx_bytes(csv_bytes()))
HEADER = "anio,mes,actividad,grupo_gasto,asignado,vigente,ejecutado"
ROW = "2024,1,Dirección y Coordinación,000,1000.00,1000.00,100.00"
URL = "/api/v1/planificacion/presupuesto/importacion"


def _page(people, data: bytes, name: str):
    return client_for(people["planner"]).post("/planificacion/2024/presupuesto/",
                                              {"action": "import", "file": SimpleUploadedFile(name, data)})


def _api(people, data: bytes, name: str):
    return api_client_for(people["planner"]).post(URL, {"file": SimpleUploadedFile(name, data)})


def _page_error(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["import_form"].errors["file"])


def _api_error(response) -> str:
    assert response.status_code == 400, response.status_code
    assert response.json()["field"] == "file"
    return response.json()["detail"]


def test_a_good_workbook_is_read_by_the_child_process(people, plan):
    data = (HEADER + "\n" + ROW + "\n2024,2,Dirección y Coordinación,100,200,200,20\n").encode()
    from tejido.planning.samples.build_sample import xlsx_bytes as to_xlsx

    response = _api(people, with_shared_strings(to_xlsx(data)), "e.xlsx")
    assert response.status_code == 201, response.content
    assert (response.json()["rows"], response.json()["months"]) == (2, [1, 2])


def _nothing_imported():
    assert BudgetLine.objects.count() == 0 and BudgetImport.objects.count() == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_page_refuses_a_malformed_file_next_to_the_field(people, plan, case):
    data, name = CASES[case]
    assert EXPECTED[case] in _page_error(_page(people, data, name))
    _nothing_imported()


@pytest.mark.parametrize("case", sorted(CASES))
def test_api_refuses_a_malformed_file_with_a_400(people, plan, case):
    data, name = CASES[case]
    assert EXPECTED[case] in _api_error(_api(people, data, name))
    _nothing_imported()


def test_size_limit_on_page_and_api(people, plan, settings):
    settings.BUDGET_IMPORT_MAX_BYTES = 2048
    data = (HEADER + "\n" + "\n".join([ROW] * 60) + "\n").encode()
    assert len(data) > 2048
    assert "el máximo es 2 KB" in _page_error(_page(people, data, "e.csv"))
    assert "el máximo es 2 KB" in _api_error(_api(people, data, "e.csv"))
    _nothing_imported()


def test_a_csv_with_cr_line_endings_is_read(people, plan):
    data = (HEADER + "\r" + ROW + "\r").encode()
    response = _api(people, data, "e.csv")
    assert response.status_code == 201, response.content
    assert response.json()["rows"] == 1


def test_a_cell_over_the_csv_field_limit_is_a_clear_error(people, plan):
    data = (HEADER + "\n" + '2024,1,"' + "x" * 200_000 + '",000,1,1,1\n').encode()
    assert "demasiado larga" in _api_error(_api(people, data, "e.csv"))
    assert "demasiado larga" in _page_error(_page(people, data, "e.csv"))
    _nothing_imported()


def test_a_file_in_an_unknown_encoding_is_refused(people, plan):
    data = (HEADER + "\n" + "2024,1,Дирекция и координация,000,1,1,1\n").encode("cp1251")
    assert "codificación" in _api_error(_api(people, data, "e.csv"))
    _nothing_imported()


def test_workbook_shared_strings_over_the_limit_are_refused_before_opening(people, plan, settings, monkeypatch):
    settings.XLSX_MAX_SHARED_STRINGS = 10
    from tejido.imports import sandbox

    def never(*args, **kwargs):
        raise AssertionError("the workbook must not be opened")

    monkeypatch.setattr(sandbox, "read_rows", never)
    data = with_shared_strings(xlsx_bytes(csv_bytes()))  # as Excel writes it: more than 10 distinct texts
    assert "textos distintos" in _api_error(_api(people, data, "e.xlsx"))
    _nothing_imported()
