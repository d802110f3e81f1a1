"""The page, the API and the command reach the same import with the same rules."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tejido.common.models import AccessEvent
from tejido.common.testing import api_client_for, client_for
from tejido.imports.models import ImportBatch
from tejido.registry.models import Person

from .helpers import HEADERS, person_row, read_report, xlsx_bytes

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_template_has_headers_dropdowns_and_instructions(people):
    response = client_for(people["zacapa"]).get("/importar/plantillas/personas.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Datos", "Listas", "Instrucciones"]
    data = book["Datos"]
    assert [c.value for c in data[1]] == HEADERS
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert validations["E2"] == "'Listas'!$E$1:$E$2"  # Sexo: Hombre, Mujer
    lists = book["Listas"]
    assert (lists["E1"].value, lists["E2"].value) == ("Hombre", "Mujer")
    assert lists["I1"].value == "101 - Guatemala (Guatemala)"
    assert lists["P1"].value == f"{people['zacapa_cadi'].pk} - CADI Zacapa"
    assert lists["P2"].value is None  # the Jutiapa CADI is not offered to Zacapa
    assert book["Listas"].sheet_state == "hidden"
    instructions = [r[0] for r in book["Instrucciones"].iter_rows(values_only=True)]
    assert "Nombres" in instructions and "Comunidad lingüística" in instructions


def test_page_upload_with_errors_then_report(people):
    client = client_for(people["zacapa"])
    upload = SimpleUploadedFile("personas.xlsx", xlsx_bytes([person_row(), person_row(given_names="Eva", sex="?")]),
                                content_type=XLSX)
    response = client.post("/importar/", {"plantilla": "personas", "archivo": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/importar/{batch.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "1 fila tiene errores: no se importó nada" in page and "Descargar informe de errores" in page
    assert "<td>3</td><td>Sexo: Valor desconocido «?»" in page  # first errors shown on the page itself
    report = client.get(f"/importar/{batch.pk}/errores/")
    assert report.status_code == 200
    assert 'filename="errores_personas.xlsx"' in report["Content-Disposition"]
    assert AccessEvent.objects.filter(model="imports.ImportBatch", object_id=str(batch.pk), action="export").exists()
    listing = client.get("/importar/").content.decode()
    assert "personas.xlsx" in listing and "Con errores: no se importó nada" in listing


def test_page_shows_a_file_problem_next_to_the_file_field(people):
    client = client_for(people["zacapa"])
    response = client.post("/importar/", {"plantilla": "personas",
                                          "archivo": SimpleUploadedFile("p.xlsx", b"\xd0\xcf\x11\xe0 old xls")})
    assert response.status_code == 200
    form = response.context["form"]
    assert "no es un libro de Excel" in form.errors["archivo"][0]
    assert ImportBatch.objects.count() == 0


def test_page_shows_a_problem_found_by_the_import_on_the_batch(people):
    """The workbook is opened by the import, not by the web request (issue 15): its problems are
    the batch's message."""
    client = client_for(people["zacapa"])
    upload = SimpleUploadedFile("p.xlsx", xlsx_bytes([person_row(), person_row()], merge="B2:B3"))
    response = client.post("/importar/", {"plantilla": "personas", "archivo": upload})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Falló" in page and "celdas combinadas" in page
    assert ImportBatch.objects.get().status == "failed" and Person.objects.count() == 0


def test_read_only_roles_see_no_upload_form(people):
    page = client_for(people["auditor"]).get("/importar/").content.decode()
    assert "Su rol es de solo lectura" in page and 'name="archivo"' not in page
    response = client_for(people["planner"]).post("/importar/", {
        "plantilla": "personas", "archivo": SimpleUploadedFile("p.xlsx", xlsx_bytes([person_row()]))})
    assert "cifras agregadas" in response.content.decode() or "solo lectura" in response.content.decode()
    assert Person.objects.count() == 0


def test_api_upload_status_and_report(people):
    api = api_client_for(people["zacapa"])
    data = xlsx_bytes([person_row(), person_row(given_names="Eva", birth_date="mañana")])
    response = api.post("/api/v1/importar/", {"plantilla": "personas", "solo_validas": "true",
                                              "file": SimpleUploadedFile("p.xlsx", data)})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["total_rows"], body["error_rows"], body["created_rows"], body["percent"]) == (
        "done", 2, 1, 1, 100)
    status = api.get(f"/api/v1/importar/{body['id']}").json()
    assert status["error_preview"][0][0] == 3 and status["error_preview"][0][1].startswith("Fecha de nacimiento:")
    assert status["error_report"] == f"/api/v1/importar/{body['id']}/errores"
    report = api.get(status["error_report"])
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content)))["Datos"]
    assert sheet["Q3"].value.startswith("Fecha de nacimiento: Fecha no válida «mañana»")
    assert [b["id"] for b in api.get("/api/v1/importar/").json()] == [body["id"]]


def test_api_refuses_a_bad_file_with_the_field(people):
    api = api_client_for(people["zacapa"])
    response = api.post("/api/v1/importar/", {"plantilla": "personas", "file": SimpleUploadedFile("p.csv", b"")})
    assert response.status_code == 400
    assert response.json() == {"detail": "El archivo está vacío.", "field": "archivo"}
    response = api.post("/api/v1/importar/", {"plantilla": "personas",
                                              "file": SimpleUploadedFile("p.csv", b"a,b\n1,2\n")})
    assert response.status_code == 201  # the import reads the headers: its batch fails, saying why
    assert response.json()["status"] == "failed" and "no es la plantilla" in response.json()["message"]
    assert api_client_for(people["planner"]).post("/api/v1/importar/", {
        "plantilla": "personas", "file": SimpleUploadedFile("p.xlsx", xlsx_bytes([person_row()]))}).status_code == 403


def test_command_dry_run_then_import(people, tmp_path, capsys):
    path = tmp_path / "personas.xlsx"
    path.write_bytes(xlsx_bytes([person_row(), person_row(given_names="Eva")]))
    call_command("import_data", "personas", str(path), "--usuario", "zacapa1", "--dry-run")
    assert "Validado (sin importar)" in capsys.readouterr().out and Person.objects.count() == 0
    call_command("import_data", "personas", str(path), "--usuario", "zacapa1")
    assert Person.objects.count() == 2
    path.write_bytes(xlsx_bytes([person_row(given_names="Rosa", municipality_id="2201")]))
    with pytest.raises(CommandError, match="No se importó nada"):
        call_command("import_data", "personas", str(path), "--usuario", "zacapa1")
    batch = ImportBatch.objects.first()
    assert "fuera de los departamentos" in read_report(batch.report_path)[1][-1]


def test_sample_template_is_a_real_looking_file_with_two_errors(people, tmp_path, run_import):
    path = tmp_path / "muestra.xlsx"
    call_command("import_template", "personas", str(path), "--muestra")
    batch = run_import(people["zacapa"], path.read_bytes())
    notes = [r[-1] for r in read_report(batch.report_path)[1:]]
    assert (batch.total_rows, batch.error_rows) == (8, 2)
    assert notes[3] == "CUI: El CUI no es válido: el dígito verificador no coincide."
    assert notes[5].startswith("Comunidad lingüística: Valor desconocido «Klingon»")


def test_docs_describe_every_column_of_every_template():
    from pathlib import Path

    from tejido.imports.kinds import KINDS

    docs = (Path(__file__).resolve().parents[3] / "docs" / "import.md").read_text()
    for kind in KINDS.values():
        assert f"(`{kind.slug}`)" in docs
        for column in kind.columns:
            assert f"| {column.header} |" in docs, column.header


def test_planner_sees_the_form_for_the_budget_only(people):
    page = client_for(people["planner"]).get("/importar/").content.decode()
    assert 'name="archivo"' in page and "Ejecución presupuestaria (SICOIN)" in page


def test_api_imports_every_kind_by_its_slug_within_the_scope(people):
    from tejido.common.testing import make_person
    from tejido.imports.kinds import KINDS
    from tejido.registry.models import Household

    rosa, eva = make_person(given_names="Rosa"), make_person(2201, given_names="Eva")
    headers = [c.header for c in KINDS["hogares"].columns]
    data = xlsx_bytes([["", "Familia Pérez", "1901", "", rosa.pk, "Jefa", ""]], headers)
    response = api_client_for(people["zacapa"]).post("/api/v1/importar/", {
        "plantilla": "hogares", "file": SimpleUploadedFile("h.xlsx", data)})
    assert response.status_code == 201 and response.json()["created_rows"] == 1, response.content
    # Jutiapa's officer names Rosa (Zacapa) and Eva (hers) in one household of Zacapa: refused.
    data = xlsx_bytes([["", "Familia Otra", "1901", "", eva.pk, "Jefa", ""],
                       ["", "Familia Otra", "1901", "", rosa.pk, "Hija", ""]], headers)
    body = api_client_for(people["jutiapa"]).post("/api/v1/importar/", {
        "plantilla": "hogares", "file": SimpleUploadedFile("h.xlsx", data)}).json()
    assert (body["status"], body["error_rows"], body["created_rows"]) == ("rejected", 2, 0)
    assert "fuera de su territorio" in body["error_preview"][1][1]
    assert list(Household.objects.values_list("name", flat=True)) == ["Familia Pérez"]


@pytest.mark.parametrize("slug", ["hogares", "asistencia", "eventos", "entregas", "ingresos", "recepciones",
                                  "presupuesto"])
def test_every_new_template_downloads_with_its_headers_and_only_centers_in_scope(people, slug):
    from tejido.imports.kinds import KINDS

    response = client_for(people["zacapa"]).get(f"/importar/plantillas/{slug}.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["Datos"][1]] == [c.header for c in KINDS[slug].columns]
    listed = {v for row in book["Listas"].iter_rows(values_only=True) for v in row if v}
    assert f"{people['jutiapa_cadi'].pk} - CADI Jutiapa" not in listed
    if any(c.name == "center_id" for c in KINDS[slug].columns):
        assert f"{people['zacapa_cadi'].pk} - CADI Zacapa" in listed
