"""Issue 18 item 2: a folder or ZIP of template files imported in one go, in the templates' order
whatever the files are called, each file all or nothing, stopping at the first file refused, and a
second run skipping what is already in."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from tejido.centers.models import Center
from tejido.childcare.models import Caregiver
from tejido.common.testing import valid_cui
from tejido.imports.bundle import planned, template_of
from tejido.imports.kinds import KINDS
from tejido.imports.models import ImportBatch
from tejido.registry.models import Person

from .helpers import csv_bytes, person_row

pytestmark = pytest.mark.django_db
CENTER_HEADERS = [c.header for c in KINDS["centros"].columns]
CAREGIVER_HEADERS = [c.header for c in KINDS["cuidadoras"].columns]


def test_a_file_is_its_template_by_the_start_of_its_name():
    assert template_of("centros.xlsx") == "centros"
    assert template_of("02-personas Zacapa.csv") == "personas"
    assert template_of("carpeta/entregas_2023-03.XLSX") == "entregas"
    assert template_of("puestos_docentes.csv") == "puestos_docentes"
    assert template_of("personasXYZ.csv") == ""      # not «personas» followed by a separator
    assert template_of("beneficiarios.xlsx") == ""
    assert template_of("personas.pdf") == ""
    # Imported in the templates' order (centers, people, then what names them), not by file name;
    # spreadsheets naming no template listed last; other files and system files not read.
    names = ["1-cuidadoras.csv", "2-personas.csv", "3-centros.csv", "beneficiarios.xlsx", "LEEME.txt",
             "__MACOSX/3-centros.csv", "~$2-personas.csv"]
    assert [(f.name, f.kind) for f in planned(names)] == [
        ("3-centros.csv", "centros"), ("2-personas.csv", "personas"), ("1-cuidadoras.csv", "cuidadoras"),
        ("beneficiarios.xlsx", "")]


def _files(*, bad_person: bool = False) -> dict[str, bytes]:
    """A CADI, two caregivers registered as people, and who pays each; the people named by CUI and
    the center by its office code, as an office's spreadsheets would."""
    rosa, marta = valid_cui(), valid_cui()
    people = [person_row(given_names="Rosa", first_surname="Bundle", birth_date="01/02/1985", cui=rosa),
              person_row(given_names="Marta", first_surname="Bundle", birth_date="01/06/1979", cui=marta,
                         sex="M" if bad_person else "Mujer")]  # a bare «M»: refused, never guessed
    return {
        "1-cuidadoras.csv": csv_bytes([[rosa, "CADI-77", "09/01/2023", "SOSEP", "1000"],
                                       [marta, "CADI-77", "01/03/2023", "Municipalidad", ""]], CAREGIVER_HEADERS),
        "2-personas.csv": csv_bytes(people),
        "3-centros.csv": csv_bytes([["CADI-77", "CADI El Bundle", "CADI", "1901", "", "", "", "2019-03-01", "8",
                                     "16:00", 40, ""]], CENTER_HEADERS),
        "LEEME.txt": b"Archivos de la migracion",
        "beneficiarios.xlsx": b"not a template",
    }


def _zip(files: dict[str, bytes], path) -> str:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"migracion/{name}", data)
    return str(path)


def _run(path, user) -> tuple[str, bool]:
    out = io.StringIO()
    try:
        call_command("import_bundle", path, usuario=user.username, stdout=out)
        return out.getvalue(), True
    except CommandError:
        return out.getvalue(), False


def test_a_folder_is_imported_in_order_and_a_second_run_creates_nothing(people, tmp_path):
    for name, data in _files().items():
        (tmp_path / name).write_bytes(data)
    out, ok = _run(str(tmp_path), people["zacapa"])
    assert not ok  # «beneficiarios.xlsx» names no template: said, and the run is not clean
    lines = out.splitlines()
    assert lines[0].startswith("3-centros.csv (centros): Importado. Filas 1, con error 0, ya importadas 0, creadas 1.")
    assert lines[1].startswith("2-personas.csv (personas): Importado. Filas 2, con error 0, ya importadas 0, "
                               "creadas 2.")
    assert lines[2].startswith("1-cuidadoras.csv (cuidadoras): Importado. Filas 2, con error 0, ya importadas 0, "
                               "creadas 2.")
    assert lines[3].startswith("beneficiarios.xlsx: El nombre no corresponde a ninguna plantilla")
    assert lines[4] == "3 de 4 archivos importados; 5 registros creados."
    center = Center.objects.get(code="CADI-77")
    assert sorted(Caregiver.objects.values_list("person__given_names", "center", "payer")) == [
        ("Marta", center.pk, "municipalidad"), ("Rosa", center.pk, "sosep")]
    assert set(ImportBatch.objects.values_list("user__username", flat=True)) == {people["zacapa"].username}

    again, _ok = _run(str(tmp_path), people["zacapa"])
    assert "0 registros creados" in again and again.count("creadas 0.") == 3
    assert Person.objects.filter(first_surname="Bundle").count() == 2 and Caregiver.objects.count() == 2


def test_a_zip_stops_at_the_first_file_refused_and_goes_on_when_it_is_mended(people, tmp_path):
    files = _files(bad_person=True)
    out, ok = _run(_zip(files, tmp_path / "migracion.zip"), people["zacapa"])
    assert not ok
    lines = out.splitlines()
    assert lines[0].startswith("migracion/3-centros.csv (centros): Importado.")
    assert lines[1].startswith("migracion/2-personas.csv (personas): Con errores: no se importó nada.")
    # The caregivers refer to the people the refused file would have created: not tried.
    assert lines[2] == "migracion/1-cuidadoras.csv: No se importó: antes falló «migracion/2-personas.csv»."
    assert not Person.objects.filter(first_surname="Bundle").exists() and not Caregiver.objects.exists()

    mended = {**files, "2-personas.csv": csv_bytes([
        person_row(given_names="Rosa", first_surname="Bundle", birth_date="01/02/1985",
                   cui=_cui_in(files["1-cuidadoras.csv"], 0)),
        person_row(given_names="Marta", first_surname="Bundle", birth_date="01/06/1979",
                   cui=_cui_in(files["1-cuidadoras.csv"], 1))])}
    del mended["beneficiarios.xlsx"]
    out, ok = _run(_zip(mended, tmp_path / "migracion2.zip"), people["zacapa"])
    assert ok, out
    assert "migracion/3-centros.csv (centros): Importado. Filas 1, con error 0, ya importadas 1, creadas 0." in out
    assert Caregiver.objects.filter(start=dt.date(2023, 1, 9), payer="sosep").count() == 1
    assert Caregiver.objects.count() == 2


def test_scope_is_the_importer_s_and_a_path_that_is_neither_folder_nor_zip_is_refused(people, tmp_path):
    """A Zacapa officer's bundle with a center in Jutiapa: that file is refused next to its row,
    nothing after it runs; a plain file is neither a folder nor a ZIP."""
    (tmp_path / "centros.csv").write_bytes(csv_bytes([["CADI-88", "CADI Jutiapa", "CADI", "2201", "", "", "", "",
                                                       "", "", "", ""]], CENTER_HEADERS))
    out, ok = _run(str(tmp_path), people["zacapa"])
    assert not ok and "centros.csv (centros): Con errores: no se importó nada." in out
    assert not Center.objects.filter(code="CADI-88").exists()
    with pytest.raises(CommandError, match="no es una carpeta ni un archivo ZIP"):
        call_command("import_bundle", str(tmp_path / "centros.csv"), usuario=people["zacapa"].username,
                     stdout=io.StringIO())


def _cui_in(data: bytes, row: int) -> str:
    return data.decode().splitlines()[1 + row].split(",")[0]



